"""Issue 10's path on a phone: from admitted to member.

The applicant here is already admitted by the general meeting (as `services/admission.py`
leaves them when the body's motion carries). On a 390 px phone the bureau's clerk puts them on
a dispatch group, records a contribution in two instalments and pays both, records the tools
they bring, sends the group off and records its arrival; the applicant is then a member of the
registry who is in the general meeting's electorate from the day of arrival.
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
from tests.factories import RoleGrantFactory, UserFactory
from tests.recruitment.groups.factories import AdmittedFactory, GroupFactory

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def cooperative_bureau(transactional_db, settings):
    settings.KUZBAS_TODAY = TODAY
    statute_book.load_statute_version(
        actor=Operator("test"), path_or_text=TEMPLATES["cooperative"].text()
    )
    clerk = UserFactory(username="bureau-clerk")
    RoleGrantFactory(user=clerk, role=Role.BUREAU_CLERK)
    group = GroupFactory(
        number=1,
        name="First group",
        capacity=10,
        departs_on=dt.date(2026, 3, 10),
        arrives_on=dt.date(2026, 3, 20),
    )
    applicant = AdmittedFactory(
        call__bureau=group.bureau, name="Maria Lopez", admitted_on=dt.date(2026, 3, 2)
    )
    return group, applicant


def _log_in(page, url: str) -> None:
    page.goto(url + "/login/")
    page.get_by_label("User name").fill("bureau-clerk")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()


def test_the_admitted_applicant_travels_pays_brings_tools_and_arrives_a_voter(
    page, live_server, cooperative_bureau
):
    group, applicant = cooperative_bureau
    _log_in(page, live_server.url)

    # The clerk puts her on the group's manifest.
    page.goto(f"{live_server.url}/recruitment/groups/{group.pk}/")
    page.get_by_label("Admitted applicant").select_option(label=str(applicant))
    page.get_by_role("button", name="Put on the manifest").click()
    expect(page.get_by_test_id("manifest")).to_contain_text("Maria Lopez")

    # A contribution in two instalments, both paid, and the tools she brings.
    page.get_by_test_id("manifest").get_by_role("link", name="Maria Lopez").click()
    page.get_by_text("Record a contribution in cash").click()
    page.get_by_label("Amount owed").fill("500.00")
    page.get_by_label("Currency").first.select_option("EUR")
    page.get_by_label("Instalments").fill("250.00 2026-03-05\n250.00 2026-03-09")
    page.get_by_role("button", name="Record").first.click()
    expect(page.get_by_test_id("account")).to_contain_text("500.00")
    for _ in range(2):
        page.get_by_role("button", name="Paid", exact=True).first.click()
        expect(page.get_by_role("status").or_(page.locator(".messages"))).to_be_visible()
    expect(page.get_by_test_id("account")).to_contain_text("—")
    page.get_by_text("Record tools or food brought").click()
    page.get_by_label("What is brought").fill("a carpenter's tools")
    page.get_by_label("Appraised value").fill("120.00")
    page.locator("[name=currency]").last.select_option("EUR")
    page.get_by_label("Appraised on").fill("2026-03-06")
    page.get_by_label("Appraised by").fill("the bureau's clerk")
    page.get_by_role("button", name="Record").last.click()
    expect(page.get_by_test_id("account")).to_contain_text("120.00")

    # The group carries her tools, departs and arrives.
    page.goto(f"{live_server.url}/recruitment/groups/{group.pk}/")
    expect(page.get_by_role("main")).to_contain_text("a carpenter's tools")
    page.get_by_role("button", name="The group departs").click()
    page.get_by_role("button", name="The group arrives").click()
    expect(page.get_by_role("main")).to_contain_text("arrived")

    page.get_by_test_id("manifest").get_by_role("link", name="Maria Lopez").click()
    page.get_by_role("link", name="in the registry").click()
    expect(page.get_by_role("main")).to_contain_text("Maria Lopez")
    assert page.console_errors == []

    applicant = Application.objects.get(pk=applicant.pk)
    assert applicant.state == ApplicationState.ARRIVED
    statute = statute_as_of(stored_history(), dt.date(2026, 3, 21))
    voters = electorate_on(statute, body="general-meeting", matter="", as_of=dt.date(2026, 3, 21))
    assert applicant.person.key in {v.holder for v in voters.voters}
