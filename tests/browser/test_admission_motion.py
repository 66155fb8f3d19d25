"""Under the cooperative statute a clerk's admission goes to the general meeting, in place."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from kuzbas.core.actor import Operator
from kuzbas.core.rights import Role
from kuzbas.governance.services import statute_book
from kuzbas.governance.statute_templates import TEMPLATES
from tests.factories import PersonFactory, RoleGrantFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cooperative(transactional_db, settings):
    settings.KUZBAS_TODAY = dt.date(2026, 3, 2)
    statute_book.load_statute_version(
        actor=Operator("test"), path_or_text=TEMPLATES["cooperative"].text()
    )
    clerk = UserFactory(username="secretary")
    RoleGrantFactory(user=clerk, role=Role.CLERK)
    PersonFactory(key="ada-reese", name_latin="Ada Reese")


def test_a_clerk_admission_becomes_a_motion_listed_on_her_page(page, live_server, cooperative):
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("secretary")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/members/ada-reese/")
    section = page.locator("#memberships")

    section.get_by_text("Add a membership").click()
    page.select_option("[name=membership-category]", "colonist")
    page.fill("[name=membership-valid_from]", "2026-04-01")
    page.get_by_role("button", name="Add the membership").click()

    expect(section.get_by_role("status")).to_contain_text("motion No. 1 is filed")
    expect(section.get_by_test_id("pending-acts")).to_contain_text("Admission of Ada Reese")
    expect(section.locator("td.period")).to_have_count(0)
    assert page.console_errors == []
