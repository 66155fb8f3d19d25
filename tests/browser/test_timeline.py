"""A colonist opens the colony's timeline on a phone, filters it by a person, follows an event
to its register entry and to its source, and sees both periodizations as bands."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def page_overflows(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_a_colonist_reads_the_timeline_on_a_phone(page, live_server, demo_colony):
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("pearson")
    page.get_by_label("Password").fill("kuzbas-demo")
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/record/sources/")
    page.get_by_test_id("timeline-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Timeline")

    # Both periodizations stand as bands above the events, and the page does not scroll sideways.
    chart = page.get_by_test_id("timeline-chart")
    expect(chart.locator(".periodization")).to_have_count(2)
    expect(chart.locator("#periodization-galkina .band")).to_have_count(4)
    expect(chart.locator("#periodization-yamanouchi .band")).to_have_count(7)
    expect(chart.get_by_text("L.Iu. Galkina", exact=False)).to_be_visible()
    assert page_overflows(page) is False

    # Filter by a person: only what Haywood took part in remains.
    page.get_by_test_id("filter-person").select_option("haywood")
    page.get_by_test_id("filter-apply").click()
    items = page.get_by_test_id("timeline-item")
    expect(items.filter(has_text="The final agreement is signed")).to_have_count(1)
    expect(items.filter(has_text="The New Contract")).to_have_count(0)
    assert page_overflows(page) is False

    # Follow an event to its register entry.
    entry = items.filter(has_text="Reorganisation of the colony's management")
    entry.get_by_test_id("item-link").click()
    expect(page).to_have_url(live_server.url + "/governance/register/1/")
    page.go_back()

    # Follow an event to its source.
    agreement = page.get_by_test_id("timeline-item").filter(
        has_text="The final agreement is signed"
    )
    agreement.get_by_test_id("item-source").first.click()
    expect(page).to_have_url(live_server.url + "/record/sources/yamanouchi-2025/")
    assert page.console_errors == []


def test_the_disagreement_over_kosiors_meeting_shows_each_version_with_its_source(
    page, live_server, demo_colony
):
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("pearson")
    page.get_by_label("Password").fill("kuzbas-demo")
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/record/timeline/?from=1926&to=1926")
    kosior = page.get_by_test_id("timeline-item").filter(has_text="Kosior's meeting")
    expect(kosior.get_by_test_id("disagreement")).to_be_visible()
    expect(kosior.get_by_test_id("version")).to_have_count(3)
    expect(kosior.get_by_test_id("version").filter(has_text="Tarle")).to_contain_text("1926-11")
    assert page_overflows(page) is False
