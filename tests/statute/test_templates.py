"""The statutes a new enterprise is founded on (`kuzbas init --template`) pass the check."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.governance.statute_templates import TEMPLATES, with_effective
from kuzbas.statute import admit_motion, build_history, check_text, main_check
from kuzbas.statute.clauses import clauses
from kuzbas.statute.model import MatterKind
from tests.statute.examples import DEMO_STATUTES


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_each_template_passes_the_check_with_no_problem(name):
    code, text = main_check(str(TEMPLATES[name].path))

    assert code == 0, text
    assert ": OK: " in text


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_each_template_says_how_it_is_amended_and_cites_every_clause(name):
    statute = check_text(TEMPLATES[name].text(), file=TEMPLATES[name].file).statute

    assert [m.id for m in statute.matters if m.kind is MatterKind.AMENDMENT]
    assert statute.require_sources
    for clause in [statute, *clauses(statute).values()]:
        assert clause.source or clause.assumption, clause


def test_the_cooperative_has_a_meeting_an_elected_board_with_terms_and_an_audit_committee():
    statute = check_text(TEMPLATES["cooperative"].text()).statute

    assert statute.body("general-meeting").kind == "general_meeting"
    board = statute.seat("board.member")
    assert (board.filled_by, board.count, board.term_months) == ("election", 5, 24)
    assert statute.seat("audit-committee.member").filled_by == "election"
    for matter in ("admission", "expulsion", "statute_amendment"):
        assert statute.matter(matter).competent == "general-meeting"
    amendment = statute.procedure_for(statute.matter("statute_amendment"))
    assert amendment.majority.describe() == "at least two thirds of the votes cast"
    entrenched = {e.clause: e.majority.describe() for e in statute.entrenched}
    assert entrenched["matter.statute_amendment"] == "at least three quarters of the votes cast"
    assert {"matter.admission", "matter.expulsion"} <= entrenched.keys()


def test_the_cooperatives_board_cannot_expel_a_member():
    history = build_history([check_text(TEMPLATES["cooperative"].text()).statute])

    answer = admit_motion(history, matter="expulsion", body="board", as_of=dt.date(2026, 6, 1))

    assert answer.rule == "matter.expulsion"
    assert "General meeting of members" in answer.reason


def test_every_cooperative_clause_cites_the_template_itself():
    statute = check_text(TEMPLATES["cooperative"].text()).statute

    sources = {c.source for c in [statute, *clauses(statute).values()]}
    assert sources == {"Kuzbas cooperative template"}


def test_the_colony_template_is_the_demos_1921_arrangement():
    template = TEMPLATES["colony-1921"]

    assert template.text() == (DEMO_STATUTES / "aick-1921.toml").read_text(encoding="utf-8")
    assert template.dated


def test_the_founding_day_replaces_the_date_in_force_and_nothing_else():
    text = TEMPLATES["cooperative"].text()

    founded = with_effective(text, dt.date(2027, 3, 15))

    statute = check_text(founded).statute
    assert statute.effective == dt.date(2027, 3, 15)
    assert len(founded.splitlines()) == len(text.splitlines())
    assert [a for a, b in zip(text.splitlines(), founded.splitlines(), strict=True) if a != b] == [
        "effective = 2026-01-01"
    ]
