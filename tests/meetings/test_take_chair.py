"""The chair passes to another only by the meeting's decision or an administrator, on record:
holding the right to chair meetings is not enough to take over someone else's with one tap."""

from __future__ import annotations

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import NotPermitted
from kuzbas.core.rights import Role
from kuzbas.meetings.minutes import minutes_of
from kuzbas.meetings.models import Meeting
from kuzbas.meetings.services import chair, votes
from tests.factories import RoleGrantFactory, UserFactory
from tests.meetings.conftest import DAY, check_in_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def deputy():
    user = UserFactory(username="deputy")
    RoleGrantFactory(user=user, role=Role.BOARD_MEMBER)
    return user


def test_another_who_may_chair_is_refused_the_chair_without_a_decision(assembly, deputy):
    with pytest.raises(NotPermitted) as refused:
        chair.take_chair(actor=deputy, meeting=assembly.meeting)

    assert refused.value.rule == "meeting.chair_by_decision"
    assert Meeting.objects.get(pk=assembly.meeting.pk).chair == assembly.chair
    assert not AuditEntry.objects.filter(action="meetings.chair.take").exists()


def test_an_administrator_takes_the_chair_and_the_trail_says_so(assembly, admin_user):
    chair.take_chair(actor=admin_user, meeting=assembly.meeting)

    assert Meeting.objects.get(pk=assembly.meeting.pk).chair == admin_user
    taken = AuditEntry.objects.get(action="meetings.chair.take")
    assert taken.changes["by"] == "administrator"
    assert taken.changes["from"] == "chair"


def test_the_meetings_carried_decision_hands_the_chair_over_on_record(assembly, deputy):
    check_in_all(assembly, "anna", "boris", "vera", "gleb")
    motion = chair.propose_chair(actor=deputy, meeting=assembly.meeting, as_of=DAY)
    item = assembly.meeting.items.get(motion=motion)

    votes.open_item_vote(actor=assembly.chair, item=item, as_of=DAY)
    for key in ("anna", "boris", "vera"):
        votes.vote(
            actor=assembly.members[key],
            meeting=Meeting.objects.get(pk=assembly.meeting.pk),
            choice="yes",
        )
    decision = votes.close_item_vote(actor=assembly.chair, item=item, as_of=DAY)

    meeting = Meeting.objects.get(pk=assembly.meeting.pk)
    assert decision.outcome == "carried"
    assert meeting.chair == deputy
    taken = AuditEntry.objects.get(action="meetings.chair.take")
    assert taken.changes["decision"] == decision.sequence
    recorded = [m.motion.title for r in minutes_of(meeting).items for m in r.motions]
    assert "deputy to chair the meeting" in recorded


def test_a_lost_motion_leaves_the_chair_where_it_was(assembly, deputy):
    check_in_all(assembly, "anna", "boris", "vera", "gleb")
    motion = chair.propose_chair(actor=deputy, meeting=assembly.meeting, as_of=DAY)
    item = assembly.meeting.items.get(motion=motion)

    votes.open_item_vote(actor=assembly.chair, item=item, as_of=DAY)
    for key in ("anna", "boris", "vera"):
        votes.vote(
            actor=assembly.members[key],
            meeting=Meeting.objects.get(pk=assembly.meeting.pk),
            choice="no",
        )
    votes.close_item_vote(actor=assembly.chair, item=item, as_of=DAY)

    assert Meeting.objects.get(pk=assembly.meeting.pk).chair == assembly.chair
    assert not AuditEntry.objects.filter(action="meetings.chair.take").exists()
