"""A visitor answers an open call on a phone, without an account: the form will not go without
consent (the server refuses it too, tests/recruitment/test_public_form.py); with it, the
application is received and the visitor is given its reference."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from kuzbas.recruitment.models import Application
from tests.recruitment.factories import BureauFactory, CallFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def open_call(transactional_db, settings):
    settings.KUZBAS_TODAY = dt.date(1922, 6, 1)
    settings.KUZBAS_APPLY_MIN_SECONDS = 1
    bureau = BureauFactory(key="new-york", name="American Organization Committee")
    return CallFactory(
        bureau=bureau,
        key="prospectus-1922",
        questions=[{"key": "tools", "label": "Do you bring tools?", "kind": "yes_no"}],
        asks_affiliation=True,
        affiliation_choices=["Communist Party", "IWW", "non-party"],
    )


def test_a_visitor_applies_on_a_phone_without_an_account(page, live_server, open_call):
    page.goto(live_server.url + "/recruitment/")
    page.get_by_role("link", name="Read the call and apply").click()
    expect(page.get_by_test_id("apply-form")).to_be_visible()

    page.get_by_label("Full name").fill("John Smith")
    page.get_by_label("E-mail").fill("john.smith@example.org")
    page.get_by_label("Trade").fill("miner")
    page.get_by_label("Do you bring tools?").select_option("yes")
    page.get_by_label("Political affiliation (optional)").select_option("IWW")
    page.wait_for_timeout(1100)  # a person takes a moment; the form's stamp checks it
    page.get_by_role("button", name="Send the application").click()

    expect(page.locator("input[name=consent]:invalid")).to_have_count(1)
    expect(page.get_by_label("Full name")).to_have_value("John Smith")
    assert not Application.objects.exists()

    page.get_by_role("checkbox").check()
    page.get_by_role("button", name="Send the application").click()

    expect(page.get_by_role("status")).to_contain_text("your application is received")
    application = Application.objects.get()
    assert application.reference in page.get_by_role("status").inner_text()
    assert application.affiliation.group == "IWW"
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert page.console_errors == []
