"""A motion on a meeting's agenda: its chair and its attendance hold on every path to the vote.

Governance's motion page and API reach the same services as the meeting's; a member who never
checked in does not vote through them, and a board member who is not the meeting's chair does
not open, close or count its vote through them either.
"""

from __future__ import annotations

import pytest

from kuzbas.core.errors import NotNow, NotPermitted
from kuzbas.core.rights import Role
from kuzbas.governance.models import Decision, MotionStatus
from kuzbas.governance.services import ballots, decisions
from kuzbas.meetings.models import ItemStatus
from kuzbas.meetings.services import votes
from tests.factories import RoleGrantFactory, UserFactory
from tests.meetings.conftest import DAY, check_in_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy():
    """A board member who may chair meetings, but does not chair this one."""
    user = UserFactory(username="deputy")
    RoleGrantFactory(user=user, role=Role.BOARD_MEMBER)
    return user


@pytest.fixture
def vote_open(assembly, pumps_item):
    """Anna and Boris checked in, the pumps motion put to the vote by the chair."""
    check_in_all(assembly, "anna", "boris")
    votes.open_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)
    assembly.meeting.refresh_from_db()
    pumps_item.motion.refresh_from_db()
    return pumps_item.motion


def _post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {}, content_type="application/json")


# The ballot: only those checked in.


def test_a_member_who_never_checked_in_cannot_vote_through_governance(assembly, vote_open):
    with pytest.raises(NotNow) as refused:
        ballots.cast_ballot(actor=assembly.members["vera"], motion=vote_open, choice="yes")

    assert refused.value.rule == "attendance.required"
    assert f"/meetings/{assembly.meeting.pk}/" in refused.value.message


def test_the_quorum_counts_only_those_checked_in_whichever_path_they_voted_by(
    assembly, pumps_item, vote_open
):
    ballots.cast_ballot(actor=assembly.members["anna"], motion=vote_open, choice="yes")
    votes.vote(actor=assembly.members["boris"], meeting=assembly.meeting, choice="yes")
    for key in ("vera", "gleb", "dora"):
        with pytest.raises(NotNow):
            ballots.cast_ballot(actor=assembly.members[key], motion=vote_open, choice="yes")

    decision = votes.close_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)

    assert decision.counts["present"] == "2"
    assert decision.counts["yes"] == "2"


def test_the_governance_api_refuses_a_ballot_from_one_not_checked_in(assembly, vote_open, client):
    url = f"/api/governance/motions/{vote_open.number}/ballot"

    refused = _post(client, assembly.members["vera"], url, {"choice": "yes"})
    counted = _post(client, assembly.members["anna"], url, {"choice": "yes"})

    assert refused.status_code == 409
    assert refused.json()["rule"] == "attendance.required"
    assert counted.status_code == 201


def test_the_motion_page_refuses_a_ballot_from_one_not_checked_in(assembly, vote_open, client):
    client.force_login(assembly.members["vera"])

    page = client.post(
        f"/governance/motions/{vote_open.number}/vote/", {"choice": "yes"}, follow=True
    )

    assert "check in to the meeting before voting" in page.content.decode()
    decision = votes.close_item_vote(
        actor=assembly.chair, item=assembly.meeting.items.get(), as_of=DAY
    )
    assert decision.counts["present"] == "0"


# Opening, closing and counting: only the meeting's chair, only from the meeting.


def test_another_board_member_cannot_open_the_vote_through_governance(assembly, pumps_item, deputy):
    with pytest.raises(NotPermitted) as refused:
        ballots.open_vote(actor=deputy, motion=pumps_item.motion, as_of=DAY)

    assert refused.value.rule == "meeting.chair"
    pumps_item.motion.refresh_from_db()
    assert pumps_item.motion.status == MotionStatus.FILED


def test_even_the_chair_opens_the_vote_from_the_meeting_so_that_the_agenda_follows(
    assembly, pumps_item
):
    with pytest.raises(NotNow) as refused:
        ballots.open_vote(actor=assembly.chair, motion=pumps_item.motion, as_of=DAY)

    assert refused.value.rule == "meeting.agenda"
    assert f"/meetings/{assembly.meeting.pk}/" in refused.value.message
    pumps_item.refresh_from_db()
    assert pumps_item.status == ItemStatus.PENDING


def test_another_board_member_cannot_close_the_vote_or_count_it_through_governance(
    assembly, pumps_item, vote_open, deputy
):
    with pytest.raises(NotPermitted):
        decisions.close_vote(actor=deputy, motion=vote_open, as_of=DAY)
    with pytest.raises(NotNow):
        decisions.close_vote(actor=assembly.chair, motion=vote_open, as_of=DAY)

    assert not Decision.objects.exists()
    pumps_item.refresh_from_db()
    assert pumps_item.status == ItemStatus.VOTING


def test_a_counted_vote_on_the_agenda_is_recorded_only_from_the_meeting(
    assembly, pumps_item, deputy
):
    count = {"yes": 4, "no": 1, "abstain": 0, "present": 5, "decided_on": DAY}

    with pytest.raises(NotPermitted):
        decisions.record_counted_vote(actor=deputy, motion=pumps_item.motion, **count)
    with pytest.raises(NotNow):
        decisions.record_counted_vote(actor=assembly.chair, motion=pumps_item.motion, **count)

    assert not Decision.objects.exists()


def test_the_governance_api_refuses_another_board_member_and_sends_the_chair_to_the_meeting(
    assembly, pumps_item, deputy, client
):
    base = f"/api/governance/motions/{pumps_item.motion.number}"
    count = {"yes": 4, "no": 1, "abstain": 0, "present": 5}

    as_deputy = [
        _post(client, deputy, f"{base}/open").status_code,
        _post(client, deputy, f"{base}/count", count).status_code,
    ]
    as_chair = _post(client, assembly.chair, f"{base}/open")

    assert as_deputy == [403, 403]
    assert as_chair.status_code == 409
    assert as_chair.json()["rule"] == "meeting.agenda"
    assert f"/meetings/{assembly.meeting.pk}/" in as_chair.json()["message"]
    assert not Decision.objects.exists()


def test_the_governance_api_refuses_another_board_member_the_close(
    assembly, vote_open, deputy, client
):
    response = _post(client, deputy, f"/api/governance/motions/{vote_open.number}/close")

    assert response.status_code == 403
    assert not Decision.objects.exists()


def test_the_motion_page_buttons_leave_the_meeting_motion_alone(
    assembly, pumps_item, deputy, client
):
    client.force_login(deputy)
    number = pumps_item.motion.number

    opened = client.post(f"/governance/motions/{number}/open/", follow=True)
    counted = client.post(
        f"/governance/motions/{number}/count/",
        {"yes": "4", "no": "1", "abstain": "0", "present": "5"},
        follow=True,
    )

    assert "take the chair" in opened.content.decode()
    assert "take the chair" in counted.content.decode()
    pumps_item.motion.refresh_from_db()
    assert pumps_item.motion.status == MotionStatus.FILED
    assert not Decision.objects.exists()


def test_the_meeting_itself_still_runs_its_vote(assembly, pumps_item, vote_open):
    votes.vote(actor=assembly.members["anna"], meeting=assembly.meeting, choice="yes")

    decision = votes.close_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)

    pumps_item.refresh_from_db()
    assert pumps_item.status == ItemStatus.DONE
    assert decision.counts["present"] == "1"


def test_the_motion_page_sends_the_chair_to_the_meeting_instead_of_showing_buttons(
    assembly, pumps_item, client
):
    client.force_login(assembly.chair)

    page = client.get(f"/governance/motions/{pumps_item.motion.number}/").content.decode()

    assert 'data-testid="sitting"' in page
    assert f'href="/meetings/{assembly.meeting.pk}/"' in page
    assert f"/governance/motions/{pumps_item.motion.number}/open/" not in page
