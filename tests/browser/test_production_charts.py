"""A colonist opens the production dashboard and a unit page, and the charts draw."""

import pytest
from playwright.sync_api import expect

from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.production.conftest import load_production_with_its_sources

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def history(transactional_db, operator):
    load_production_with_its_sources(operator)
    colonist = PersonFactory(key="sparks", name_latin="N. Sparks")
    MembershipFactory(person=colonist)
    UserFactory(username="sparks", person=colonist)


def log_in(page, live_server):
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("sparks")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id("account-link")).to_have_text("sparks")


def expect_charts_drawn(page, keys):
    for key in keys:
        chart = page.get_by_test_id(f"chart-{key}")
        expect(chart).to_have_attribute("data-rendered", "yes", timeout=15_000)
        expect(chart.locator("svg").first).to_be_visible()


def test_the_dashboard_and_a_unit_page_draw_their_charts_without_errors(page, live_server, history):
    log_in(page, live_server)
    page.goto(live_server.url + "/production/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Production")
    expect_charts_drawn(page, ("output", "headcount", "productivity", "plan"))
    expect(page.locator("mark.illustrative").first).to_be_visible()

    page.get_by_role("link", name="Kemerovo mine 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kemerovo mine 1")
    expect_charts_drawn(page, ("output", "headcount", "productivity", "plan"))
    assert page.console_errors == []
