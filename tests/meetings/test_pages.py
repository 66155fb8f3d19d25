"""The voting page a member's phone polls, and the chair's page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kuzbas.meetings.services import agenda, votes
from tests.meetings.conftest import DAY, check_in_all

pytestmark = pytest.mark.django_db


def _poll(client, meeting):
    return client.get(f"/meetings/{meeting.pk}/vote/", headers={"HX-Request": "true"})


def test_the_polled_vote_fragment_costs_a_fixed_handful_of_queries(assembly, pumps_item, client):
    check_in_all(assembly, "anna")
    votes.open_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)
    client.force_login(assembly.members["anna"])
    client.get(f"/meetings/{assembly.meeting.pk}/vote/")

    with CaptureQueriesContext(connection) as queries:
        response = _poll(client, assembly.meeting)

    # The session, the user, and the meeting with its vote on screen.
    assert len(queries) <= 3, [q["sql"] for q in queries]
    assert 'data-testid="vote-open"' in response.content.decode()


def test_a_member_votes_from_the_page_and_sees_the_result_after_the_close(
    assembly, pumps_item, client
):
    check_in_all(assembly, "anna", "boris", "vera")
    votes.open_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)
    client.force_login(assembly.members["anna"])
    client.get(f"/meetings/{assembly.meeting.pk}/vote/")

    ack = client.post(
        f"/meetings/{assembly.meeting.pk}/vote/cast/",
        {"choice": "yes"},
        headers={"HX-Request": "true"},
    ).content.decode()
    during = _poll(client, assembly.meeting).content.decode()
    votes.close_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)
    after = _poll(client, assembly.meeting).content.decode()

    # One message, in the screen itself: the ballot is in (the choice comes from the phone).
    assert ack.count("Your ballot is in") == 1 and 'data-testid="voted"' in ack
    assert 'data-testid="voted"' in during and "yes 1" not in during
    assert 'data-testid="result"' in after and "No quorum" in after


def test_the_chair_sees_the_check_in_code_and_a_member_does_not(assembly, client):
    client.force_login(assembly.chair)
    chair_page = client.get(f"/meetings/{assembly.meeting.pk}/").content.decode()
    client.force_login(assembly.members["anna"])
    member_page = client.get(f"/meetings/{assembly.meeting.pk}/").content.decode()

    assert assembly.meeting.checkin_code in chair_page
    assert assembly.meeting.checkin_code not in member_page


def test_the_chairs_page_refreshes_the_quorum_in_place(assembly, client):
    check_in_all(assembly, "anna", "boris", "vera")
    client.force_login(assembly.chair)

    fragment = client.get(
        f"/meetings/{assembly.meeting.pk}/", headers={"HX-Request": "true", "HX-Target": "quorum"}
    ).content.decode()

    assert fragment.startswith('<article id="quorum"')
    assert "3 checked in" in fragment and "quorum met" in fragment


def test_the_chairs_page_says_why_a_motion_waits_for_its_amendment(assembly, pumps_item, client):
    check_in_all(assembly, "anna")
    agenda.propose_amendment(
        actor=assembly.members["anna"], item=pumps_item, title="Two pumps", text="", as_of=DAY
    )
    client.force_login(assembly.chair)

    page = client.get(f"/meetings/{assembly.meeting.pk}/").content.decode()

    assert "Amendments are voted before the motion they amend" in page
