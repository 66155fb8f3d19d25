import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_colonist_asks_whether_the_mass_meeting_could_choose_mine_pumps_in_1923(
    page, live_server, demo_colony
):
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("pearson")
    page.get_by_label("Password").fill("kuzbas-demo")
    page.locator("main").get_by_role("button", name="Log in").click()

    page.goto(live_server.url + "/governance/who-decides/")
    page.get_by_label("Matter").select_option("technical")
    page.get_by_label("On", exact=True).fill("1923-05-01")
    page.get_by_label("Put to").select_option("general-meeting")

    # htmx answers in place as the fields change.
    answer = page.get_by_test_id("answer")
    expect(answer).to_contain_text("the Managing Board decides it")
    expect(answer).to_contain_text("matter.technical")
    assert page.console_errors == []
