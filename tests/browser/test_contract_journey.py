"""Issue 11's journey on the pages: a keeper of a cooperative's contracts records support and a
debt in two currencies under a contract's clauses, records a dated rate, and reads the balances
on two dates, per currency and in one currency with the rate shown."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.factories import MembershipFactory, PersonFactory, RoleGrantFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct horse battery"


@pytest.fixture
def keeper(transactional_db):
    from kuzbas.core.rights import Role

    person = PersonFactory(key="keeper", name_latin="A. Keeper")
    MembershipFactory(person=person)
    RoleGrantFactory(user=UserFactory(username="keeper", person=person), role=Role.CLERK)


@pytest.fixture
def lease(keeper):
    from tests.contracts.money_world import make_money_world

    return make_money_world("lease")


def log_in(page, live_server):
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("keeper")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id("account-link")).to_have_text("keeper")


def record_line(page, *, kind, debtor, amount, currency, on, clause):
    form = page.get_by_test_id("money-form")
    form.get_by_label("Kind").select_option(kind)
    form.get_by_label("Who owes or pays").select_option(debtor)
    form.get_by_label(re.compile(r"^Amount")).fill(amount)
    form.locator("select[name=currency]").select_option(currency)
    form.locator("input[name=on]").fill(on)
    form.get_by_label("Clause that created it").select_option(label=clause)
    form.get_by_role("button", name="Record").click()
    expect(page.get_by_role("status")).to_contain_text("The money line is recorded.")


def test_support_and_a_debt_in_two_currencies_balanced_on_two_dates(page, live_server, lease):
    log_in(page, live_server)
    money = live_server.url + "/contracts/lease/money/"
    page.goto(money)
    record_line(
        page,
        kind="support_promised",
        debtor="counterparty",
        amount="1000",
        currency="QRG",
        on="2026-02-01",
        clause="version 1, § 1: Support",
    )
    record_line(
        page,
        kind="debt_taken_over",
        debtor="enterprise",
        amount="30",
        currency="QCV",
        on="2026-03-01",
        clause="version 1, § 3: Debts of the mines",
    )
    expect(page.get_by_test_id("money-lines")).to_contain_text("30.00")

    # The first date: only the support is there; the second: both, each in its own currency.
    page.goto(money + "?on=2026-02-15")
    balances = page.get_by_test_id("balances")
    expect(balances.locator("tr[data-currency=QRG]")).to_contain_text("1,000.00")
    expect(balances.locator("tr[data-currency=QCV]")).to_have_count(0)
    page.goto(money + "?on=2026-03-31&currency=QRG")
    expect(page.get_by_test_id("balances").locator("tr[data-currency=QCV]")).to_contain_text(
        "30.00"
    )
    # No rate between the two yet: the total in gold rubles is refused, naming both.
    expect(page.get_by_test_id("refusal")).to_contain_text("QCV")

    page.goto(live_server.url + "/money/rates/")
    page.get_by_label("One unit of").select_option("QCV")
    page.get_by_label("is worth, in").select_option("QRG")
    page.locator("input[name=rate]").fill("10")
    page.locator("input[name=on]").fill("2026-01-01")
    page.get_by_label("Illustrative, not documented").check()
    page.get_by_role("button", name="Record").click()

    page.goto(money + "?on=2026-03-31&currency=QRG")
    expect(page.get_by_test_id("converted")).to_contain_text("700.00")
    expect(page.get_by_test_id("rates-used")).to_contain_text("1 QCV = 10 QRG")
    expect(page.get_by_test_id("rates-used")).to_contain_text("illustrative")
    assert [e for e in page.console_errors if "422" not in e] == []
