"""A clerk invites a member from the person page; the member follows the e-mailed link."""

import re

import pytest
from playwright.sync_api import expect

from kuzbas.core.rights import Role
from tests.factories import MembershipFactory, PersonFactory, RoleGrantFactory, UserFactory
from tests.members.smtp_server import smtp_server  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long walk to the pithead"


@pytest.fixture
def cooperative(transactional_db):
    clerk = UserFactory(username="secretary", person=PersonFactory(name_latin="Mira Secretary"))
    RoleGrantFactory(user=clerk, role=Role.CLERK)
    ada = PersonFactory(key="ada-reese", name_latin="Ada Reese", email="ada@coop.example")
    MembershipFactory(person=ada)


def test_a_clerk_invites_a_member_who_sets_a_password_and_lands_logged_in(
    browser,
    page,
    live_server,
    cooperative,
    smtp_server,  # noqa: F811 (the fixture)
):
    # The clerk logs in and invites Ada from her page.
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("secretary")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id("account-link")).to_have_text("secretary")
    page.goto(live_server.url + "/members/ada-reese/")
    page.get_by_test_id("invite").click()
    # htmx swaps the account section in place.
    expect(page.get_by_test_id("invitation-notice")).to_have_text(
        "An invitation went to Ada Reese at ada@coop.example."
    )
    expect(page.get_by_test_id("account")).to_contain_text("the link has not been used yet")
    assert page.console_errors == []

    # The e-mail arrives at the test's mail server.
    message = smtp_server.only()
    assert message["To"] == "ada@coop.example"
    link = re.search(r"http://\S+/members/welcome/\S+/", message.get_content()).group(0)

    # Ada opens the link in her own browser, chooses a password and lands logged in.
    context = browser.new_context(locale="en-US", viewport={"width": 390, "height": 844})
    member = context.new_page()
    member.goto(link)
    expect(member.get_by_test_id("username")).to_have_text("ada-reese")
    member.get_by_test_id("password1").fill(PASSWORD)
    member.get_by_test_id("password2").fill(PASSWORD)
    member.get_by_role("button", name="Set the password and log in").click()
    expect(member.get_by_test_id("account-link")).to_have_text("ada-reese")
    expect(member.get_by_role("status")).to_contain_text("your password is set")

    # The link does not work a second time.
    member.goto(link)
    expect(member.get_by_test_id("link-used")).to_be_visible()
    context.close()
