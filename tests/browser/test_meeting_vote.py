"""A meeting run end to end: the chair opens a vote, members vote from their phones, all see
the result when the chair closes it."""

import pytest
from playwright.sync_api import expect

from kuzbas.core.actor import Operator
from kuzbas.demo.meetings_loader import load_meetings
from kuzbas.meetings.models import Meeting
from kuzbas.meetings.services import attendance, votes
from kuzbas.members.models import Person, User

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}
VOTERS = {"pearson": "Yes", "haywood": "Yes", "reese": "No"}


def _log_in(page, url: str, username: str) -> None:
    page.goto(url + "/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("kuzbas-demo")
    page.locator("main").get_by_role("button", name="Log in").click()


def _phone(browser, url: str, username: str):
    context = browser.new_context(locale="en-US", viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    _log_in(page, url, username)
    return context, page, errors


def _vote_from_the_floor(meeting: Meeting, *keys: str) -> None:
    """Members voting at the hall's own terminal: ballots through the same service."""
    for key in keys:
        person = Person.objects.get(key=key)
        user = User.objects.filter(person=person).first() or User.objects.create(
            username=f"floor-{key}", person=person
        )
        attendance.register_attendance(actor=Operator("door"), meeting=meeting, person=person)
        votes.vote(actor=user, meeting=Meeting.objects.get(pk=meeting.pk), choice="yes")


@pytest.fixture
def practice_meeting(demo_colony) -> Meeting:
    """The demo's open practice meeting (loaded here until the demo loader loads meetings)."""
    if not Meeting.objects.exists():
        load_meetings(actor=Operator("test"))
    return Meeting.objects.get(status="open")


def test_the_chair_opens_a_vote_members_vote_from_phones_and_all_see_the_result(
    page, browser, live_server, practice_meeting
):
    meeting = practice_meeting
    url = live_server.url
    _log_in(page, url, "rutgers")
    page.goto(f"{url}/meetings/{meeting.pk}/")
    code = page.get_by_test_id("checkin-code").inner_text()

    phones = {}
    for username in VOTERS:
        context, phone, errors = _phone(browser, url, username)
        phone.goto(f"{url}/meetings/{meeting.pk}/")
        phone.get_by_label("Check-in code").fill(code)
        phone.get_by_role("button", name="Check in").click()
        expect(phone.get_by_test_id("no-vote")).to_be_visible()
        phones[username] = (context, phone, errors)

    # The STO's representative is a member, but not a colonist: the mass meeting refuses him.
    context, outsider, _errors = _phone(browser, url, "shatov")
    outsider.goto(f"{url}/meetings/{meeting.pk}/")
    outsider.get_by_label("Check-in code").fill(code)
    outsider.get_by_role("button", name="Check in").click()
    expect(outsider.locator("main")).to_contain_text("staff of the outside authority")
    context.close()

    page.get_by_role("button", name="Open the vote").click()
    for username, choice in VOTERS.items():
        phone = phones[username][1]
        # No reload: the page polls and the ballot appears by itself.
        expect(phone.get_by_test_id("vote-open")).to_be_visible(timeout=10_000)
        phone.get_by_role("button", name=choice, exact=True).click()
        expect(phone.get_by_test_id("voted")).to_contain_text(
            f"Your ballot is in. You voted: {choice}"
        )
    _vote_from_the_floor(meeting, "rutgers")
    page.goto(f"{url}/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Close the vote").click()
    page.get_by_test_id("confirm-yes").click()

    for context, phone, errors in phones.values():
        expect(phone.get_by_test_id("result")).to_contain_text("Carried", timeout=10_000)
        expect(phone.get_by_test_id("result")).to_contain_text("yes 3 · no 1")
        assert errors == []
        context.close()
    page.goto(f"{url}/meetings/{meeting.pk}/vote/")
    expect(page.get_by_test_id("result")).to_contain_text("Carried")
    assert page.console_errors == []
