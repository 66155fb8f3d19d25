"""The chair of a meeting: handing it over, opening the meeting and closing it.

The chair passes to another only by the meeting's own decision (a motion on its agenda that
names the new chair, carried: `chair_motion.py`) or by an administrator; holding the right to
chair meetings is not enough to take over someone else's with one tap. Both are recorded: the
trail says who took the chair and by which register entry.
"""

from __future__ import annotations

import datetime as dt

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.actor import label
from kuzbas.core.errors import Conflict, NotNow, NotPermitted
from kuzbas.core.rights import Right, Role, require, roles_of
from kuzbas.governance.models import Motion, MotionStatus
from kuzbas.governance.services import motions
from kuzbas.meetings import transitions
from kuzbas.meetings.models import ItemKind, Meeting, MeetingStatus
from kuzbas.meetings.selectors import votes_open
from kuzbas.meetings.services.agenda import append_item
from kuzbas.meetings.services.preconditions import (
    locked,
    refuse_closed,
    require_move,
    require_the_chair,
    save_shown,
)

CHAIR_KIND = "meeting_chair"  # the proposal of a motion that hands the chair over


def chair_proposal(meeting: Meeting, user) -> dict:
    """Return the proposal of a motion that the meeting hand its chair to `user`."""
    return {"kind": CHAIR_KIND, "meeting": meeting.pk, "user": user.pk, "name": label(user)}


def _by_decision(decision, meeting: Meeting, actor) -> bool:
    """Return whether a carried register entry of this meeting hands its chair to the actor."""
    if decision is None or decision.outcome != "carried":
        return False
    proposal = decision.motion.proposal or {}
    return (
        proposal.get("kind") == CHAIR_KIND
        and proposal.get("meeting") == meeting.pk
        and proposal.get("user") == getattr(actor, "pk", None)
    )


@transaction.atomic
def take_chair(*, actor, meeting: Meeting, decision=None) -> Meeting:
    """Chair the meeting from now on: an administrator may; anyone else who may chair only when
    nobody chairs it yet, or by the meeting's carried decision (`decision`) naming them."""
    require(actor, Right.MEETINGS_CHAIR)
    meeting = locked(meeting)
    refuse_closed(meeting)
    if not isinstance(actor, models.Model):
        raise NotPermitted(_("Only an account can take the chair."))
    admin = Role.ADMIN in roles_of(actor)
    taking_over = meeting.chair_id not in (None, actor.pk) and not admin
    if taking_over and not _by_decision(decision, meeting, actor):
        raise NotPermitted(
            _(
                "%(chair)s chairs this meeting. The chair passes to another only by the "
                "meeting's decision or by an administrator: propose it to the meeting."
            )
            % {"chair": meeting.chair_name or meeting.chair},
            rule="meeting.chair_by_decision",
        )
    previous = meeting.chair_label
    meeting.chair, meeting.chair_label = actor, label(actor)
    save_shown(meeting, "chair", "chair_label")
    changes = {"from": previous, "to": meeting.chair_label}
    if decision is not None:
        changes["decision"] = decision.sequence
    elif admin:
        changes["by"] = "administrator"
    audit(actor=actor, action="meetings.chair.take", obj=meeting, changes=changes)
    return meeting


@transaction.atomic
def propose_chair(*, actor, meeting: Meeting, as_of: dt.date) -> Motion:
    """Put to the meeting a motion that the actor chair it from now on, as its last item.

    Whoever may chair meetings may propose it; the meeting's chair puts it to the vote like any
    motion, and when it carries the chair passes (`chair_motion`)."""
    require(actor, Right.MEETINGS_CHAIR, as_of)
    meeting = locked(meeting)
    refuse_closed(meeting)
    if meeting.chair_id in (None, getattr(actor, "pk", None)):
        raise Conflict(_("You may take the chair without a vote."), rule="meeting.chair")
    waiting = Motion.objects.filter(
        agenda_items__meeting=meeting,
        status__in=(MotionStatus.FILED, MotionStatus.VOTING),
        proposal__kind=CHAIR_KIND,
    )
    if waiting.exists():
        raise Conflict(
            _("A motion on the chair is before the meeting already."), rule="meeting.chair"
        )
    title = _("%(name)s to chair the meeting") % {"name": label(actor)}
    motion = motions.file_motion(
        actor=actor,
        title=title,
        text="",
        matter=CHAIR_KIND,  # no matter of the statute: the meeting's own business
        body=meeting.body,
        as_of=as_of,
        proposal=chair_proposal(meeting, actor),
        right=Right.MEETINGS_CHAIR,
    )
    append_item(actor=actor, meeting=meeting, kind=ItemKind.MOTION, title=title, motion=motion)
    save_shown(meeting)
    return motion


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
