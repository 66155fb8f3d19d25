"""Every write to a meeting: convening, the agenda, check-in, the speakers' list, its votes.

Motions, ballots and decisions go through `kuzbas.governance.services`, so admissibility,
the electorate and the count are the statute's; this module decides only what a meeting adds:
the order of business, who is present, who speaks, and that amendments come first.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping

from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.dates import Precision
from kuzbas.core.errors import Conflict, Invalid, NotFound, Problem, Refused
from kuzbas.core.rights import Right, Role, require, roles_of
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.governance import transitions
from kuzbas.governance.models import Ballot, Body, Motion, MotionStatus, SecretBallot
from kuzbas.governance.services import ballots, decisions, motions
from kuzbas.governance.statutes import stored_history
from kuzbas.governance.transitions import DECIDED
from kuzbas.governance.voters import electorate_on
from kuzbas.meetings.models import (
    AgendaItem,
    Amendment,
    Attendance,
    CheckIn,
    ItemKind,
    ItemStatus,
    Meeting,
    MeetingStatus,
    Notice,
    NoticeDelivery,
    Speaker,
    SpeakerStatus,
)
from kuzbas.meetings.quorum import meeting_day
from kuzbas.members.access import person_of
from kuzbas.members.models import Person
from kuzbas.record.services import attach_citations
from kuzbas.statute import statute_as_of

# Unambiguous on a projector and a phone keyboard: no 0/O, 1/I/L.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
UNDECIDED = (MotionStatus.FILED, MotionStatus.VOTING)


def new_checkin_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _n in range(CODE_LENGTH))


def _label(actor) -> str:
    return actor.get_username() if hasattr(actor, "get_username") else str(actor)


def _require_the_chair(actor, meeting: Meeting) -> None:
    """Refuse unless the actor chairs this meeting (or administers Kuzbas, or none chairs it).

    Holding the right to chair meetings is not enough to run someone else's: a chair who
    must leave hands over by `take_chair`, which the trail records."""
    if meeting.chair_id is None or meeting.chair_id == getattr(actor, "pk", None):
        return
    if Role.ADMIN in roles_of(actor):
        return
    raise Refused(
        _("%(chair)s chairs this meeting; take the chair before running it.")
        % {"chair": meeting.chair_label or meeting.chair},
        rule="meeting.chair",
    )


@transaction.atomic
def take_chair(*, actor, meeting: Meeting) -> Meeting:
    """Take the chair of a meeting (someone with the right to chair, e.g. a deputy)."""
    require(actor, Right.MEETINGS_CHAIR)
    meeting = _locked(meeting)
    if meeting.status == MeetingStatus.CLOSED:
        raise Conflict(_("The meeting is closed."), rule="meeting.closed")
    if not isinstance(actor, models.Model):
        raise Refused(_("Only an account can take the chair."))
    previous = meeting.chair_label
    meeting.chair, meeting.chair_label = actor, _label(actor)
    meeting.save(update_fields=["chair", "chair_label"])
    audit(
        actor=actor,
        action="meetings.chair.take",
        obj=meeting,
        changes={"from": previous, "to": meeting.chair_label},
    )
    return meeting


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)


def _refuse_closed(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CLOSED:
        raise Conflict(_("The meeting is closed."), rule="meeting.closed")


def _require_open(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.OPEN:
        raise Conflict(
            _("The meeting is %(status)s; it must be open for this.")
            % {"status": meeting.get_status_display()},
            rule=f"meeting.{meeting.status}",
        )


# --- Convening and the agenda -------------------------------------------------------------------


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
        chair_label=_label(chair or actor) if chair_label is None else chair_label,
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
    """Put an item on the agenda; a motion item without a motion files one with the statute."""
    require(actor, Right.MEETINGS_CHAIR)
    meeting = _locked(meeting)
    _require_the_chair(actor, meeting)
    _refuse_closed(meeting)
    if kind not in ItemKind.values:
        raise Invalid(problems=[Problem(_("Unknown kind of item."), field="kind")])
    if kind == ItemKind.MOTION and motion is None:
        if not matter:
            raise Invalid(problems=[Problem(_("Name the matter of the motion."), field="matter")])
        # Admissibility is the statute's: a motion the body may not decide is refused here.
        motion = motions.file_motion(
            actor=actor, title=title, text=text, matter=matter, body=meeting.body, as_of=as_of
        )
    if motion is not None and motion.body_id != meeting.body_id:
        raise Refused(
            _("Motion No. %(n)s is put to %(body)s, not to this meeting's body.")
            % {"n": motion.number, "body": motion.body},
            rule=f"body.{meeting.body.key}",
        )
    item = AgendaItem(
        meeting=meeting,
        position=_next_position(meeting),
        kind=kind,
        title=title.strip(),
        text=text.strip(),
        motion=motion,
        status=ItemStatus.DONE
        if motion is not None and motion.status in DECIDED
        else ItemStatus.PENDING,
    )
    full_clean_or_invalid(item)
    item.save()
    attach_citations(actor=actor, obj=item, citations=citations)
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
    _refuse_closed(item.meeting)
    main = item.motion
    if main is None or main.status not in UNDECIDED:
        raise Conflict(
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


# --- Opening and closing the meeting ------------------------------------------------------------


@transaction.atomic
def open_meeting(*, actor, meeting: Meeting) -> Meeting:
    """Open a planned meeting: check-in and votes may begin."""
    require(actor, Right.MEETINGS_CHAIR)
    meeting = _locked(meeting)
    _require_the_chair(actor, meeting)
    if meeting.status != MeetingStatus.PLANNED:
        raise Conflict(
            _("Only a planned meeting can be opened; this one is %(s)s.")
            % {"s": meeting.get_status_display()},
            rule=f"meeting.{meeting.status}",
        )
    meeting.status, meeting.opened_at = MeetingStatus.OPEN, timezone.now()
    _moved(meeting, "status", "opened_at")
    audit(actor=actor, action="meetings.meeting.open", obj=meeting)
    return meeting


@transaction.atomic
def close_meeting(*, actor, meeting: Meeting) -> Meeting:
    """Close an open meeting; refused while one of its votes is still open."""
    require(actor, Right.MEETINGS_CHAIR)
    meeting = _locked(meeting)
    _require_the_chair(actor, meeting)
    _require_open(meeting)
    if votes_open(meeting):
        raise Conflict(
            _("A vote is still open; close it before closing the meeting."), rule="meeting.vote"
        )
    meeting.status, meeting.closed_at = MeetingStatus.CLOSED, timezone.now()
    _moved(meeting, "status", "closed_at")
    audit(actor=actor, action="meetings.meeting.close", obj=meeting)
    return meeting


def votes_open(meeting: Meeting) -> bool:
    """Return whether any motion of the meeting, an amendment to one, or an election on its
    agenda is being voted on."""
    motions = Motion.objects.filter(
        models.Q(agenda_items__meeting=meeting) | models.Q(amendment__item__meeting=meeting),
        status=MotionStatus.VOTING,
    )
    elections = meeting.items.filter(election__status="voting")
    return motions.exists() or elections.exists()


# --- Check-in -----------------------------------------------------------------------------------


def check_in(*, actor, meeting: Meeting, code: str) -> Attendance:
    """Check the actor in with the code the chair shows; a wrong code leaves no trace."""
    try:
        return _check_in(actor=actor, meeting=meeting, code=code)
    except IntegrityError:
        raise Conflict(_("You are already checked in."), rule="attendance.once") from None


@transaction.atomic
def _check_in(*, actor, meeting: Meeting, code: str) -> Attendance:
    require(actor, Right.MEETINGS_ATTEND)
    meeting = Meeting.objects.get(pk=meeting.pk)
    _require_open(meeting)
    if not secrets.compare_digest(code.strip().upper(), meeting.checkin_code):
        raise Refused(_("That is not this meeting's check-in code."), rule="attendance.code")
    person = person_of(actor)
    if Attendance.objects.filter(meeting=meeting, person=person).exists():
        raise Conflict(_("You are already checked in."), rule="attendance.once")
    attendance = Attendance.objects.create(
        meeting=meeting,
        person=person,
        method=CheckIn.CODE,
        recorded_by=actor if isinstance(actor, models.Model) else None,
    )
    audit(
        actor=actor,
        action="meetings.attendance.check_in",
        obj=meeting,
        changes={"person": person.key, "method": CheckIn.CODE},
    )
    return attendance


@transaction.atomic
def register_attendance(*, actor, meeting: Meeting, person: Person) -> Attendance:
    """Record, as a clerk at the door, that a person is present."""
    require(actor, Right.MEETINGS_CLERK)
    meeting = Meeting.objects.get(pk=meeting.pk)
    _require_open(meeting)
    if Attendance.objects.filter(meeting=meeting, person=person).exists():
        raise Conflict(_("%(p)s is already checked in.") % {"p": person}, rule="attendance.once")
    attendance = Attendance.objects.create(
        meeting=meeting,
        person=person,
        method=CheckIn.CLERK,
        recorded_by=actor if isinstance(actor, models.Model) else None,
    )
    audit(
        actor=actor,
        action="meetings.attendance.check_in",
        obj=meeting,
        changes={"person": person.key, "method": CheckIn.CLERK},
    )
    return attendance


# --- The speakers' list -------------------------------------------------------------------------


@transaction.atomic
def request_to_speak(*, actor, item: AgendaItem, point_of_order: bool = False) -> Speaker:
    """Put the actor on the item's list; a point of order goes before everyone waiting."""
    require(actor, Right.MEETINGS_ATTEND)
    item = AgendaItem.objects.select_related("meeting").get(pk=item.pk)
    _require_open(item.meeting)
    person = person_of(actor)
    if not Attendance.objects.filter(meeting=item.meeting, person=person).exists():
        raise Refused(_("Check in before asking to speak."), rule="speaker.present")
    if item.speakers.filter(person=person, status=SpeakerStatus.WAITING).exists():
        raise Conflict(_("You are already on the list."), rule="speaker.once")
    speaker = Speaker.objects.create(item=item, person=person, point_of_order=point_of_order)
    audit(
        actor=actor,
        action="meetings.speaker.request",
        obj=item,
        changes={"person": person.key, "point_of_order": point_of_order},
    )
    return speaker


def queue(item: AgendaItem) -> list[Speaker]:
    """Return who waits to speak on an item, in the order they will be called."""
    return list(
        item.speakers.filter(status=SpeakerStatus.WAITING)
        .select_related("person")
        .order_by("-point_of_order", "requested_at", "pk")
    )


@transaction.atomic
def next_speaker(*, actor, item: AgendaItem) -> Speaker | None:
    """End the current speech and give the floor to the next in the queue (None: list empty)."""
    require(actor, Right.MEETINGS_CHAIR)
    item = AgendaItem.objects.select_related("meeting").select_for_update().get(pk=item.pk)
    _require_open(item.meeting)
    _require_the_chair(actor, item.meeting)
    now = timezone.now()
    item.speakers.filter(status=SpeakerStatus.SPEAKING).update(status=SpeakerStatus.DONE)
    waiting = queue(item)
    if not waiting:
        return None
    speaker = waiting[0]
    speaker.status, speaker.spoke_at = SpeakerStatus.SPEAKING, now
    speaker.save(update_fields=["status", "spoke_at"])
    if item.status == ItemStatus.PENDING:
        item.status = ItemStatus.DISCUSSION
        item.save(update_fields=["status"])
    audit(
        actor=actor,
        action="meetings.speaker.call",
        obj=item,
        changes={"person": speaker.person.key, "point_of_order": speaker.point_of_order},
    )
    return speaker


# --- Votes --------------------------------------------------------------------------------------


def motions_of(item: AgendaItem) -> list[Motion]:
    """Return the item's motions in voting order: its amendments first, then the motion."""
    amendments = [a.motion for a in item.amendments.select_related("motion", "motion__body")]
    return [*amendments, *([item.motion] if item.motion_id else [])]


def can_open_vote(item: AgendaItem, motion: Motion) -> tuple[bool, str]:
    """Return whether the meeting may put this motion to the vote now, and why not."""
    if item.meeting.status != MeetingStatus.OPEN:
        return False, _("The meeting is not open.")
    pending = Motion.objects.filter(amendment__amends=motion, status__in=UNDECIDED).order_by(
        "number"
    )
    if pending:
        numbers = ", ".join(str(m.number) for m in pending)
        return False, _(
            "Amendments are voted before the motion they amend: decide amendment No. %(n)s first."
        ) % {"n": numbers}
    return transitions.can_open_vote(motion)


def _motion_of(item: AgendaItem, motion: Motion | None) -> Motion:
    if motion is None:
        if item.motion_id is None:
            raise Conflict(_("This item has no motion to vote on."), rule="item.motion")
        return item.motion
    if motion.pk != item.motion_id and not item.amendments.filter(motion=motion).exists():
        raise NotFound(_("Motion No. %(n)s is not on this item.") % {"n": motion.number})
    return motion


def _chaired_item(actor, item: AgendaItem, as_of: dt.date) -> tuple[AgendaItem, Meeting]:
    """Re-read the item with its meeting locked, for the meeting's own chair, while it is open."""
    require(actor, Right.MEETINGS_CHAIR, as_of)
    item = AgendaItem.objects.select_related("meeting", "motion").get(pk=item.pk)
    meeting = _locked(item.meeting)
    _require_the_chair(actor, meeting)
    _require_open(meeting)
    return item, meeting


def _require_turn(item: AgendaItem, meeting: Meeting, target: Motion) -> None:
    """Refuse a vote out of turn: amendments before their motion, one vote at a time."""
    allowed, reason = can_open_vote(item, target)
    if not allowed:
        raise Conflict(reason, rule="meeting.vote_order")
    if votes_open(meeting):
        raise Conflict(_("Another vote is open; close it first."), rule="meeting.one_vote")


def _moved(meeting: Meeting, *fields: str) -> None:
    """Save what phones show and raise the revision they ask about (see `live`)."""
    meeting.revision += 1
    meeting.save(update_fields=[*fields, "revision"])


def _decided(actor, action: str, item: AgendaItem, meeting: Meeting, target: Motion, decision):
    """After a decision on the item's motion (done) or an amendment (back to discussion)."""
    item.status = ItemStatus.DONE if target.pk == item.motion_id else ItemStatus.DISCUSSION
    item.save(update_fields=["status"])
    _moved(meeting)
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
    opened = ballots.open_vote(actor=actor, motion=target, as_of=as_of)
    item.status = ItemStatus.VOTING
    item.save(update_fields=["status"])
    meeting.current_motion = opened
    _moved(meeting, "current_motion")
    audit(actor=actor, action="meetings.vote.open", obj=item, changes={"motion": opened.number})
    return opened


@transaction.atomic
def close_item_vote(*, actor, item: AgendaItem, as_of: dt.date, motion: Motion | None = None):
    """Close the item's open vote and record the decision in the register."""
    item, meeting = _chaired_item(actor, item, as_of)
    target = _motion_of(item, motion)
    decision = decisions.close_vote(actor=actor, motion=target, as_of=as_of)
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
    )
    _decided(actor, "meetings.vote.count", item, meeting, target, decision)
    return decision


def vote(*, actor, meeting: Meeting, choice: str, key: str = "") -> Ballot | SecretBallot:
    """Cast the actor's ballot on the vote on screen; only someone checked in votes here.

    The ballot itself is governance's: open vote, on the roll, once (database-enforced), and
    idempotent under `key`. A member checked in showed the right to attend when checking in,
    so the ballot path does not ask for roles again; anyone else is asked first.
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
        raise Conflict(_("No vote is open in this meeting."), rule="meeting.no_vote")
    if not checked_in:
        raise Refused(_("Check in to the meeting before voting."), rule="attendance.required")
    return ballots.cast_ballot(actor=actor, motion=motion, choice=choice, key=key)


# --- Notice -------------------------------------------------------------------------------------


def _notice_text(meeting: Meeting) -> str:
    lines = [
        _("%(body)s: %(title)s") % {"body": meeting.body, "title": meeting.title},
        _("Convened for %(when)s%(place)s.")
        % {
            "when": meeting.convened_label,
            "place": _(", at %(place)s") % {"place": meeting.place} if meeting.place else "",
        },
    ]
    items = list(meeting.items.order_by("position").values_list("position", "title"))
    if items:
        lines.append(_("Agenda:"))
        lines += [f"{position}. {title}" for position, title in items]
    return "\n".join(lines)


@transaction.atomic
def give_notice(*, actor, meeting: Meeting, on: dt.date) -> Notice:
    """Give notice of a meeting to every member entitled to attend: the body's electorate on
    the meeting's day, as the statute reckons it. Notice may be given again (after the agenda
    changed); each notice keeps the text it was given with."""
    require(actor, Right.MEETINGS_CLERK)
    meeting = _locked(meeting)
    if meeting.status == MeetingStatus.CLOSED:
        raise Conflict(_("The meeting is closed; notice can no longer be given."), rule="meeting")
    day = meeting_day(meeting)
    statute = statute_as_of(stored_history(), day)
    voters = electorate_on(statute, body=meeting.body.key, matter="", as_of=day)
    people = list(
        Person.objects.filter(key__in=[v.holder for v in voters.voters]).values_list(
            "pk", flat=True
        )
    )
    notice = Notice.objects.create(
        meeting=meeting,
        given_on=on,
        given_by=actor if isinstance(actor, models.Model) else None,
        given_by_label=_label(actor),
        text=_notice_text(meeting),
        recipients=len(people),
    )
    NoticeDelivery.objects.bulk_create(
        (NoticeDelivery(notice=notice, person_id=pk) for pk in people), batch_size=2000
    )
    audit(
        actor=actor,
        action="meetings.notice.give",
        obj=meeting,
        changes={"notice": notice.pk, "recipients": len(people)},
    )
    return notice


def mark_notices_read(*, actor, meeting: Meeting) -> int:
    """Mark the member's notices of a meeting read, now that they opened it; return how many."""
    person_id = getattr(actor, "person_id", None)
    if person_id is None:
        return 0
    marked = NoticeDelivery.objects.filter(
        notice__meeting=meeting, person_id=person_id, read_at__isnull=True
    ).update(read_at=timezone.now())
    if marked:
        audit(actor=actor, action="meetings.notice.read", obj=meeting, changes={"notices": marked})
    return marked
