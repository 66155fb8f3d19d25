"""A clerk admits a member and lets her go from the person page, in place (htmx)."""

import pytest
from playwright.sync_api import expect

from kuzbas.core.rights import Role
from tests.factories import PersonFactory, RoleGrantFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cooperative(transactional_db):
    clerk = UserFactory(username="secretary")
    RoleGrantFactory(user=clerk, role=Role.CLERK)
    PersonFactory(key="ada-reese", name_latin="Ada Reese")
    SourceFactory(key="gm-2026-03", title="Minutes of the general meeting, March 2026")


def test_a_clerk_admits_a_member_and_ends_the_membership_from_her_page(
    page, live_server, cooperative
):
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("secretary")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/members/ada-reese/")
    section = page.locator("#memberships")

    # Admit her, citing the minutes.
    section.get_by_text("Add a membership").click()
    page.select_option("[name=membership-category]", "colonist")
    page.fill("[name=membership-valid_from]", "2026-03-01")
    page.fill("[name=membership-source]", "gm-2026-03")
    page.fill("[name=membership-locator]", "item 2")
    page.get_by_role("button", name="Add the membership").click()
    expect(section.get_by_role("status")).to_have_text("The membership was added.")
    expect(section.locator("td.period")).to_have_text("2026-03-01 – …")

    # A second, overlapping span is refused at its first day, in place.
    section.get_by_text("Add a membership").click()
    page.select_option("[name=membership-category]", "colonist")
    page.fill("[name=membership-valid_from]", "2026-06-01")
    page.get_by_role("button", name="Add the membership").click()
    expect(page.get_by_test_id("error-membership-valid_from")).to_contain_text("overlaps")
    expect(section.locator("td.period")).to_have_count(1)

    # End it.
    section.get_by_text("End", exact=True).click()
    end_field = section.locator("td details input[name$='-valid_to']")
    end_field.fill("2026-11-30")
    section.get_by_role("button", name="End the membership").click()
    expect(section.get_by_role("status")).to_have_text("The membership was ended.")
    expect(section.locator("td.period")).to_have_text("2026-03-01 – 2026-11-30")
    assert page.console_errors == []
