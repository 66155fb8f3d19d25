"""Votes on an agenda item: amendments before their motion, one vote at a time, and ballots.

Opening, closing and counting share one preamble (the meeting's own chair, the meeting open,
the meeting locked) and one turn check; the vote itself is governance's.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import NotFound, NotNow
from kuzbas.core.rights import Right, require
from kuzbas.governance import transitions as motion_transitions
from kuzbas.governance.models import Ballot, Motion, SecretBallot
from kuzbas.governance.services import ballots, decisions
from kuzbas.meetings import transitions
from kuzbas.meetings.models import AgendaItem, Attendance, ItemStatus, Meeting, MeetingStatus
from kuzbas.meetings.selectors import votes_open
from kuzbas.meetings.services.agenda import UNDECIDED
from kuzbas.meetings.services.preconditions import (
    locked,
    require_open,
    require_the_chair,
    save_shown,
)


def can_open_vote(
    item: AgendaItem, motion: Motion, *, pending: list[Motion] | None = None
) -> tuple[bool, str]:
    """Return whether the meeting may put this motion to the vote now, and why not.

    `pending` is the motion's undecided amendments where the caller has read them already
    (`selectors.agenda_of`); otherwise they are read here.
    """
    if item.meeting.status != MeetingStatus.OPEN:
        return False, _("The meeting is not open.")
    if pending is None:
        pending = list(
            Motion.objects.filter(amendment__amends=motion, status__in=UNDECIDED).order_by("number")
        )
    if pending:
        numbers = ", ".join(str(m.number) for m in sorted(pending, key=lambda m: m.number))
        return False, _(
            "Amendments are voted before the motion they amend: decide amendment No. %(n)s first."
        ) % {"n": numbers}
    return motion_transitions.can_open_vote(motion)


def _motion_of(item: AgendaItem, motion: Motion | None) -> Motion:
    if motion is None:
        if item.motion_id is None:
            raise NotNow(_("This item has no motion to vote on."), rule="item.motion")
        return item.motion
    if motion.pk != item.motion_id and not item.amendments.filter(motion=motion).exists():
        raise NotFound(_("Motion No. %(n)s is not on this item.") % {"n": motion.number})
    return motion


def _chaired_item(actor, item: AgendaItem, as_of: dt.date) -> tuple[AgendaItem, Meeting]:
    """Re-read the item with its meeting locked, for the meeting's own chair, while it is open."""
    require(actor, Right.MEETINGS_CHAIR, as_of)
    item = AgendaItem.objects.select_related("meeting", "motion").get(pk=item.pk)
    meeting = locked(item.meeting)
    require_the_chair(actor, meeting)
    require_open(meeting)
    return item, meeting


def _require_turn(item: AgendaItem, meeting: Meeting, target: Motion) -> None:
    """Refuse a vote out of turn: amendments before their motion, one vote at a time."""
    allowed, reason = can_open_vote(item, target)
    if not allowed:
        raise NotNow(reason, rule="meeting.vote_order")
    if votes_open(meeting):
        raise NotNow(_("Another vote is open; close it first."), rule="meeting.one_vote")


def _to(item: AgendaItem, status: str) -> None:
    """Move the item through its lifecycle and save it; an item there already stays."""
    if item.status != status:
        transitions.move(item, status)
    item.save(update_fields=["status"])


def _decided(actor, action: str, item: AgendaItem, meeting: Meeting, target: Motion, decision):
    """After a decision on the item's motion (done) or an amendment (back to discussion)."""
    _to(item, ItemStatus.DONE if target.pk == item.motion_id else ItemStatus.DISCUSSION)
    save_shown(meeting)
    audit(
        actor=actor,
        action=action,
        obj=item,
        changes={"motion": target.number, "decision": decision.sequence},
    )


@transaction.atomic
def open_item_vote(
    *, actor, item: AgendaItem, as_of: dt.date, motion: Motion | None = None
) -> Motion:
    """Put the item's motion (or one of its amendments) to the vote; amendments go first."""
    item, meeting = _chaired_item(actor, item, as_of)
    target = _motion_of(item, motion)
    _require_turn(item, meeting, target)
    opened = ballots.open_vote(actor=actor, motion=target, as_of=as_of, at=meeting)
    _to(item, ItemStatus.VOTING)
    meeting.current_motion = opened
    save_shown(meeting, "current_motion")
    audit(actor=actor, action="meetings.vote.open", obj=item, changes={"motion": opened.number})
    return opened


@transaction.atomic
def close_item_vote(*, actor, item: AgendaItem, as_of: dt.date, motion: Motion | None = None):
    """Close the item's open vote and record the decision in the register."""
    item, meeting = _chaired_item(actor, item, as_of)
    target = _motion_of(item, motion)
    decision = decisions.close_vote(actor=actor, motion=target, as_of=as_of, at=meeting)
    _decided(actor, "meetings.vote.close", item, meeting, target, decision)
    return decision


@transaction.atomic
def record_item_count(
    *,
    actor,
    item: AgendaItem,
    yes: int,
    no: int,
    abstain: int,
    present: int,
    as_of: dt.date,
    motion: Motion | None = None,
):
    """Record the totals the chair counted in the hall (the historical way: hands, not phones)
    for the item's motion or one of its amendments, and append the decision to the register.

    The same order as a vote: amendments first, one vote at a time; the statute counts.
    """
    item, meeting = _chaired_item(actor, item, as_of)
    target = _motion_of(item, motion)
    _require_turn(item, meeting, target)
    decision = decisions.record_counted_vote(
        actor=actor,
        motion=target,
        yes=yes,
        no=no,
        abstain=abstain,
        present=present,
        decided_on=as_of,
        at=meeting,
    )
    _decided(actor, "meetings.vote.count", item, meeting, target, decision)
    return decision


def vote(*, actor, meeting: Meeting, choice: str, key: str = "") -> Ballot | SecretBallot:
    """Cast the actor's ballot on the vote on screen; only someone checked in votes here.

    The ballot itself is governance's: open vote, on the roll, once (database-enforced), and
    idempotent under `key`; it asks the meeting (`meetings/sitting.py`) whether the voter is
    checked in, on this path as on any other. A member checked in showed the right to attend
    when checking in, so the ballot path does not ask for roles again; anyone else is asked first.
    """
    checked_in = getattr(meeting, "checked_in", None)
    if checked_in is None:
        checked_in = Attendance.objects.filter(
            meeting=meeting, person_id=getattr(actor, "person_id", None)
        ).exists()
    if not checked_in:
        require(actor, Right.MEETINGS_ATTEND)
    motion = meeting.current_motion
    if meeting.status != MeetingStatus.OPEN or motion is None:
        raise NotNow(_("No vote is open in this meeting."), rule="meeting.no_vote")
    return ballots.cast_ballot(actor=actor, motion=motion, choice=choice, key=key, at=meeting)
