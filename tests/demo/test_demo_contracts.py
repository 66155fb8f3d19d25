"""The demo's contract with the state: the dated acts as the article gives them, each cited;
the clauses and amounts the article does not give marked illustrative; money tied to clauses."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType

from kuzbas.contracts.balances import balance_on, in_currency
from kuzbas.contracts.models import Act, Clause, Contract, MoneyLine, Party
from kuzbas.core.actor import Operator
from kuzbas.demo.loader import load_demo
from kuzbas.record.models import Citation

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def contract(db) -> Contract:
    load_demo(actor=Operator("test"))
    return Contract.objects.get(key="contract-1921")


def _acts(contract, kind):
    return [
        (a.date, a.precision, a.by.key if a.by else None) for a in contract.acts.filter(kind=kind)
    ]


def test_the_acts_of_1921_are_dated_and_made_by_whom_the_article_says(contract):
    assert _acts(contract, "signed") == [(D(1921, 10, 21), "day", "sto")]
    assert _acts(contract, "approved")[0] == (D(1921, 10, 25), "day", "snk")
    final = contract.acts.get(date=D(1921, 11, 22))
    assert [s.name for s in final.signatories.all()] == [
        "V. I. Lenin",
        "W. D. Haywood",
        "J. H. Beyer",
        "S. J. Rutgers",
    ]
    roles = {r.party.key: r.named_as for r in contract.parties.all()}
    assert roles["aick"] == "the initiatory group of American workmen"


def test_the_later_acts_and_the_successor(contract):
    new_contract = contract.acts.get(date=D(1922, 12, 25))
    assert (new_contract.version.number, new_contract.by.key) == (2, "sto")
    assert _acts(contract, "revision_proposed") == [(D(1922, 1, 1), "year", "gosplan")]
    assert _acts(contract, "conference") == [(D(1926, 11, 19), "day", "sto")]
    assert _acts(contract, "liquidation_decided") == [(D(1926, 12, 22), "day", "sto")]
    assert _acts(contract, "terminated")[0][0] == D(1927, 1, 1)
    assert _acts(contract, "reorganised") == [(D(1927, 1, 1), "year", "kuzbassugol")]
    assert _acts(contract, "investigated") == [(D(1924, 3, 1), "month", "sto")]


def test_the_new_contract_is_a_new_version_that_postpones_nadezhdinsk(contract):
    new = contract.versions.get(number=2)
    assert new.replaces.number == 1 and new.in_force_from == D(1922, 12, 25)
    postponed = new.clauses.get(number="2")
    assert "postponed" in postponed.translation and postponed.carried_from.version.number == 1


@pytest.mark.parametrize("model", [Party, Contract, Act, Clause, MoneyLine])
def test_every_row_cites_a_source_or_says_it_is_illustrative(contract, model):
    ctype = ContentType.objects.get_for_model(model)
    cited = set(Citation.objects.filter(content_type=ctype).values_list("object_id", flat=True))
    assert [str(o) for o in model.objects.all() if o.pk not in cited] == []


def test_clause_texts_and_amounts_are_marked_illustrative(contract):
    assert not Clause.objects.filter(illustrative=False).exists()
    for line in MoneyLine.objects.all():
        assert line.citations.filter(status="illustrative").exists(), line
        assert line.clause is not None


def test_the_debt_came_with_the_1924_transfer_and_the_balance_converts_at_a_shown_rate(contract):
    debt = MoneyLine.objects.get(kind="debt_taken_over")
    assert debt.transfer_act.key == "kuzbas-trust-1924" and debt.clause.version.number == 3
    before, after = balance_on(contract, D(1924, 1, 1)), balance_on(contract, D(1926, 12, 31))
    assert set(before.currencies) == {"QRG"} and set(after.currencies) == {"QRG", "QCV"}
    converted = in_currency(after, "QRG")
    assert [r.base for r in converted.rates] == ["QCV"]
    assert converted.rates[0].row.illustrative
