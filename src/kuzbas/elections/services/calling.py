"""Calling an election: create it on a seat the statute fills by election, put candidates on
the paper or take them off, and take nominations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuzbas.audit.services import audit
from kuzbas.core.errors import Conflict, Invalid, NotFound, NotNow, Problem, RefusedByStatute
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.elections import transitions
from kuzbas.elections.models import Candidate, Election, ElectionStatus, Method
from kuzbas.elections.services import agenda, authority, rows
from kuzbas.governance.models import Body, Seat
from kuzbas.governance.statutes import stored_history, stored_version
from kuzbas.meetings.models import Meeting, MeetingStatus
from kuzbas.members.models import Person
from kuzbas.record.services import attach_citations
from kuzbas.statute import NotInForce, statute_as_of
from kuzbas.statute.model import FilledBy


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


def _statute_seat(seat: Seat, as_of: dt.date):
    """Return the statute version in force and its seat, refusing a seat it does not elect."""
    try:
        statute = statute_as_of(stored_history(), as_of)
    except NotInForce as error:
        raise NotNow(error.message, rule="statute.in_force") from None
    found = statute.seat(seat.path)
    if found is None:
        raise RefusedByStatute(
            _("Version %(v)s of the statute has no seat “%(seat)s”.")
            % {"v": statute.version, "seat": seat.path},
            rule=f"seat.{seat.path}",
        )
    if found.filled_by is not FilledBy.ELECTION or not found.matter:
        raise RefusedByStatute(
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
        raise rows.invalid(_("Choose stv, plurality or approval."), "method")
    if not isinstance(seats, int) or isinstance(seats, bool) or seats < 1:
        raise rows.invalid(_("Fill at least one place."), "seats")
    if not title.strip():
        raise rows.invalid(_("Give the election a title."), "title")
    row = _seat(seat)
    statute, statute_seat = _statute_seat(row, as_of)
    if statute_seat.count is not None and seats > statute_seat.count:
        raise rows.invalid(
            ngettext(
                "The statute gives the seat “%(seat)s” %(n)s place.",
                "The statute gives the seat “%(seat)s” %(n)s places.",
                statute_seat.count,
            )
            % {"seat": row.path, "n": statute_seat.count},
            "seats",
        )
    answer = authority.competence_for(statute_seat.matter, as_of=as_of)
    electing = Body.objects.get(key=answer.decided_by)
    people = _people(list(candidates), "candidates")
    if meeting is not None:
        if meeting.body_id != electing.pk:
            raise RefusedByStatute(
                _("The %(body)s elects to this seat, not the meeting's body.") % {"body": electing},
                rule=answer.rule,
            )
        if meeting.status == MeetingStatus.CLOSED:
            raise NotNow(_("The meeting is closed."), rule="meeting.closed")
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
        item = agenda.add_item(actor=actor, meeting=meeting, election=election, as_of=as_of)
        audit(
            actor=actor,
            action="elections.election.agenda",
            obj=election,
            changes={"meeting": meeting.pk, "position": item.position},
        )
    return election


@transaction.atomic
def add_candidate(*, actor, election: Election, person: Person | str) -> Candidate:
    """Put a person on the ballot paper, last, while the election is being prepared."""
    require(actor, Right.GOVERNANCE_CHAIR)
    election = rows.locked(election)
    agenda.require_the_chair(actor=actor, election=election)
    transitions.refuse_unless(transitions.can_change_candidates(election), election)
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
    election = rows.locked(election)
    agenda.require_the_chair(actor=actor, election=election)
    transitions.refuse_unless(transitions.can_change_candidates(election), election)
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
    election = rows.locked(election)
    agenda.require_the_chair(actor=actor, election=election)
    transitions.move(election, ElectionStatus.NOMINATING)
    election.save(update_fields=["status"])
    audit(actor=actor, action="elections.election.nominate", obj=election)
    return election
