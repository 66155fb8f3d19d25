"""Every write to an election: calling it, candidates, opening, ballots, the count, the seats.

The statute decides which seats are elected, by which matter, which body elects and who votes on
the day; the engine (`kuzbas.statute.elections`) counts. A ballot is secret: the database keeps
that a member voted and, apart, the ballot under its receipt, with no link between them.

The result enters the decision register as the decision of the electing body: a motion of the
election's matter is filed through governance when the count is made, marked carried (the
meeting declared the result) and appended with the count as its arithmetic. The register's
model fits because `counts` and `payload` are free JSON and an entry needs only a motion; the
election keeps its own tables for the ballots, the stages and the seats filled.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import secrets
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuzbas.audit.services import audit
from kuzbas.elections import counting
from kuzbas.elections.models import (
    Candidate,
    Election,
    ElectionBallot,
    ElectionParticipation,
    ElectionResult,
    ElectionRoll,
    ElectionStatus,
    Method,
)
from kuzbas.errors import Conflict, Invalid, NotFound, Problem, Refused
from kuzbas.governance import register, transitions
from kuzbas.governance import services as governance
from kuzbas.governance.models import Body, MotionStatus, Seat, SeatHolding
from kuzbas.governance.statutes import stored_history, stored_version
from kuzbas.governance.voters import electorate_on
from kuzbas.meetings.models import AgendaItem, Attendance, ItemStatus, Meeting, MeetingStatus
from kuzbas.members.access import person_of
from kuzbas.members.models import Person
from kuzbas.members.permissions import Right, require
from kuzbas.record.services import attach_citations, full_clean_or_invalid
from kuzbas.statute import (
    Competence,
    NotInForce,
    Refusal,
    Statute,
    admit_motion,
    competence,
    statute_as_of,
)
from kuzbas.statute.model import FilledBy
from kuzbas.statute.quorum import QuorumCheck, check_quorum

PREPARING = (ElectionStatus.DRAFT, ElectionStatus.NOMINATING)


def _problem(message: str, field: str) -> Invalid:
    return Invalid(problems=[Problem(message, field=field)])


def _seat(seat: Seat | str) -> Seat:
    if isinstance(seat, Seat):
        return seat
    body, _dot, key = str(seat).partition(".")
    found = Seat.objects.select_related("body").filter(body__key=body, key=key).first()
    if found is None:
        raise NotFound(
            _("There is no seat “%(seat)s”; name it as body.seat.") % {"seat": seat}, field="seat"
        )
    return found


def _competence(matter: str, *, as_of: dt.date) -> Competence:
    """Return the statute's answer to "who elects?" on a date, or refuse with its rule."""
    try:
        history = stored_history()
    except NotFound as error:
        raise Refused(error.message, rule="statute.none") from None
    answer = competence(history, matter=matter, as_of=as_of)
    if isinstance(answer, Refusal):
        raise answer.as_error()
    # A vote transferred to another holder (an outside authority) is not the members' to cast.
    admitted = admit_motion(history, matter=matter, body=answer.body.id, as_of=as_of)
    if isinstance(admitted, Refusal):
        raise admitted.as_error()
    return admitted


def _statute_seat(seat: Seat, as_of: dt.date):
    """Return the statute version in force and its seat, refusing a seat it does not elect."""
    try:
        history = stored_history()
    except NotFound as error:
        raise Refused(error.message, rule="statute.none") from None
    try:
        statute = statute_as_of(history, as_of)
    except NotInForce as error:
        raise Refused(error.message, rule="statute.in_force") from None
    found = statute.seat(seat.path)
    if found is None:
        raise Refused(
            _("Version %(v)s of the statute has no seat “%(seat)s”.")
            % {"v": statute.version, "seat": seat.path},
            rule=f"seat.{seat.path}",
        )
    if found.filled_by is not FilledBy.ELECTION or not found.matter:
        raise Refused(
            _("The statute fills the seat “%(seat)s” by %(how)s, not by election.")
            % {"seat": seat.path, "how": found.filled_by.value.replace("_", " ")},
            rule=found.rule,
        )
    return statute, found


def _people(keys: Sequence[str], field: str) -> list[Person]:
    """Return the persons named by registry keys, each once, or Invalid naming every bad one."""
    found = {p.key: p for p in Person.objects.filter(key__in=list(keys))}
    problems, seen = [], set()
    for n, key in enumerate(keys, 1):
        if key not in found:
            problems.append(Problem(_("there is no person “%(k)s”") % {"k": key}, f"{field}[{n}]"))
        elif key in seen:
            problems.append(Problem(_("%(k)s is named twice") % {"k": key}, f"{field}[{n}]"))
        seen.add(key)
    if problems:
        raise Invalid(problems=problems)
    return [found[key] for key in keys]


def _agenda_item(election: Election) -> AgendaItem | None:
    return AgendaItem.objects.select_related("meeting").filter(election=election).first()


def _set_item_status(election: Election, status: str) -> None:
    AgendaItem.objects.filter(election=election).update(status=status)


# --- Calling an election ------------------------------------------------------------------------


@transaction.atomic
def create_election(
    *,
    actor,
    title: str,
    seat: Seat | str,
    seats: int,
    method: str,
    candidates: Sequence[str] = (),
    as_of: dt.date,
    meeting: Meeting | None = None,
    citations: Iterable[Mapping] = (),
) -> Election:
    """Call an election to places in an elected seat; on a meeting's agenda when one is given.

    The statute in force on `as_of` must fill the seat by election; its election matter names
    the electing body. `candidates` are registry keys in ballot-paper order.
    """
    require(actor, Right.GOVERNANCE_CHAIR, as_of)
    if method not in Method.values:
        raise _problem(_("Choose stv, plurality or approval."), "method")
    if not isinstance(seats, int) or isinstance(seats, bool) or seats < 1:
        raise _problem(_("Fill at least one place."), "seats")
    if not title.strip():
        raise _problem(_("Give the election a title."), "title")
    row = _seat(seat)
    statute, statute_seat = _statute_seat(row, as_of)
    if statute_seat.count is not None and seats > statute_seat.count:
        raise _problem(
            ngettext(
                "The statute gives the seat “%(seat)s” %(n)s place.",
                "The statute gives the seat “%(seat)s” %(n)s places.",
                statute_seat.count,
            )
            % {"seat": row.path, "n": statute_seat.count},
            "seats",
        )
    answer = _competence(statute_seat.matter, as_of=as_of)
    electing = Body.objects.get(key=answer.decided_by)
    people = _people(list(candidates), "candidates")
    if meeting is not None:
        if meeting.body_id != electing.pk:
            raise Refused(
                _("The %(body)s elects to this seat, not the meeting's body.") % {"body": electing},
                rule=answer.rule,
            )
        if meeting.status == MeetingStatus.CLOSED:
            raise Conflict(_("The meeting is closed."), rule="meeting.closed")
    election = Election(
        title=title.strip(),
        seat=row,
        seats=seats,
        matter=statute_seat.matter,
        electing_body=electing,
        method=method,
        statute_version=stored_version(statute),
        created_on=as_of,
    )
    full_clean_or_invalid(election)
    election.save()
    Candidate.objects.bulk_create(
        Candidate(election=election, person=person, position=n)
        for n, person in enumerate(people, 1)
    )
    attach_citations(actor=actor, obj=election, citations=citations)
    audit(
        actor=actor,
        action="elections.election.create",
        obj=election,
        changes={
            "seat": row.path,
            "places": seats,
            "method": method,
            "matter": statute_seat.matter,
            "candidates": [p.key for p in people],
        },
    )
    if meeting is not None:
        from kuzbas.meetings.services import agenda as meetings

        item = meetings.add_item(
            actor=actor, meeting=meeting, kind="election", title=election.title, as_of=as_of
        )
        AgendaItem.objects.filter(pk=item.pk).update(election=election)
        audit(
            actor=actor,
            action="elections.election.agenda",
            obj=election,
            changes={"meeting": meeting.pk, "position": item.position},
        )
    return election


def _locked(election: Election) -> Election:
    return Election.objects.select_for_update().select_related("seat__body").get(pk=election.pk)


def _require_preparing(election: Election) -> None:
    if election.status not in PREPARING:
        raise Conflict(
            _("The election is %(s)s; candidates are set before voting opens.")
            % {"s": election.get_status_display()},
            rule=f"election.{election.status}",
        )


@transaction.atomic
def add_candidate(*, actor, election: Election, person: Person | str) -> Candidate:
    """Put a person on the ballot paper, last, while the election is being prepared."""
    require(actor, Right.GOVERNANCE_CHAIR)
    election = _locked(election)
    _require_preparing(election)
    key = person.key if isinstance(person, Person) else str(person)
    (found,) = _people([key], "person")
    if election.candidates.filter(person=found).exists():
        raise Conflict(_("%(p)s already stands.") % {"p": found}, rule="candidate.once")
    last = election.candidates.order_by("-position").values_list("position", flat=True).first()
    candidate = Candidate.objects.create(election=election, person=found, position=(last or 0) + 1)
    audit(
        actor=actor,
        action="elections.candidate.add",
        obj=election,
        changes={"person": found.key, "position": candidate.position},
    )
    return candidate


@transaction.atomic
def withdraw_candidate(*, actor, election: Election, person: Person | str) -> None:
    """Take a person off the ballot paper while the election is being prepared; those after
    move up one place, so the paper keeps no gap."""
    require(actor, Right.GOVERNANCE_CHAIR)
    election = _locked(election)
    _require_preparing(election)
    key = person.key if isinstance(person, Person) else str(person)
    candidate = election.candidates.select_related("person").filter(person__key=key).first()
    if candidate is None:
        raise NotFound(
            _("“%(key)s” does not stand in this election.") % {"key": key}, field="person"
        )
    position = candidate.position
    candidate.delete()
    for later in election.candidates.filter(position__gt=position).order_by("position"):
        later.position -= 1
        later.save(update_fields=["position"])
    audit(
        actor=actor,
        action="elections.candidate.withdraw",
        obj=election,
        changes={"person": key, "position": position},
    )


@transaction.atomic
def open_nominations(*, actor, election: Election) -> Election:
    """Announce the election and take nominations (the chair still puts them on the paper)."""
    require(actor, Right.GOVERNANCE_CHAIR)
    election = _locked(election)
    if election.status != ElectionStatus.DRAFT:
        raise Conflict(
            _("Only a draft election opens for nominations; this one is %(s)s.")
            % {"s": election.get_status_display()},
            rule=f"election.{election.status}",
        )
    election.status = ElectionStatus.NOMINATING
    election.save(update_fields=["status"])
    audit(actor=actor, action="elections.election.nominate", obj=election)
    return election


# --- Voting -------------------------------------------------------------------------------------


def can_open(election: Election) -> tuple[bool, str]:
    """Return whether voting may open now, and why not."""
    if election.status not in PREPARING:
        return False, _("Voting has already opened.")
    standing = election.candidates.count()
    if standing < election.seats:
        return False, ngettext(
            "%(n)s place needs at least %(n)s candidate; %(c)s stand.",
            "%(n)s places need at least %(n)s candidates; %(c)s stand.",
            election.seats,
        ) % {
            "n": election.seats,
            "c": standing,
        }
    return True, ""


@transaction.atomic
def open_election(*, actor, election: Election, as_of: dt.date) -> Election:
    """Open voting; the roll is the statute's electorate of the electing body on that date."""
    require(actor, Right.GOVERNANCE_CHAIR, as_of)
    election = _locked(election)
    allowed, reason = can_open(election)
    if not allowed:
        raise Conflict(reason, rule=f"election.{election.status}")
    if as_of < election.created_on:
        raise _problem(_("Voting cannot open before the election is called."), "as_of")
    item = _agenda_item(election)
    if item is not None and item.meeting.status != MeetingStatus.OPEN:
        raise Conflict(
            _("The election is on the agenda of a meeting that is not open."),
            rule=f"meeting.{item.meeting.status}",
        )
    answer = _competence(election.matter, as_of=as_of)
    voters = electorate_on(
        answer.statute, body=answer.decided_by, matter=election.matter, as_of=as_of
    )
    # A whole number of votes is that many ballot papers (a proxy holder casts two); a fraction
    # of a vote has no paper to stand for it.
    unequal = [v.holder for v in voters.voters if v.weight.denominator != 1 or v.weight < 1]
    if unequal:
        raise Refused(
            _("The statute gives %(who)s a fraction of a vote; a ballot paper counts whole.")
            % {"who": ", ".join(unequal)},
            rule=answer.rule,
        )
    papers = {v.holder: int(v.weight) for v in voters.voters}
    people = dict(
        Person.objects.filter(key__in=[v.holder for v in voters.voters]).values_list("key", "pk")
    )
    if not people:
        raise Refused(
            _("Nobody may vote in the %(body)s on %(day)s.")
            % {"body": election.electing_body, "day": as_of.isoformat()},
            rule=answer.rule,
        )
    ElectionRoll.objects.bulk_create(
        ElectionRoll(election=election, person_id=pk, papers=papers[key])
        for key, pk in people.items()
    )
    election.status, election.opened_on = ElectionStatus.VOTING, as_of
    election.save(update_fields=["status", "opened_on"])
    _set_item_status(election, ItemStatus.VOTING)
    audit(
        actor=actor,
        action="elections.election.open",
        obj=election,
        changes={"on": as_of, "roll": len(people)},
    )
    return election


def check_marks(election: Election, marks: object) -> list[str]:
    """Return the ballot's marks checked against the candidates and the method, or Invalid."""
    if not isinstance(marks, list | tuple) or not all(isinstance(m, str) for m in marks):
        raise _problem(_("List the candidates by their registry keys."), "marks")
    marks = [m.strip() for m in marks]
    if not marks:
        if election.method == Method.STV:
            raise _problem(_("Rank at least one candidate."), "marks")
        raise _problem(_("Mark at least one candidate."), "marks")
    names = dict(election.candidates.values_list("person__key", "person__name_latin"))
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for n, key in enumerate(marks, 1):
        where = f"marks[{n}]"
        if key not in names:
            message = _("“%(k)s” does not stand in this election") % {"k": key}
            problems.append(Problem(message, where))
        elif key in seen:
            message = _("%(name)s is already your choice %(n)s") % {
                "name": names[key],
                "n": seen[key],
            }
            problems.append(Problem(message, where))
        else:
            seen[key] = n
    if election.method == Method.PLURALITY and len(marks) > election.seats:
        problems.append(
            Problem(
                ngettext(
                    "mark at most %(n)s candidate, one for each place",
                    "mark at most %(n)s candidates, one for each place",
                    election.seats,
                )
                % {"n": election.seats},
                "marks",
            )
        )
    if problems:
        raise Invalid(problems=problems)
    return marks


def cast_ballot(*, actor, election: Election, marks: Sequence[str]) -> ElectionBallot:
    """Cast the actor's ballot: only while voting is open, only from the roll, only once.

    A refused ballot leaves nothing behind, not even an audit entry. The ballot returned holds
    the receipt; nothing stored links it to the voter.
    """
    try:
        return _cast_ballot(actor=actor, election=election, marks=marks)
    except IntegrityError:
        # The database's once-per-voter constraint caught what the check could not see.
        raise Conflict(_("You have already voted in this election."), rule="ballot.once") from None


@transaction.atomic
def _cast_ballot(*, actor, election: Election, marks: Sequence[str]) -> ElectionBallot:
    require(actor, Right.GOVERNANCE_VOTE)
    election = _locked(election)
    if election.status != ElectionStatus.VOTING:
        raise Conflict(
            _("Voting in this election is not open (it is %(s)s).")
            % {"s": election.get_status_display()},
            rule=f"election.{election.status}",
        )
    person = person_of(actor)
    entry = ElectionRoll.objects.filter(election=election, person=person).first()
    if entry is None:
        raise Refused(
            _("%(person)s is not on the roll of this election (the %(body)s on %(day)s).")
            % {
                "person": person,
                "body": election.electing_body,
                "day": election.opened_on.isoformat(),
            },
            rule=f"body.{election.electing_body.key}",
        )
    item = _agenda_item(election)
    if (
        item is not None
        and not Attendance.objects.filter(meeting=item.meeting, person=person).exists()
    ):
        raise Refused(
            _("Check in to the meeting before voting in its election."),
            rule="attendance.required",
        )
    checked = check_marks(election, list(marks) if isinstance(marks, list | tuple) else marks)
    if ElectionParticipation.objects.filter(election=election, voter=person).exists():
        raise Conflict(_("You have already voted in this election."), rule="ballot.once")
    ElectionParticipation.objects.create(election=election, voter=person)
    # One paper for each vote held, alike; the voter keeps the first receipt.
    papers = [
        ElectionBallot(receipt=secrets.token_hex(8), election=election, marks=checked)
        for _n in range(entry.papers)
    ]
    ElectionBallot.objects.bulk_create(papers)
    ballot = papers[0]
    # The trail says that the person voted, as the participation does; never the marks.
    audit(actor=actor, action="elections.ballot.cast", obj=election, changes={"voter": person.key})
    return ballot


# --- The count ----------------------------------------------------------------------------------


def _months_later(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def _fill_seats(actor, election: Election, elected: Sequence[str], statute: Statute, on: dt.date):
    """Seat the elected from the day of the count, for the statute's term where it sets one."""
    found = statute.seat(election.seat.path)
    term = found.term_months if found is not None else None
    until = _months_later(on, term) - dt.timedelta(days=1) if term else None
    people = {p.key: p for p in Person.objects.filter(key__in=elected)}
    places = found.count if found is not None else None
    if places is not None and election.seats >= places:
        _end_terms(actor, election, keep=set(elected), on=on)
    filled = []
    for key in elected:
        holds = Q(valid_to__isnull=True) | Q(valid_to__gte=on)
        if SeatHolding.objects.filter(holds, seat=election.seat, person=people[key]).exists():
            continue  # re-elected while still sitting: the holding runs on
        holding = SeatHolding(seat=election.seat, person=people[key], valid_from=on, valid_to=until)
        full_clean_or_invalid(holding)
        holding.save()
        audit(
            actor=actor,
            action="governance.seat.hold",
            obj=holding,
            changes={
                "seat": election.seat.path,
                "person": key,
                "from": on,
                "to": until,
                "election": election.pk,
            },
        )
        filled.append(holding)
    return filled


def _end_terms(actor, election: Election, *, keep: set[str], on: dt.date) -> None:
    """An election to every place of a seat replaces those sitting in it: the terms of those
    not re-elected end the day before the count (the re-elected sit on)."""
    sitting = SeatHolding.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on), seat=election.seat, valid_from__lt=on
    ).select_related("person")
    for holding in sitting:
        if holding.person.key in keep:
            continue
        holding.valid_to = on - dt.timedelta(days=1)
        holding.save(update_fields=["valid_to"])
        audit(
            actor=actor,
            action="governance.seat.leave",
            obj=holding,
            changes={
                "seat": election.seat.path,
                "person": holding.person.key,
                "to": holding.valid_to,
                "election": election.pk,
            },
        )


def _quorum(answer: Competence, election: Election, *, papers: int, roll: int) -> QuorumCheck:
    """The electing body's quorum, counted from the ballot papers cast and the voters on the
    roll (an election's votes all weigh one)."""
    procedure = answer.statute.procedure_for_body(answer.body, election.matter)
    if procedure is None:
        return QuorumCheck(True, Fraction(0), Fraction(papers), "quorum: none required")
    return check_quorum(
        procedure.quorum,
        present=Fraction(papers),
        cast=Fraction(papers),
        members=Fraction(roll),
    )


def _lot(lot: Sequence[str] | None, candidates: Sequence[str]):
    """Return the lot source for the engine and how it was drawn."""
    if lot:
        if isinstance(lot, str) or sorted(lot) != sorted(candidates):
            raise _problem(_("The order drawn by lot must name every candidate once."), "lot")
        return list(lot), _("drawn in the hall and entered by the chair")
    seed = secrets.randbits(64)
    # The engine shuffles with it once; the seed is published so the draw can be repeated.
    source = random.Random(seed)  # noqa: S311 - reproducible by design, seeded from secrets
    return source, _("drawn by the system when the count began (seed %(s)s)") % {"s": seed}


def _register(actor, election: Election, answer: Competence, result: ElectionResult, names):
    """File the election's motion with governance and append its result to the register."""
    elected = ", ".join(names[k] for k in result.elected)
    motion = governance.file_motion(
        actor=actor,
        title=_("Result of the election: %(t)s") % {"t": election.title},
        text=_("Elected: %(e)s.") % {"e": elected}
        if result.quorum_met
        else _("No quorum: nobody is elected."),
        matter=election.matter,
        body=election.electing_body,
        as_of=election.closed_on,
    )
    outcome = MotionStatus.CARRIED if result.quorum_met else MotionStatus.NO_QUORUM
    transitions.move(motion, outcome)
    motion.save(update_fields=["status"])
    version = stored_version(answer.statute)
    decision = register.append_decision(
        motion=motion,
        outcome=outcome,
        counts={
            "ballots": str(result.ballots),
            "valid": str(result.valid),
            "blank": str(result.blank),
            "members": str(result.roll),
            "places": str(election.seats),
            **({"quota": result.quota} if result.quota else {}),
        },
        arithmetic=result.explanation,
        statute_hash=version.content_hash,
        rule=answer.rule,
        decided_on=election.closed_on,
        payload={
            "kind": "election",
            "election": {
                "id": election.pk,
                "title": election.title,
                "seat": election.seat.path,
                "places": election.seats,
                "method": election.method,
                "opened_on": election.opened_on.isoformat(),
            },
            "statute": {"id": answer.statute.id, "version": answer.statute.version},
            "rule_path": [{"rule": s.rule, "text": s.text} for s in answer.rule_path],
            "elected": list(result.elected),
            "lot_order": list(result.lot_order),
            "box_hash": result.box_hash,
        },
    )
    audit(
        actor=actor,
        action="governance.decision.record",
        obj=decision,
        changes={"outcome": decision.outcome, "rule": answer.rule, "election": election.pk},
    )
    return motion


@transaction.atomic
def close_election(
    *, actor, election: Election, as_of: dt.date, lot: Sequence[str] | None = None
) -> ElectionResult:
    """Close voting, count the box with the engine, seat the elected, and register the result.

    `lot` is an order of the candidates drawn by lot in the hall (luckiest first); without one
    the system draws it, and the seed is recorded. The lot decides only ties the count cannot
    break; the result says whether it did.
    """
    require(actor, Right.GOVERNANCE_CHAIR, as_of)
    election = _locked(election)
    if election.status != ElectionStatus.VOTING:
        raise Conflict(
            _("The election has no open vote to close (it is %(s)s).")
            % {"s": election.get_status_display()},
            rule=f"election.{election.status}",
        )
    if as_of < election.opened_on:
        raise _problem(_("Voting cannot close before it opened."), "as_of")
    answer = _competence(election.matter, as_of=as_of)
    standing = list(election.candidates.select_related("person").order_by("position"))
    keys = [c.person.key for c in standing]
    names = {c.person.key: str(c.person) for c in standing}
    source, drawn = _lot(lot, keys)
    box = list(ElectionBallot.objects.filter(election=election).values_list("receipt", "marks"))
    roll = election.roll.aggregate(papers=Sum("papers"))["papers"] or 0
    quorum = _quorum(answer, election, papers=len(box), roll=roll)
    if quorum.met:
        count = counting.count(
            election.method,
            candidates=keys,
            seats=election.seats,
            box=[marks for _receipt, marks in box],
            lot=source,
        )
    else:
        count = counting.void([marks for _receipt, marks in box], quorum.text)
    # Write the box again in random order, so that no row follows the order of casting.
    secrets.SystemRandom().shuffle(box)
    ElectionBallot.objects.filter(election=election).delete()
    ElectionBallot.objects.bulk_create(
        ElectionBallot(receipt=receipt, election=election, marks=marks) for receipt, marks in box
    )
    election.status, election.closed_on = ElectionStatus.CLOSED, as_of
    result = ElectionResult.objects.create(
        election=election,
        elected=count.elected,
        quota=count.quota,
        stages=count.stages,
        totals=count.totals,
        ballots=len(box),
        valid=count.valid,
        blank=count.blank,
        roll=roll,
        quorum_met=quorum.met,
        quorum=quorum.text,
        lot_order=count.lot_order,
        lot_drawn=drawn,
        decided_by_lot=count.decided_by_lot,
        explanation=count.explanation,
        box_hash=counting.box_hash(box),
    )
    if quorum.met:
        _fill_seats(actor, election, count.elected, answer.statute, as_of)
    election.motion = _register(actor, election, answer, result, names)
    election.save(update_fields=["status", "closed_on", "motion"])
    _set_item_status(election, ItemStatus.DONE)
    audit(
        actor=actor,
        action="elections.election.close",
        obj=election,
        changes={"on": as_of, "elected": count.elected, "ballots": len(box)},
    )
    return result


def published_receipts(election: Election) -> list[ElectionBallot]:
    """Return the ballot box by receipt once the count is made; before, nothing is published."""
    status = Election.objects.filter(pk=election.pk).values_list("status", flat=True).first()
    if status != ElectionStatus.CLOSED:
        raise Conflict(
            _("The receipts are published when the election closes."), rule="receipts.closed"
        )
    return list(ElectionBallot.objects.filter(election=election).order_by("receipt"))
