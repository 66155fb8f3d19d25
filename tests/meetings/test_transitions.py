"""A meeting, an agenda item and a request to speak move only as their lifecycles allow."""

from __future__ import annotations

import pytest
from django.utils import translation

from kuzbas.core.lifecycle import IllegalTransition
from kuzbas.meetings.models import (
    AgendaItem,
    ItemStatus,
    Meeting,
    MeetingStatus,
    Speaker,
    SpeakerStatus,
)
from kuzbas.meetings.transitions import can_move, move


@pytest.fixture(autouse=True)
def english():
    """The reasons are read in English, whatever language an earlier test left active."""
    with translation.override("en"):
        yield


def test_a_planned_meeting_opens_and_an_open_one_closes():
    meeting = Meeting(status=MeetingStatus.PLANNED)

    move(meeting, MeetingStatus.OPEN)
    move(meeting, MeetingStatus.CLOSED)

    assert meeting.status == MeetingStatus.CLOSED


def test_a_closed_meeting_cannot_be_opened_again_and_says_why():
    meeting = Meeting(status=MeetingStatus.CLOSED)

    allowed, reason = can_move(meeting, MeetingStatus.OPEN)

    assert not allowed
    assert reason == "Only a planned meeting can be opened; this one is closed."


def test_a_planned_meeting_cannot_be_closed_before_it_opens():
    allowed, reason = can_move(Meeting(status=MeetingStatus.PLANNED), MeetingStatus.CLOSED)

    assert (allowed, reason) == (False, "The meeting is planned; it must be open for this.")


def test_an_illegal_move_raises_illegal_transition_under_the_meeting_rule():
    meeting = Meeting(status=MeetingStatus.OPEN)

    with pytest.raises(IllegalTransition) as refused:
        move(meeting, MeetingStatus.PLANNED)

    assert refused.value.rule == "meeting.open"
    assert refused.value.message == "The meeting is open; it cannot become planned."
    assert meeting.status == MeetingStatus.OPEN


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (ItemStatus.PENDING, ItemStatus.DISCUSSION),
        (ItemStatus.PENDING, ItemStatus.VOTING),
        (ItemStatus.PENDING, ItemStatus.DONE),
        (ItemStatus.DISCUSSION, ItemStatus.VOTING),
        (ItemStatus.VOTING, ItemStatus.DISCUSSION),
        (ItemStatus.VOTING, ItemStatus.DONE),
    ],
)
def test_an_agenda_item_moves_through_discussion_and_votes(start, to):
    item = AgendaItem(position=3, status=start)

    move(item, to)

    assert item.status == to


def test_an_agenda_item_never_goes_back_to_pending():
    item = AgendaItem(position=3, status=ItemStatus.VOTING)

    with pytest.raises(IllegalTransition) as refused:
        move(item, ItemStatus.PENDING)

    assert refused.value.rule == "item.voting"
    assert refused.value.message == "Item 3 is voting; it cannot become pending."


def test_a_speaker_is_called_from_the_queue_and_then_done():
    speaker = Speaker(status=SpeakerStatus.WAITING)

    move(speaker, SpeakerStatus.SPEAKING)
    move(speaker, SpeakerStatus.DONE)

    assert speaker.status == SpeakerStatus.DONE


def test_a_waiting_speaker_cannot_be_done_without_speaking():
    allowed, reason = can_move(Speaker(status=SpeakerStatus.WAITING), SpeakerStatus.DONE)

    assert (allowed, reason) == (
        False,
        "The request to speak is waiting; it cannot become done.",
    )
