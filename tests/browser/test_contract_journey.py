"""Issue 11's journey on the pages, on a cooperative whose statute makes contracts the general
meeting's matter: the keeper makes a lease, writes its clauses and submits it; the chair records
the meeting's count and the lease is in force; an amendment is a new version whose diff shows
the changed words, in force by a second count; an obligation with a coal target turns "met" by
itself once the mine's figures reach it; support and a debt in two currencies, a dated rate,
and the balances on two dates, per currency and in one currency with the rate shown."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.conftest import empty_the_register
from tests.factories import MembershipFactory, PersonFactory, RoleGrantFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "correct horse battery"
TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def cooperative(transactional_db, settings):
    """The cooperative's statute, three members, the keeper (a clerk who also chairs), the
    city, a mine and coal."""
    from kuzbas.contracts.services import parties
    from kuzbas.core.actor import Operator
    from kuzbas.core.rights import Role
    from kuzbas.governance.services import statute_book
    from kuzbas.governance.statute_templates import TEMPLATES
    from kuzbas.production.catalogue import create_product, create_unit

    settings.KUZBAS_TODAY = TODAY
    operator = Operator("test")
    statute_book.load_statute_version(actor=operator, path_or_text=TEMPLATES["cooperative"].text())
    for key in ("anna", "boris", "vera"):
        MembershipFactory(person=PersonFactory(key=key), valid_from=dt.date(2026, 1, 1))
    person = PersonFactory(key="keeper", name_latin="A. Keeper")
    MembershipFactory(person=person, valid_from=dt.date(2026, 1, 1))
    keeper = UserFactory(username="keeper", person=person)
    RoleGrantFactory(user=keeper, role=Role.CLERK)
    RoleGrantFactory(user=keeper, role=Role.BOARD_MEMBER)
    parties.add_party(actor=keeper, key="coop", name="Kuzbas cooperative", kind="enterprise")
    parties.add_party(actor=keeper, key="city", name="City of Kemerovo", kind="municipality")
    mine = create_unit(actor=operator, key="mine-1", name="Mine No. 1", kind="mine")
    coal = create_product(actor=operator, key="coal", name="Coal", unit_of_measure="tonne")
    yield mine, coal
    # The contract's rows point at the register's entries: let go of them before it is emptied.
    from kuzbas.contracts.models import Act, Version

    Act.objects.update(decision=None)
    Version.objects.update(decision=None)
    empty_the_register()


def log_in(page, live_server):
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("keeper")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id("account-link")).to_have_text("keeper")


def add_clause(page, number, text):
    page.get_by_test_id("clause-open").click()
    form = page.get_by_test_id("clause-form")
    form.locator("input[name=number]").fill(number)
    form.locator("textarea[name=text]").fill(text)
    form.get_by_role("button", name="Add the clause").click()
    expect(page.get_by_test_id(f"clause-{number}")).to_contain_text(text)


def carry_by_count(page):
    """From a submitted version's page: the motion, the count recorded by hand, carried."""
    page.get_by_test_id("motion-link").click()
    page.get_by_text("Record the totals of a vote counted by hand").click()
    page.locator("input[name=yes]").fill("4")
    page.locator("input[name=no]").fill("0")
    page.locator("input[name=present]").fill("4")
    page.locator("form[action$='/count/']").get_by_role("button", name="Record").click()
    expect(page.locator("article.decision")).to_contain_text("register entry")


def record_line(page, *, kind, debtor, amount, currency, on, clause):
    form = page.get_by_test_id("money-form")
    form.get_by_label("Kind").select_option(kind)
    form.get_by_label("Who owes or pays").select_option(debtor)
    form.locator("input[name=amount]").fill(amount)
    form.locator("select[name=currency]").select_option(currency)
    form.locator("input[name=on]").fill(on)
    form.get_by_label("Clause that created it").select_option(label=clause)
    form.get_by_role("button", name="Record").click()
    expect(page.get_by_role("status")).to_contain_text("The money line is recorded.")


def test_a_contract_concluded_amended_met_and_balanced(page, live_server, cooperative):
    from kuzbas.core.actor import Operator
    from kuzbas.production.services import record_output

    mine, coal = cooperative
    log_in(page, live_server)
    url = live_server.url

    # The lease, concluded through the general meeting's vote.
    page.goto(url + "/contracts/")
    form = page.get_by_test_id("contract-form")
    form.locator("input[name=key]").fill("lease")
    form.locator("input[name=title]").fill("Lease of the coke plant")
    form.locator("input[name=enterprise]").fill("coop")
    form.locator("input[name=counterparty]").fill("city")
    form.get_by_role("button", name="Make the contract").click()
    page.goto(url + "/contracts/lease/v1/")
    add_clause(page, "1", "The city leases the coke plant to the cooperative.")
    add_clause(page, "2", "The cooperative delivers 1000 t of coal by June 2026.")
    add_clause(page, "3", "The cooperative takes over the plant's debts.")
    page.get_by_test_id("submit-version").click()
    carry_by_count(page)
    page.goto(url + "/contracts/lease/v1/")
    expect(page.get_by_test_id("version-status")).to_have_text("in force")

    # An amendment: a new version, one clause changed, the diff shows the words.
    page.goto(url + "/contracts/lease/")
    page.get_by_test_id("amend-open").click()
    page.get_by_test_id("amend").click()
    page.goto(url + "/contracts/lease/v2/")
    page.get_by_test_id("clause-2").get_by_role("link", name="Edit").click()
    text = page.get_by_test_id("clause-edit").locator("textarea[name=text]")
    text.fill("The cooperative delivers 1500 t of coal by June 2026.")
    page.get_by_role("button", name="Save the clause").click()
    page.goto(url + "/contracts/lease/v2/diff/")
    expect(page.locator("del").first).to_have_text("1000")
    expect(page.locator("ins").first).to_have_text("1500")
    page.goto(url + "/contracts/lease/v2/")
    page.get_by_test_id("submit-version").click()
    carry_by_count(page)
    page.goto(url + "/contracts/lease/v2/")
    expect(page.get_by_test_id("version-status")).to_have_text("in force")

    # An obligation with a coal target; the mine's figures then meet it.
    page.get_by_test_id("obligation-open").click()
    form = page.get_by_test_id("obligation-form")
    form.locator("input[name=title]").fill("1500 t of coal")
    form.locator("select[name=debtor]").select_option("enterprise")
    form.locator("select[name=kind]").select_option("output")
    form.locator("input[name=clause]").fill("2")
    form.locator("input[name=due]").fill("2026-06")
    form.locator("input[name=product]").fill("coal")
    form.locator("input[name=target]").fill("1500")
    form.locator("input[name=period_start]").fill("2026-01-01")
    form.locator("input[name=period_end]").fill("2026-06-30")
    form.get_by_role("button", name="Record the obligation").click()
    expect(page.get_by_test_id("obligation-status").first).to_have_text("open")
    for month, tonnes in ((1, "800"), (2, "700")):
        record_output(
            actor=Operator("figures"),
            unit=mine,
            product=coal,
            period_kind="month",
            period_start=dt.date(2026, month, 1),
            quantity=Decimal(tonnes),
        )
    page.goto(url + "/contracts/lease/")
    expect(page.get_by_test_id("obligations")).to_contain_text("1500 t of coal")
    expect(page.get_by_test_id("obligation-status").first).to_have_text("met")

    # Money: support and a debt in two currencies, a dated rate, balances on two dates.
    money = url + "/contracts/lease/money/"
    page.goto(money)
    record_line(
        page,
        kind="support_promised",
        debtor="counterparty",
        amount="1000",
        currency="QRG",
        on="2026-02-01",
        clause="version 2, § 1: The city leases the coke plant to the cooperative.",
    )
    record_line(
        page,
        kind="debt_taken_over",
        debtor="enterprise",
        amount="30",
        currency="QCV",
        on="2026-03-01",
        clause="version 2, § 3: The cooperative takes over the plant's debts.",
    )
    page.goto(money + "?on=2026-02-15")
    balances = page.get_by_test_id("balances")
    expect(balances.locator("tr[data-currency=QRG]")).to_contain_text("1,000.00")
    expect(balances.locator("tr[data-currency=QCV]")).to_have_count(0)
    page.goto(money + "?on=2026-03-31&currency=QRG")
    expect(page.get_by_test_id("balances").locator("tr[data-currency=QCV]")).to_contain_text(
        "30.00"
    )
    expect(page.get_by_test_id("refusal")).to_contain_text("QCV")
    page.goto(url + "/money/rates/")
    page.get_by_label("One unit of").select_option("QCV")
    page.get_by_label("is worth, in").select_option("QRG")
    page.locator("input[name=rate]").fill("10")
    page.locator("input[name=on]").fill("2026-01-01")
    page.get_by_label("Illustrative, not documented").check()
    page.get_by_role("button", name="Record").click()
    page.goto(money + "?on=2026-03-31&currency=QRG")
    expect(page.get_by_test_id("converted")).to_contain_text("700.00")
    expect(page.get_by_test_id("rates-used")).to_contain_text("1 QCV = 10 QRG")
    assert [e for e in page.console_errors if "422" not in e] == []
