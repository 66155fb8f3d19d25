"""The meeting room's smaller promises: notices listed once a meeting, and asking to speak from
the vote-now screen, which the chair sees and moves."""

from __future__ import annotations

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.meetings.services import notices
from tests.meetings.conftest import DAY, check_in_all

pytestmark = pytest.mark.django_db

SITE = "http://testserver/"


def test_notices_to_you_list_a_meeting_given_notice_of_three_times_once(assembly, client):
    for _n in range(3):
        notices.give_notice(actor=assembly.chair, meeting=assembly.meeting, on=DAY, site_url=SITE)
    client.force_login(assembly.members["anna"])

    page = client.get("/meetings/").content.decode()

    listed = page.split('data-testid="notices"')[1].split("</section>")[0]
    assert listed.count(assembly.meeting.title) == 1


def test_a_member_asks_to_speak_from_the_vote_screen_and_the_chair_gives_the_floor(
    assembly, pumps_item, client
):
    check_in_all(assembly, "anna")
    client.force_login(assembly.members["anna"])
    screen = client.get(f"/meetings/{assembly.meeting.pk}/vote/").content.decode()

    asked = client.post(
        f"/meetings/{assembly.meeting.pk}/items/{pumps_item.position}/speak/",
        {"next": f"/meetings/{assembly.meeting.pk}/vote/"},
    )
    client.force_login(assembly.chair)
    console = client.get(f"/meetings/{assembly.meeting.pk}/").content.decode()
    called = client.post(
        f"/meetings/{assembly.meeting.pk}/items/{pumps_item.position}/next/", follow=True
    ).content.decode()
    projector = client.get(f"/meetings/{assembly.meeting.pk}/projector/").content.decode()

    assert 'data-testid="ask-to-speak"' in screen
    assert asked["Location"] == f"/meetings/{assembly.meeting.pk}/vote/"
    assert "Speakers waiting" in console and "Anna" in console
    assert "Anna has the floor." in called
    assert "Has the floor" in projector and "Anna" in projector
    assert AuditEntry.objects.filter(action="meetings.speaker.call").exists()


def test_a_wrong_code_on_the_voting_page_says_so_on_the_voting_page(assembly, client):
    client.force_login(assembly.members["anna"])
    vote = f"/meetings/{assembly.meeting.pk}/vote/"

    answer = client.post(
        f"/meetings/{assembly.meeting.pk}/check-in/", {"code": "WRONG9", "next": vote}
    )

    assert answer["Location"] == vote
    assert 'data-testid="check-in"' in client.get(vote).content.decode()
