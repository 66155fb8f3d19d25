"""The money page and API of a contract: readers see lines and balances, only the keepers of the
money record a line, bad input changes nothing and is named, one currency needs a dated rate."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from kuzbas.contracts.models.money import MoneyLine
from kuzbas.contracts.money_lines import record_money_line
from kuzbas.money.amounts import money
from kuzbas.money.services import record_rate
from tests.contracts.money_world import make_money_world

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def world(db):
    return make_money_world()


def _support_and_debt(user, world):
    record_money_line(
        actor=user,
        contract=world.contract,
        kind="support_promised",
        amount=money("1000", "QRG"),
        on=D(1924, 2, 1),
        debtor="counterparty",
        clause=world.support,
    )
    record_money_line(
        actor=user,
        contract=world.contract,
        kind="debt_taken_over",
        amount=money("30", "QCV"),
        on=D(1924, 3, 1),
        debtor="enterprise",
        clause=world.debts,
    )


def test_a_reader_sees_the_balances_on_the_day_asked(clerk, colonist, world):
    _support_and_debt(clerk.user, world)
    page = colonist.client.get("/contracts/sto-1921/money/?on=1924-02-15")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-currency="QRG"' in html and 'data-currency="QCV"' not in html
    assert "money-form" not in html  # a reader records nothing
    later = colonist.client.get("/contracts/sto-1921/money/?on=1924-12-31").content.decode()
    assert 'data-currency="QCV"' in later


def test_one_currency_is_refused_without_a_rate_and_shown_with_its_source(clerk, world):
    _support_and_debt(clerk.user, world)
    refused = clerk.client.get("/contracts/sto-1921/money/?on=1924-06-01&currency=QRG")
    assert 'data-testid="refusal"' in refused.content.decode()
    assert 'data-testid="converted"' not in refused.content.decode()
    record_rate(clerk.user, base="QCV", quote="QRG", rate="10", on=D(1924, 1, 1), illustrative=True)
    shown = clerk.client.get("/contracts/sto-1921/money/?on=1924-06-01&currency=QRG")
    html = shown.content.decode()
    assert 'data-testid="converted"' in html and "700.00" in html
    assert "illustrative" in html


def test_the_keeper_records_a_line_on_the_page(clerk, world):
    answer = clerk.client.post(
        "/contracts/sto-1921/money/",
        {
            "kind": "loan",
            "debtor": "enterprise",
            "amount": "250.50",
            "currency": "USD",
            "on": "1923-04-01",
            "clause": str(world.loan.pk),
            "settles": "",
            "title": "A loan",
            "note": "",
        },
    )
    assert answer.status_code == 302
    assert MoneyLine.objects.get().amount == money("250.50", "USD")


def test_a_line_without_its_clause_is_refused_on_the_form_and_nothing_changes(clerk, world):
    answer = clerk.client.post(
        "/contracts/sto-1921/money/",
        {
            "kind": "loan",
            "debtor": "enterprise",
            "amount": "250.50",
            "currency": "USD",
            "on": "1923-04-01",
            "clause": "",
            "settles": "",
            "title": "",
            "note": "",
        },
    )
    assert answer.status_code == 422
    assert 'data-testid="error-clause"' in answer.content.decode()
    assert not MoneyLine.objects.exists()


def test_a_reader_cannot_post_a_line(colonist, world):
    answer = colonist.client.post("/contracts/sto-1921/money/", {"kind": "loan"})
    assert answer.status_code == 403
    assert not MoneyLine.objects.exists()


def test_an_unknown_contract_is_not_found(colonist, world):
    assert colonist.client.get("/contracts/nothing/money/").status_code == 404


def test_the_api_records_a_line_and_answers_balances(clerk, colonist, world):
    answer = clerk.client.post(
        "/api/contracts/sto-1921/money",
        data=json.dumps(
            {
                "kind": "debt_taken_over",
                "amount": "30.00",
                "currency": "QCV",
                "on": "1924-03-01",
                "debtor": "enterprise",
                "version": 1,
                "clause": "3",
            }
        ),
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["amount"] == {"amount": "30.00", "currency": "QCV"}
    balances = colonist.client.get("/api/contracts/sto-1921/balances?on=1924-03-01").json()
    assert balances["per_currency"][0]["owed_by_enterprise"] == {
        "amount": "30.00",
        "currency": "QCV",
    }
    refused = colonist.client.get("/api/contracts/sto-1921/balances?on=1924-03-01&currency=USD")
    assert refused.status_code == 422
    assert "QCV" in refused.content.decode()


def test_the_api_refuses_a_float_and_a_reader(clerk, colonist, world):
    body = {
        "kind": "loan",
        "amount": 1.5,
        "currency": "QRG",
        "on": "1923-01-01",
        "debtor": "enterprise",
        "version": 1,
        "clause": "2",
    }
    refused = clerk.client.post(
        "/api/contracts/sto-1921/money", data=json.dumps(body), content_type="application/json"
    )
    assert refused.status_code == 422
    body["amount"] = "1.50"
    forbidden = colonist.client.post(
        "/api/contracts/sto-1921/money", data=json.dumps(body), content_type="application/json"
    )
    assert forbidden.status_code == 403
    assert not MoneyLine.objects.exists()


def test_the_money_page_costs_the_same_queries_for_more_lines(clerk, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            clerk.client.get("/contracts/sto-1921/money/?on=1926-01-01")
        return len(captured)

    _support_and_debt(clerk.user, world)
    few = queries()
    for month in range(1, 7):
        record_money_line(
            actor=clerk.user,
            contract=world.contract,
            kind="loan",
            amount=money("5", "USD"),
            on=D(1925, month, 1),
            debtor="enterprise",
            clause=world.loan,
        )
    assert queries() == few
