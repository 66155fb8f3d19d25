"""Issue 10's whole path, on a phone.

A visitor applies to an open call on a 390 px phone without an account; the bureau's clerk
screens the application and recommends it; the statute in force (the cooperative template)
makes admission the general meeting's matter, so a motion is filed, and the chair records the
meeting's vote, which admits her; the clerk puts her on a dispatch group, records a
contribution in two instalments and pays both, records the tools she brings, sends the group
off and records its arrival; she is then a member in the general meeting's electorate.
"""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from kuzbas.core.actor import Operator
from kuzbas.core.rights import Role
from kuzbas.governance.services import statute_book
from kuzbas.governance.statute_templates import TEMPLATES
from kuzbas.governance.statutes import stored_history
from kuzbas.governance.voters import electorate_on
from kuzbas.recruitment.models import Application
from kuzbas.recruitment.models.applications import ApplicationState
from kuzbas.statute import statute_as_of
from tests.conftest import empty_the_register
from tests.factories import MembershipFactory, PersonFactory, RoleGrantFactory, UserFactory
from tests.recruitment.factories import BureauFactory, CallFactory
from tests.recruitment.groups.factories import GroupFactory

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = dt.date(2026, 3, 2)
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def cooperative_bureau(transactional_db, settings):
    settings.KUZBAS_TODAY = TODAY
    settings.KUZBAS_APPLY_MIN_SECONDS = 0
    statute_book.load_statute_version(
        actor=Operator("test"), path_or_text=TEMPLATES["cooperative"].text()
    )
    for key in ("anna", "boris", "vera"):
        MembershipFactory(person=PersonFactory(key=key), valid_from=dt.date(2026, 1, 1))
    RoleGrantFactory(user=UserFactory(username="bureau-clerk"), role=Role.BUREAU_CLERK)
    RoleGrantFactory(user=UserFactory(username="chair"), role=Role.BOARD_MEMBER)
    bureau = BureauFactory(key="cooperative-bureau", name="The cooperative's bureau")
    call = CallFactory(bureau=bureau, key="carpenters-2026", title="Carpenters wanted")
    group = GroupFactory(
        bureau=bureau,
        number=1,
        name="First group",
        capacity=10,
        departs_on=dt.date(2026, 3, 10),
        arrives_on=dt.date(2026, 3, 20),
    )
    yield call, group
    # The vote wrote to the append-only register, which a live-server test's flush cannot delete.
    empty_the_register()


def _log_in(page, url: str, username: str) -> None:
    page.goto(url + "/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()


def _phone(browser):
    context = browser.new_context(locale="en-US", viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.console_errors = errors
    return context, page


def test_a_visitor_applies_is_admitted_by_a_vote_travels_pays_and_arrives_a_voter(
    browser, live_server, cooperative_bureau
):
    call, group = cooperative_bureau
    url = live_server.url

    # A visitor, with no account, applies on a phone.
    context, visitor = _phone(browser)
    visitor.goto(f"{url}/recruitment/calls/{call.key}/")
    form = visitor.get_by_test_id("apply-form")
    form.locator("[name=name]").fill("Maria Lopez")
    form.locator("[name=email]").fill("maria.lopez@example.org")
    form.locator("[name=nationality]").fill("Spanish")
    form.locator("[name=trade]").fill("carpenter")
    form.locator("[name=consent]").check()
    form.get_by_role("button", name="Send the application").click()
    expect(visitor.get_by_role("main")).to_contain_text("your application is received")
    assert visitor.console_errors == []
    context.close()
    applicant = Application.objects.get(name="Maria Lopez")

    # The bureau's clerk screens it and recommends her; the statute sends it to a vote.
    context, clerk = _phone(browser)
    _log_in(clerk, url, "bureau-clerk")
    clerk.goto(f"{url}/recruitment/applications/{applicant.pk}/")
    move = clerk.get_by_test_id("move-form")
    move.locator("select[name=stage]").select_option(index=1)
    move.get_by_role("button", name="Move").click()
    clerk.get_by_test_id("recommend-form").get_by_role(
        "button", name="Recommend for admission"
    ).click()
    expect(clerk.get_by_role("main")).to_contain_text("motion No. 1")

    # The general meeting votes; its chair records the count, which admits her.
    context_chair, chair = _phone(browser)
    _log_in(chair, url, "chair")
    chair.goto(f"{url}/governance/motions/1/")
    chair.get_by_text("Record the totals of a vote counted by hand").click()
    chair.get_by_label("Yes").fill("3")
    chair.get_by_label("No", exact=True).fill("0")
    chair.get_by_label("Present").fill("3")
    chair.get_by_role("button", name="Record").click()
    expect(chair.get_by_role("main")).to_contain_text("carried")
    context_chair.close()
    applicant.refresh_from_db()
    assert applicant.state == ApplicationState.ADMITTED

    # The clerk puts her on the group's manifest.
    clerk.goto(f"{url}/recruitment/groups/{group.pk}/")
    clerk.get_by_label("Admitted applicant").select_option(label=str(applicant))
    clerk.get_by_role("button", name="Put on the manifest").click()
    expect(clerk.get_by_test_id("manifest")).to_contain_text("Maria Lopez")

    # A contribution in two instalments, both paid, and the tools she brings.
    clerk.get_by_test_id("manifest").get_by_role("link", name="Maria Lopez").click()
    clerk.get_by_text("Record a contribution in cash").click()
    clerk.get_by_label("Amount owed").fill("500.00")
    clerk.get_by_label("Currency").first.select_option("EUR")
    clerk.get_by_label("Instalments").fill("250.00 2026-03-05\n250.00 2026-03-09")
    clerk.get_by_role("button", name="Record").first.click()
    expect(clerk.get_by_test_id("account")).to_contain_text("500.00")
    for n in (1, 2):
        clerk.get_by_role("button", name="Paid", exact=True).first.click()
        expect(clerk.get_by_role("button", name="Paid", exact=True)).to_have_count(2 - n)
    clerk.get_by_text("Record tools or food brought").click()
    clerk.get_by_label("What is brought").fill("a carpenter's tools")
    clerk.get_by_label("Appraised value").fill("120.00")
    clerk.locator("[name=currency]").last.select_option("EUR")
    clerk.get_by_label("Appraised on").fill("2026-03-06")
    clerk.get_by_label("Appraised by").fill("the bureau's clerk")
    clerk.get_by_role("button", name="Record").last.click()
    expect(clerk.get_by_test_id("account")).to_contain_text("120.00")

    # The group carries her tools, departs and arrives; she is in the registry.
    clerk.goto(f"{url}/recruitment/groups/{group.pk}/")
    expect(clerk.get_by_role("main")).to_contain_text("a carpenter's tools")
    clerk.get_by_role("button", name="The group departs").click()
    clerk.get_by_role("button", name="The group arrives").click()
    clerk.get_by_test_id("manifest").get_by_role("link", name="Maria Lopez").click()
    clerk.get_by_role("link", name="in the registry").click()
    expect(clerk.get_by_role("main")).to_contain_text("Maria Lopez")
    assert clerk.console_errors == []
    context.close()

    # From the day of arrival she is in the general meeting's electorate, not before.
    applicant.refresh_from_db()
    assert applicant.state == ApplicationState.ARRIVED
    statute = statute_as_of(stored_history(), dt.date(2026, 3, 21))
    voters = {
        v.holder
        for v in electorate_on(
            statute, body="general-meeting", matter="", as_of=dt.date(2026, 3, 21)
        ).voters
    }
    before = {
        v.holder
        for v in electorate_on(
            statute, body="general-meeting", matter="", as_of=dt.date(2026, 3, 19)
        ).voters
    }
    assert applicant.person.key in voters - before
