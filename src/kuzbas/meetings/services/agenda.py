"""Convening a meeting and its agenda: items, the motions they file, amendments, and the
election an election item carries."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping

from django.db import models, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.actor import label
from kuzbas.core.dates import Precision
from kuzbas.core.errors import Conflict, Invalid, NotFound, NotNow, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.governance.models import Body, Motion, MotionStatus
from kuzbas.governance.services import motions
from kuzbas.governance.transitions import DECIDED
from kuzbas.meetings import transitions
from kuzbas.meetings.models import AgendaItem, Amendment, ItemKind, ItemStatus, Meeting
from kuzbas.meetings.services.preconditions import (
    locked,
    refuse_closed,
    require_the_chair,
    save_shown,
)
from kuzbas.record.services import attach_citations

# Unambiguous on a projector and a phone keyboard: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
UNDECIDED = (MotionStatus.FILED, MotionStatus.VOTING)


def new_checkin_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _n in range(CODE_LENGTH))


@transaction.atomic
def convene(
    *,
    actor,
    body: Body | str,
    title: str,
    convened_for: dt.datetime,
    place: str = "",
    convened_precision: str = Precision.DAY,
    notes: str = "",
    chair=None,
    chair_label: str | None = None,
    citations: Iterable[Mapping] = (),
) -> Meeting:
    """Convene a meeting of a body, chaired by the actor unless told; a check-in code is drawn.

    `chair_label` names a chair who has no account, or "" where the record does not say.
    """
    require(actor, Right.MEETINGS_CHAIR)
    target = body if isinstance(body, Body) else Body.objects.filter(key=body).first()
    if target is None:
        raise NotFound(_("There is no body “%(key)s”.") % {"key": body}, field="body")
    meeting = Meeting(
        body=target,
        title=title.strip(),
        convened_for=convened_for,
        convened_precision=convened_precision,
        place=place.strip(),
        checkin_code=new_checkin_code(),
        chair=chair or (actor if isinstance(actor, models.Model) else None),
        chair_label=label(chair or actor) if chair_label is None else chair_label,
        notes=notes,
    )
    full_clean_or_invalid(meeting)
    meeting.save()
    attach_citations(actor=actor, obj=meeting, citations=citations)
    audit(
        actor=actor,
        action="meetings.meeting.convene",
        obj=meeting,
        changes={"body": target.key, "convened_for": convened_for},
    )
    return meeting


def _next_position(meeting: Meeting) -> int:
    return (meeting.items.aggregate(last=Max("position"))["last"] or 0) + 1


@transaction.atomic
def add_item(
    *,
    actor,
    meeting: Meeting,
    kind: str,
    title: str,
    as_of: dt.date,
    text: str = "",
    matter: str = "",
    motion: Motion | None = None,
    citations: Iterable[Mapping] = (),
) -> AgendaItem:
    """Put an item on the agenda; a motion item without a motion files one with the statute.

    `motion` puts a motion filed already (an amendment to the statute, say) on the agenda,
    under its own title unless another is given.
    """
    require(actor, Right.MEETINGS_CHAIR)
    meeting = locked(meeting)
    require_the_chair(actor, meeting)
    refuse_closed(meeting)
    if kind not in ItemKind.values:
        raise Invalid(problems=[Problem(_("Unknown kind of item."), field="kind")])
    if motion is not None and kind != ItemKind.MOTION:
        raise Invalid(problems=[Problem(_("A motion goes on a motion item."), field="kind")])
    if kind == ItemKind.MOTION and motion is None:
        if not matter:
            raise Invalid(problems=[Problem(_("Name the matter of the motion."), field="matter")])
        # Admissibility is the statute's: a motion the body may not decide is refused here.
        motion = motions.file_motion(
            actor=actor, title=title, text=text, matter=matter, body=meeting.body, as_of=as_of
        )
    if motion is not None and motion.body_id != meeting.body_id:
        raise Conflict(
            _("Motion No. %(n)s is put to %(body)s, not to this meeting's body.")
            % {"n": motion.number, "body": motion.body},
            rule=f"body.{meeting.body.key}",
        )
    item = append_item(
        actor=actor, meeting=meeting, kind=kind, title=title, text=text, motion=motion
    )
    attach_citations(actor=actor, obj=item, citations=citations)
    return item


def append_item(
    *, actor, meeting: Meeting, kind: str, title: str, text: str = "", motion: Motion | None
) -> AgendaItem:
    """Add the item last on the locked meeting's agenda and audit it; the caller has checked
    who may (the chair adding an item, or a member proposing a new chair)."""
    item = AgendaItem(
        meeting=meeting,
        position=_next_position(meeting),
        kind=kind,
        title=title.strip() or (motion.title if motion is not None else ""),
        text=text.strip(),
        motion=motion,
        status=ItemStatus.DONE
        if motion is not None and motion.status in DECIDED
        else ItemStatus.PENDING,
    )
    full_clean_or_invalid(item)
    item.save()
    audit(
        actor=actor,
        action="meetings.item.add",
        obj=item,
        changes={"meeting": meeting.pk, "kind": kind, "motion": motion.number if motion else None},
    )
    return item


@transaction.atomic
def propose_amendment(
    *, actor, item: AgendaItem, title: str, text: str, as_of: dt.date
) -> Amendment:
    """File an amendment to the item's motion: a motion of the same matter, voted before it."""
    require(actor, Right.MEETINGS_ATTEND, as_of)
    item = AgendaItem.objects.select_related("meeting", "motion").get(pk=item.pk)
    refuse_closed(item.meeting)
    main = item.motion
    if main is None or main.status not in UNDECIDED:
        raise NotNow(
            _("This item has no motion still to be decided; there is nothing to amend."),
            rule="amendment.target",
        )
    motion = motions.file_motion(
        actor=actor, title=title, text=text, matter=main.matter, body=main.body, as_of=as_of
    )
    amendment = Amendment.objects.create(item=item, motion=motion, amends=main)
    audit(
        actor=actor,
        action="meetings.amendment.propose",
        obj=amendment,
        changes={"amendment": motion.number, "amends": main.number},
    )
    return amendment


@transaction.atomic
def attach_election(*, actor, item: AgendaItem, election: models.Model) -> AgendaItem:
    """Make an election item of the agenda carry its election (a `kuzbas.elections` Election,
    which runs its own ballot); the meeting's chair does it while the meeting is not closed."""
    require(actor, Right.MEETINGS_CHAIR)
    item = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    require_the_chair(actor, item.meeting)
    refuse_closed(item.meeting)
    if item.kind != ItemKind.ELECTION:
        raise Conflict(
            _("Only an election item of the agenda can carry an election."), rule="item.kind"
        )
    item.election = election
    item.save(update_fields=["election"])
    audit(
        actor=actor,
        action="meetings.item.election",
        obj=item,
        changes={"meeting": item.meeting_id, "election": election.pk},
    )
    return item


@transaction.atomic
def move_item(*, actor, item: AgendaItem, to: str) -> AgendaItem:
    """Move an agenda item through its lifecycle (an election item: voting, then done); an
    item there already stays. Raises IllegalTransition for a move the lifecycle forbids.

    Part of another app's write (opening or counting an election), which checks the actor's
    rights; the move is audited here under that actor.
    """
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if item.status == to:
        return item
    before = item.status
    transitions.move(item, to)
    item.save(update_fields=["status"])
    # The phones show what is put to the vote: an election opening takes the screen from the
    # last motion, and its count shows when it is done.
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if item.election_id is not None and to == ItemStatus.VOTING:
        meeting.current_motion = None
        save_shown(meeting, "current_motion")
    else:
        save_shown(meeting)
    audit(actor=actor, action="meetings.item.move", obj=item, changes={"from": before, "to": to})
    return item
