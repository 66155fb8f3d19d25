"""The clause-by-clause diff: clauses matched by lineage, with a word diff of what changed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kuzbas.contracts import diff
from kuzbas.contracts.services import clauses, versions
from tests.contracts.conftest import carry, lease

pytestmark = pytest.mark.django_db


def test_the_word_diff_marks_what_was_deleted_and_what_inserted():
    pieces = diff.word_diff(
        "The colony delivers coal by 1 January 1923.", "The colony delivers coke by 1 July 1923."
    )

    assert [(p.op, p.text) for p in pieces if p.op != "keep"] == [
        ("delete", "coal"),
        ("insert", "coke"),
        ("delete", "January"),
        ("insert", "July"),
    ]


words = st.lists(st.sampled_from(["coal", "coke", "by", "the", "STO", "1922", "1923"]), max_size=12)


@given(old=words, new=words)
def test_the_word_diff_rebuilds_both_texts(old, new):
    a, b = " ".join(old), " ".join(new)

    pieces = diff.word_diff(a, b)

    assert "".join(p.text for p in pieces if p.op != "insert") == a
    assert "".join(p.text for p in pieces if p.op != "delete") == b


def test_an_amendment_shows_added_changed_and_removed_clauses_even_when_renumbered(world):
    contract, first = lease(world)
    first = versions.submit(actor=world.keeper, version=first)
    carry(world, first.motion)
    second = versions.new_version(actor=world.keeper, contract=contract)
    by_number = {c.number: c for c in second.clauses.all()}
    clauses.remove_clause(actor=world.keeper, clause=by_number["1"])
    clauses.change_clause(
        actor=world.keeper,
        clause=by_number["2"],
        number="1",
        text=by_number["2"].text.replace("1000", "1500"),
    )
    clauses.add_clause(actor=world.keeper, version=second, number="4", text="The city may audit.")

    compared = diff.compare(second)

    assert [(c.kind, c.number) for c in compared.changes] == [
        ("removed", "1"),
        ("changed", "1"),
        ("same", "3"),
        ("added", "4"),
    ]
    changed = compared.changes[1]
    assert changed.old.number == "2"
    assert [(p.op, p.text) for p in changed.words if p.op != "keep"] == [
        ("delete", "1000"),
        ("insert", "1500"),
    ]
    assert (compared.added, compared.changed, compared.removed) == (1, 1, 1)


def test_a_first_version_is_all_added(world):
    _contract, first = lease(world)

    compared = diff.compare(first)

    assert [c.kind for c in compared.changes] == ["added"] * 3
