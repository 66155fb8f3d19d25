"""Running a meeting: check-in, the live quorum, the speakers' list, amendments, votes."""

from __future__ import annotations

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Conflict, Invalid, NotNow, RefusedByStatute
from kuzbas.meetings import selectors
from kuzbas.meetings.models import Attendance, Meeting, SpeakerStatus
from kuzbas.meetings.quorum import live_quorum
from kuzbas.meetings.services import agenda, attendance, chair, speakers, votes
from tests.factories import PersonFactory, UserFactory
from tests.meetings.conftest import DAY, check_in_all

pytestmark = pytest.mark.django_db


def test_the_quorum_follows_who_checked_in(assembly):
    check_in_all(assembly, "anna", "boris")
    before = live_quorum(assembly.meeting)

    check_in_all(assembly, "vera")
    after = live_quorum(assembly.meeting)

    assert (before.met, before.present, before.members) == (False, "2", "5")
    assert (after.met, after.present) == (True, "3")
    assert "more than 1/2 × 5" in after.text
    assert after.rule == "procedure.mass_meeting_vote"


def test_only_the_bodys_electorate_counts_towards_the_quorum(assembly):
    check_in_all(assembly, "anna", "boris")
    guest = UserFactory(username="guest", person=PersonFactory(key="guest"))
    attendance.register_attendance(
        actor=assembly.chair, meeting=assembly.meeting, person=guest.person
    )

    quorum = live_quorum(assembly.meeting)

    assert (quorum.checked_in, quorum.present, quorum.met) == (3, "2", False)


def test_a_wrong_check_in_code_is_refused_and_leaves_no_trace(assembly):
    audited = AuditEntry.objects.count()

    with pytest.raises(Invalid):
        attendance.check_in(actor=assembly.members["anna"], meeting=assembly.meeting, code="WRONG1")

    assert Attendance.objects.count() == 0
    assert AuditEntry.objects.count() == audited


def test_a_member_checks_in_only_once(assembly):
    check_in_all(assembly, "anna")

    with pytest.raises(Conflict):
        check_in_all(assembly, "anna")

    assert Attendance.objects.count() == 1


def test_a_point_of_order_jumps_the_speakers_queue(assembly, pumps_item):
    check_in_all(assembly, "anna", "boris", "vera")
    speakers.request_to_speak(actor=assembly.members["anna"], item=pumps_item)
    speakers.request_to_speak(actor=assembly.members["boris"], item=pumps_item)
    speakers.request_to_speak(actor=assembly.members["vera"], item=pumps_item, point_of_order=True)

    first = speakers.next_speaker(actor=assembly.chair, item=pumps_item)
    second = speakers.next_speaker(actor=assembly.chair, item=pumps_item)

    assert [first.person.key, second.person.key] == ["vera", "anna"]
    first.refresh_from_db()
    assert first.status == SpeakerStatus.DONE
    assert [s.person.key for s in selectors.queue(pumps_item)] == ["boris"]


def test_only_someone_checked_in_may_ask_to_speak(assembly, pumps_item):
    with pytest.raises(NotNow):
        speakers.request_to_speak(actor=assembly.members["anna"], item=pumps_item)


def test_an_amendment_is_voted_before_its_motion(assembly, pumps_item):
    check_in_all(assembly, "anna", "boris", "vera")
    amendment = agenda.propose_amendment(
        actor=assembly.members["anna"],
        item=pumps_item,
        title="Buy two pumps, not one",
        text="",
        as_of=DAY,
    )

    with pytest.raises(NotNow, match=f"amendment No. {amendment.motion.number} first"):
        votes.open_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)

    votes.open_item_vote(actor=assembly.chair, item=pumps_item, motion=amendment.motion, as_of=DAY)
    for key in ("anna", "boris", "vera"):
        votes.vote(actor=assembly.members[key], meeting=_fresh(assembly), choice="yes")
    votes.close_item_vote(actor=assembly.chair, item=pumps_item, motion=amendment.motion, as_of=DAY)
    opened = votes.open_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)

    assert opened.pk == pumps_item.motion_id
    assert opened.status == "voting"


def test_a_meeting_vote_goes_through_the_governance_register(assembly, pumps_item):
    check_in_all(assembly, "anna", "boris", "vera")
    votes.open_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)
    for key, choice in (("anna", "yes"), ("boris", "yes"), ("vera", "no")):
        votes.vote(actor=assembly.members[key], meeting=_fresh(assembly), choice=choice)

    decision = votes.close_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)

    assert decision.outcome == "carried"
    assert (decision.counts["yes"], decision.counts["no"]) == ("2", "1")
    assert _fresh(assembly).current_motion_id == pumps_item.motion_id


def test_a_member_who_has_not_checked_in_may_not_vote_in_the_meeting(assembly, pumps_item):
    votes.open_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)

    with pytest.raises(NotNow, match="Check in"):
        votes.vote(actor=assembly.members["dora"], meeting=_fresh(assembly), choice="yes")


def test_a_motion_the_statute_gives_another_body_is_refused_on_the_agenda(assembly):
    with pytest.raises(RefusedByStatute) as refusal:
        agenda.add_item(
            actor=assembly.chair,
            meeting=assembly.meeting,
            kind="motion",
            title="Negotiate with the Gosplan",
            matter="management",
            as_of=DAY,
        )

    assert refusal.value.rule == "matter.management"


def test_a_meeting_with_an_open_vote_cannot_be_closed(assembly, pumps_item):
    votes.open_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)

    with pytest.raises(NotNow, match="vote is still open"):
        chair.close_meeting(actor=assembly.chair, meeting=assembly.meeting)


def _fresh(assembly) -> Meeting:
    return Meeting.objects.select_related("current_motion").get(pk=assembly.meeting.pk)
