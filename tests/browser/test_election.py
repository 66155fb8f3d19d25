"""An election at the practice meeting: the chair opens it, two members rank the candidates on
their phones, the chair closes it, and the count appears stage by stage."""

import re

import pytest
from playwright.sync_api import expect

from kuzbas.core.actor import Operator
from kuzbas.elections.models import Election
from kuzbas.elections.services import polling
from kuzbas.meetings.models import Meeting
from kuzbas.meetings.services import attendance
from kuzbas.members.models import User

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}
# Candidates on the demo's paper: Haywood, Pearson, Schuyler, Reese.
RANKINGS = {"pearson": ["haywood", "pearson"], "haywood": ["pearson", "reese"]}


def _log_in(page, url: str, username: str) -> None:
    page.goto(url + "/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("kuzbas-demo")
    page.locator("main").get_by_role("button", name="Log in").click()


def _rank_from_the_floor(meeting: Meeting, election: Election, ranking: list[str]) -> None:
    """Members ranking at the hall's own terminal, through the same service, until the mass
    meeting has its quorum (more than half of its members): the phones alone are too few."""
    present = set(meeting.attendances.values_list("person__key", flat=True))
    roll = election.roll.select_related("person").order_by("person__key")
    floor = [r.person for r in roll if r.person.key not in present]
    for person in floor[:4]:
        user = User.objects.filter(person=person).first() or User.objects.create(
            username=f"floor-{person.key}", person=person
        )
        attendance.register_attendance(actor=Operator("door"), meeting=meeting, person=person)
        polling.cast_ballot(actor=user, election=election, marks=ranking)


def test_members_rank_candidates_on_phones_and_the_count_appears_stage_by_stage(
    page, browser, live_server, demo_colony
):
    url = live_server.url
    meeting = Meeting.objects.get(status="open")
    election = Election.objects.get(agenda_items__meeting=meeting)
    names = {c.person.key: str(c.person) for c in election.candidates.select_related("person")}
    _log_in(page, url, "rutgers")
    page.goto(f"{url}/meetings/{meeting.pk}/")
    code = page.get_by_test_id("checkin-code").inner_text()
    page.get_by_role("button", name="Open the election").click()
    expect(page.get_by_test_id("election-2")).to_contain_text("voting")

    phones = []
    for username in RANKINGS:
        context = browser.new_context(locale="en-US", viewport=PHONE)
        phone = context.new_page()
        errors: list[str] = []
        phone.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
        _log_in(phone, url, username)
        phone.goto(f"{url}/meetings/{meeting.pk}/")
        phone.get_by_label("Check-in code").fill(code)
        phone.get_by_role("button", name="Check in").click()
        phone.goto(f"{url}/elections/{election.pk}/ballot/")
        for candidate in RANKINGS[username]:
            phone.get_by_role("button", name=names[candidate]).click()
        phone.get_by_role("button", name="Cast my secret ballot").click()
        expect(phone.get_by_test_id("receipt")).to_have_text(re.compile(r"^[0-9a-f]{16}$"))
        phones.append((context, errors))

    _rank_from_the_floor(meeting, election, ["reese", "haywood"])
    page.goto(f"{url}/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Close the election and count").click()
    page.get_by_test_id("confirm-yes").click()
    page.goto(f"{url}/elections/{election.pk}/")

    expect(page.get_by_test_id("result")).to_be_visible()
    expect(page.get_by_test_id("elected")).to_have_count(2)
    expect(page.get_by_test_id("stage-table")).to_be_visible()
    expect(page.get_by_test_id("stages").locator("li").first).to_contain_text(
        "First preferences counted"
    )
    for context, errors in phones:
        assert errors == []
        context.close()
    assert page.console_errors == []
