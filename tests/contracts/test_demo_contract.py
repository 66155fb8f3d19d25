"""The demo's contract with the state: the 1921 contract and the New Contract of 1922, with
their dates and signatories as the article gives them, and clause texts marked illustrative."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType

from kuzbas.contracts import diff
from kuzbas.contracts.models import Act, Clause, Contract, Obligation, Party
from kuzbas.core.actor import Operator
from kuzbas.demo.loader import load_demo
from kuzbas.record.models import Citation

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            load_demo(actor=Operator("test"))
            yield
            transaction.set_rollback(True)


@pytest.mark.parametrize("model", [Party, Contract, Act, Clause, Obligation])
def test_every_contract_item_cites_a_source_or_says_it_is_illustrative(demo, model):
    ctype = ContentType.objects.get_for_model(model)
    cited = set(Citation.objects.filter(content_type=ctype).values_list("object_id", flat=True))

    assert [str(o) for o in model.objects.all() if o.pk not in cited] == []


def test_the_1921_contract_has_its_dated_acts_and_signatories(demo):
    contract = Contract.objects.get(key="contract-1921")

    acts = [(a.kind, a.date) for a in contract.acts.order_by("date")]
    final = contract.acts.get(kind="concluded")

    assert acts[:3] == [
        ("signed", dt.date(1921, 10, 21)),
        ("approved", dt.date(1921, 10, 25)),
        ("concluded", dt.date(1921, 11, 22)),
    ]
    assert [s.person.key for s in final.signatories.all()] == [
        "lenin",
        "haywood",
        "beyer",
        "rutgers",
    ]


def test_the_new_contract_replaced_the_first_and_postponed_the_nadezhdinsk_transfer(demo):
    contract = Contract.objects.get(key="contract-1921")
    first, new, terms_of_1924 = contract.versions.order_by("number")

    compared = diff.compare(new)
    waived = Obligation.objects.get(version=first, kind="transfer")

    assert (first.status, new.status, new.in_force_from) == (
        "superseded",
        "superseded",  # by the terms of the 1924 transfer
        dt.date(1922, 12, 25),
    )
    assert (terms_of_1924.status, terms_of_1924.in_force_from) == ("in_force", dt.date(1924, 9, 1))
    assert [(c.kind, c.number) for c in compared.changes if c.kind != "same"] == [
        ("changed", "2"),
        ("added", "4"),
        ("added", "5"),
    ]
    assert (waived.status, waived.waived_by) == ("waived", new)


def test_every_clause_text_is_marked_illustrative(demo):
    assert not Clause.objects.filter(illustrative=False).exists()
