"""In the demo a visitor moves the colony's date and reads the colony as it was then."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kuzbas.demo.loader import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_moves_the_demo_to_1921_and_back(page, live_server, demo_colony, settings):
    settings.KUZBAS_DATE_CONTROL = True
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("User name").fill("rutgers")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda u: "/login/" not in u)

    page.goto(live_server.url + "/members/headcount/")
    in_1922 = page.get_by_test_id("members-total").inner_text()
    expect(page.locator(".colony-date")).to_have_text("1 October 1922")

    page.get_by_role("button", name="Menu").click()
    page.get_by_test_id("demo-date").get_by_label("Read the colony as of").fill("1921-12-01")
    page.get_by_test_id("demo-date").get_by_role("button", name="Go").click()

    expect(page).to_have_url(live_server.url + "/members/headcount/")
    expect(page.locator(".colony-date")).to_have_text("1 December 1921")
    expect(page.get_by_test_id("members-total")).not_to_have_text(in_1922)

    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Back to the colony's date").click()
    expect(page.locator(".colony-date")).to_have_text("1 October 1922")
    expect(page.get_by_test_id("members-total")).to_have_text(in_1922)
    assert page.console_errors == []


def test_outside_the_demo_there_is_no_control_and_the_address_answers_not_found(
    page, live_server, demo_colony, settings
):
    settings.KUZBAS_DATE_CONTROL = False
    page.goto(live_server.url + "/")
    expect(page.get_by_test_id("demo-date")).to_have_count(0)
