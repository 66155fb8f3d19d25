"""A clerk of an enterprise with no history sets up a unit, a product and a plan on the pages."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import MembershipFactory, PersonFactory, RoleGrantFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def clerk(transactional_db):
    from kuzbas.core.rights import Role

    person = PersonFactory(key="clerk", name_latin="A. Clerk")
    MembershipFactory(person=person)
    RoleGrantFactory(user=UserFactory(username="clerk", person=person), role=Role.CLERK)


def log_in(page, live_server):
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("clerk")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id("account-link")).to_have_text("clerk")


def test_a_clerk_sets_up_a_unit_a_product_and_a_plan(page, live_server, clerk):
    log_in(page, live_server)
    page.goto(live_server.url + "/production/units/")
    expect(page.get_by_text("No unit is on record yet.")).to_be_visible()
    form = page.get_by_test_id("unit-form")
    form.get_by_label("Key").fill("pit-1")
    form.get_by_label("Name").fill("Pit No. 1")
    form.get_by_label("Kind").select_option("mine")
    form.get_by_label("Opened").fill("2024-01-15")
    form.get_by_role("button", name="Add the unit").click()
    expect(page.get_by_test_id("units")).to_contain_text("Pit No. 1")

    # On a phone the sections are behind their own button.
    page.get_by_role("button", name="Production").click()
    page.get_by_role("link", name="Products").click()
    form = page.get_by_test_id("product-form")
    form.get_by_label("Key").fill("coal")
    form.get_by_label("Name").fill("Coal")
    form.get_by_label("Unit of measure").fill("wagon")
    form.get_by_role("button", name="Add the product").click()
    expect(page.get_by_role("alert")).to_contain_text("not a unit of measure")
    page.get_by_test_id("product-form").get_by_label("Unit of measure").fill("tonne")
    page.get_by_test_id("product-form").get_by_role("button", name="Add the product").click()
    expect(page.get_by_test_id("products")).to_contain_text("tonne")

    page.get_by_role("button", name="Production").click()
    page.get_by_role("link", name="Plans").click()
    form = page.get_by_test_id("plan-form")
    form.get_by_label(re.compile(r"^Unit \*")).select_option("pit-1")
    form.get_by_label(re.compile(r"^Product \*")).select_option("coal")
    form.get_by_label(re.compile(r"^Period \*")).select_option("month")
    form.get_by_label(re.compile(r"^From \*")).fill("2025-03-01")
    form.get_by_label(re.compile(r"^Target \*")).fill("1200")
    form.get_by_role("button", name="Set the plan").click()
    expect(page.get_by_test_id("plans")).to_contain_text("31 March 2025")
    expect(page.get_by_test_id("plans")).to_contain_text("1200 tonne")
    # The refused product answered 422, which the browser logs; nothing else went wrong.
    assert [e for e in page.console_errors if "422" not in e] == []
