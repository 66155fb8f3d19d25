import re

import pytest
from playwright.sync_api import expect

from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def colony(transactional_db):
    pearson = PersonFactory(key="pearson", name_latin="A. Pearson, Jr.", trade="chief engineer")
    MembershipFactory(person=pearson)
    PersonFactory(key="shatov", name_latin="V.C. Shatov", name_original="Шатов")
    UserFactory(username="pearson", person=pearson)


def test_a_colonist_logs_in_switches_to_russian_and_finds_a_member(page, live_server, colony):
    page.goto(live_server.url + "/")
    # On a phone the areas, the account and the language are behind the menu button.
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("User name").fill("pearson")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id("account-link")).to_have_text("pearson")

    page.get_by_role("button", name="Menu").click()
    page.select_option("select[name=language]", "ru")
    page.get_by_role("button", name="Switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")

    page.goto(live_server.url + "/members/")
    page.get_by_test_id("member-search").fill("Шатов")
    # htmx swaps the results in place, without reloading the page.
    expect(page.locator("#results")).to_contain_text("V.C. Shatov")
    expect(page.locator("#results")).not_to_contain_text("Pearson")
    expect(page).to_have_url(re.compile(r"q=%D0%A8"))
    page.get_by_role("link", name="V.C. Shatov").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("V.C. Shatov")
    assert page.console_errors == []
