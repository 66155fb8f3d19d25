"""The meeting room, as the issue asks: the chair opens an STV election and then a motion; five
members vote on both from the one voting screen on their phones, which follows the chair without
a reload; the projector shows the turnout and then the results."""

import re

import pytest
from playwright.sync_api import expect

from kuzbas.core.actor import Operator
from kuzbas.demo.meetings_loader import load_meetings
from kuzbas.elections.models import Election
from kuzbas.meetings.models import Meeting
from kuzbas.meetings.services import votes
from kuzbas.members.models import User

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}
WAIT = {"timeout": 15_000}


def _log_in(page, url: str, username: str) -> None:
    page.goto(url + "/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("kuzbas-demo")
    page.locator("main").get_by_role("button", name="Log in").click()


def _context(browser, url: str, username: str, viewport=PHONE):
    context = browser.new_context(locale="en-US", viewport=viewport)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
    _log_in(page, url, username)
    return context, page, errors


def _voters(election: Election) -> list[str]:
    """The usernames of the five on the roll, with an account for any who has none yet."""
    names = []
    for entry in election.roll.select_related("person").order_by("person__key"):
        user = User.objects.filter(person=entry.person).first()
        if user is None:
            user = User.objects.create(username=entry.person.key, person=entry.person)
            user.set_password("kuzbas-demo")
            user.save()
        names.append(user.username)
    return names


@pytest.fixture
def practice_meeting(demo_colony) -> Meeting:
    if not Meeting.objects.exists():
        load_meetings(actor=Operator("test"))
    return Meeting.objects.get(status="open")


def test_five_phones_vote_on_an_stv_election_and_a_motion_from_one_screen_and_the_projector_follows(
    page, browser, live_server, practice_meeting
):
    url = live_server.url
    meeting = practice_meeting
    election = Election.objects.get(agenda_items__meeting=meeting)
    names = {c.person.key: str(c.person) for c in election.candidates.select_related("person")}
    _log_in(page, url, "rutgers")
    page.goto(f"{url}/meetings/{meeting.pk}/")
    code = page.get_by_test_id("checkin-code").inner_text()
    hall_context, hall, hall_errors = _context(
        browser, url, "rutgers", {"width": 1280, "height": 720}
    )
    hall.goto(f"{url}/meetings/{meeting.pk}/projector/")
    expect(hall.get_by_test_id("projector")).to_be_visible()

    page.get_by_role("button", name="Open the election").click()
    expect(page.locator("main")).to_contain_text("Voting is open.")
    phones = {}
    for username in _voters(election):
        context, phone, errors = _context(browser, url, username)
        phone.goto(f"{url}/meetings/{meeting.pk}/vote/")
        phone.get_by_label("Check-in code").fill(code.lower())
        phone.get_by_role("button", name="Check in").click()
        phones[username] = (context, phone, errors)
    assert len(phones) == 5

    # The ballot paper is on the one screen; candidates are ranked by tapping, in order.
    order = ["reese", "haywood"]
    for n, (_ctx, phone, _errs) in enumerate(phones.values()):
        box = phone.get_by_test_id("ballot-box")
        expect(box.get_by_role("button", name=names["pearson"])).to_be_visible(**WAIT)
        if n == 0:  # a tap again takes a candidate off the ranking
            box.get_by_role("button", name=names["pearson"]).click()
            box.get_by_role("button", name=names["pearson"]).click()
        for key in order:
            box.get_by_role("button", name=names[key]).click()
        expect(phone.get_by_test_id("rank-order")).to_have_text(
            re.compile(f"{names['reese']}.*{names['haywood']}")
        )
        box.get_by_role("button", name="Cast my secret ballot").click()
        expect(phone.get_by_test_id("receipt")).to_have_text(re.compile(r"^[0-9a-f]{16}$"))
        expect(box).to_contain_text(f"Your ranking: 1. {names['reese']}, 2. {names['haywood']}")
        expect(box.get_by_role("status")).to_have_count(1)  # one message, not two
    expect(hall.get_by_test_id("turnout")).to_have_text("5 of 5 have voted", **WAIT)

    page.goto(f"{url}/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Close the election and count").click()
    page.get_by_test_id("confirm-yes").click()
    expect(page.locator("main")).to_contain_text("the ballots are counted")
    for phone in [p for _c, p, _e in phones.values()]:
        expect(phone.get_by_test_id("result")).to_contain_text("Elected", **WAIT)
        expect(phone.get_by_test_id("result")).to_contain_text(names["reese"])
    expect(hall.get_by_test_id("projector-result")).to_contain_text(
        f"Elected: {names['reese']}", **WAIT
    )

    # The motion, on the same screen: Yes / No / Abstain, the choice shown back.
    page.get_by_role("button", name="Open the vote").click()
    expect(page.locator("main")).to_contain_text("is open")
    choices = ["Yes", "Yes", "Yes", "No", "Abstain"]
    for choice, (_ctx, phone, _errs) in zip(choices, phones.values(), strict=True):
        expect(phone.get_by_test_id("vote-open")).to_be_visible(**WAIT)
        phone.get_by_role("button", name=choice, exact=True).click()
        expect(phone.get_by_test_id("voted")).to_contain_text(
            f"Your ballot is in. You voted: {choice}"
        )
        expect(phone.get_by_test_id("vote-state").get_by_role("status")).to_have_count(1)
    expect(hall.get_by_test_id("turnout")).to_have_text("5 of 5 have voted", **WAIT)

    page.goto(f"{url}/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Close the vote").click()
    page.get_by_test_id("confirm-yes").click()
    expect(page.locator("main")).to_contain_text("The vote is closed: carried")
    for context, phone, errors in phones.values():
        expect(phone.get_by_test_id("result")).to_contain_text("Carried", **WAIT)
        expect(phone.get_by_test_id("result")).to_contain_text("yes 3 · no 1 · abstain 1")
        assert errors == []
        context.close()
    expect(hall.get_by_test_id("projector-result")).to_contain_text("Carried", **WAIT)
    assert hall_errors == []
    hall_context.close()
    assert page.console_errors == []


def test_a_russian_phone_shows_three_distinct_buttons_that_fit_and_votes_by_keyboard(
    browser, live_server, practice_meeting
):
    url = live_server.url
    meeting = practice_meeting
    item = meeting.items.get(kind="motion")
    rutgers = User.objects.get(username="rutgers")
    votes.open_item_vote(actor=rutgers, item=item, as_of=meeting.convened_for.date())
    context = browser.new_context(locale="ru-RU", viewport=PHONE)
    phone = context.new_page()
    errors: list[str] = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    phone.goto(url + "/login/")
    phone.locator("input[name=username]").fill("pearson")
    phone.locator("input[name=password]").fill("kuzbas-demo")
    phone.locator("main button[type=submit]").click()
    phone.goto(f"{url}/meetings/{meeting.pk}/vote/")
    phone.locator("input[name=code]").fill(meeting.checkin_code)
    phone.locator("form[data-testid=check-in] button").click()

    buttons = [
        phone.get_by_role("button", name=n, exact=True) for n in ("За", "Против", "Воздержался")
    ]
    colours = set()
    for button in buttons:
        expect(button).to_be_visible(**WAIT)
        box = button.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert box["width"] > PHONE["width"] / 2  # full width on a phone
        colours.add(button.evaluate("b => getComputedStyle(b).backgroundColor"))
    assert len(colours) == 3
    # The room's own screen fits (the site's header is the phone layout's business).
    screen = phone.get_by_test_id("vote-state")
    assert screen.evaluate("s => s.getBoundingClientRect().right") <= PHONE["width"]
    assert screen.evaluate("s => s.scrollWidth <= s.clientWidth")

    buttons[1].focus()
    phone.keyboard.press("Enter")
    expect(phone.get_by_test_id("voted")).to_contain_text("Ваш голос: Против")
    assert errors == []
    context.close()
