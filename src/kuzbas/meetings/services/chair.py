"""The chair of a meeting: taking it over, opening the meeting and closing it."""

from __future__ import annotations

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.actor import label
from kuzbas.core.errors import NotNow, NotPermitted
from kuzbas.core.rights import Right, require
from kuzbas.meetings import transitions
from kuzbas.meetings.models import Meeting, MeetingStatus
from kuzbas.meetings.selectors import votes_open
from kuzbas.meetings.services.preconditions import (
    locked,
    refuse_closed,
    require_move,
    require_the_chair,
    save_shown,
)


@transaction.atomic
def take_chair(*, actor, meeting: Meeting) -> Meeting:
    """Take the chair of a meeting (someone with the right to chair, e.g. a deputy)."""
    require(actor, Right.MEETINGS_CHAIR)
    meeting = locked(meeting)
    refuse_closed(meeting)
    if not isinstance(actor, models.Model):
        raise NotPermitted(_("Only an account can take the chair."))
    previous = meeting.chair_label
    meeting.chair, meeting.chair_label = actor, label(actor)
    meeting.save(update_fields=["chair", "chair_label"])
    audit(
        actor=actor,
        action="meetings.chair.take",
        obj=meeting,
        changes={"from": previous, "to": meeting.chair_label},
    )
    return meeting


@transaction.atomic
def open_meeting(*, actor, meeting: Meeting) -> Meeting:
    """Open a planned meeting: check-in and votes may begin."""
    require(actor, Right.MEETINGS_CHAIR)
    meeting = locked(meeting)
    require_the_chair(actor, meeting)
    require_move(meeting, MeetingStatus.OPEN)
    transitions.move(meeting, MeetingStatus.OPEN)
    meeting.opened_at = timezone.now()
    save_shown(meeting, "status", "opened_at")
    audit(actor=actor, action="meetings.meeting.open", obj=meeting)
    return meeting


@transaction.atomic
def close_meeting(*, actor, meeting: Meeting) -> Meeting:
    """Close an open meeting; refused while one of its votes is still open."""
    require(actor, Right.MEETINGS_CHAIR)
    meeting = locked(meeting)
    require_the_chair(actor, meeting)
    require_move(meeting, MeetingStatus.CLOSED)
    if votes_open(meeting):
        raise NotNow(
            _("A vote is still open; close it before closing the meeting."), rule="meeting.vote"
        )
    transitions.move(meeting, MeetingStatus.CLOSED)
    meeting.closed_at = timezone.now()
    save_shown(meeting, "status", "closed_at")
    audit(actor=actor, action="meetings.meeting.close", obj=meeting)
    return meeting
