"""Who holds which seat, and for how long: recorded, appointed, elected, resigned.

Every way of seating someone checks the statute's count over the holding's whole span
(`governance.seat_places.check_room`): a seat never has more holders than its places.

Appointments and resignations are recorded by whoever keeps a body's record: the right
`meetings.clerk`, which a clerk holds and so does a board member or director who chairs (see
`core/rights.py`). The authority for an appointment is not the recorder but the decision of the
body the statute names as appointing; only an outside authority, which decides outside this
register, may appoint without a register entry (its letter is then cited as the source).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.dates import Precision
from kuzbas.core.errors import Conflict, Invalid, NotNow, Problem, RefusedByStatute
from kuzbas.core.intervals import overlapping, still_running
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.governance import standing
from kuzbas.governance.models import Decision, Outcome, Seat, SeatFill, SeatHolding
from kuzbas.governance.seat_places import check_room, statute_on, term_end
from kuzbas.members.models import Person
from kuzbas.record.services import attach_citations
from kuzbas.statute.model import BodyKind, FilledBy


@transaction.atomic
def add_seat_holding(
    *,
    actor,
    seat: Seat,
    person: Person,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    from_precision: str = Precision.DAY,
    to_precision: str = Precision.DAY,
    citations: Iterable[Mapping] = (),
) -> SeatHolding:
    """Record that a person held a seat for a span of days (both ends inclusive)."""
    require(actor, Right.MEMBERS_EDIT)
    return _seat(
        actor=actor,
        seat=seat,
        person=person,
        span=(valid_from, valid_to, from_precision, to_precision),
        citations=citations,
        grounds={},
    )


def _seat(*, actor, seat, person, span, citations, grounds, decision=None) -> SeatHolding:
    """Store a holding after its own checks, the same person's overlap and the seat's count."""
    valid_from, valid_to, from_precision, to_precision = span
    holding = SeatHolding(
        seat=seat,
        person=person,
        decision=decision,
        valid_from=valid_from,
        valid_to=valid_to,
        from_precision=from_precision,
        to_precision=to_precision,
    )
    full_clean_or_invalid(holding)
    if SeatHolding.objects.filter(
        overlapping(valid_from, valid_to), seat=seat, person=person
    ).exists():
        raise Conflict(
            _("%(person)s already holds this seat for part of that time.") % {"person": person},
            field="valid_from",
        )
    check_room(seat, valid_from, valid_to, newcomer=str(person))
    holding.save()
    attach_citations(actor=actor, obj=holding, citations=citations)
    audit(
        actor=actor,
        action="governance.seat.hold",
        obj=holding,
        changes={
            "seat": seat.path,
            "person": person.key,
            "from": valid_from,
            "to": valid_to,
            **grounds,
        },
    )
    return holding


@transaction.atomic
def take_seat(
    *,
    actor,
    seat: Seat,
    person: Person,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    grounds: Mapping[str, Any],
) -> SeatHolding | None:
    """Seat a person by a decision (an election's count) from a day, to the end of a term.

    The decision and the chair's right on that day are the authority, not the registry's. A
    person who still holds the seat on that day sits on in the holding they have: None then.
    `grounds` names the decision in the audit entry (`{"election": 7}`).
    """
    require(actor, Right.GOVERNANCE_CHAIR, valid_from)
    if SeatHolding.objects.filter(still_running(valid_from), seat=seat, person=person).exists():
        return None
    return _seat(
        actor=actor,
        seat=seat,
        person=person,
        span=(valid_from, valid_to, Precision.DAY, Precision.DAY),
        citations=(),
        grounds=dict(grounds),
    )


@transaction.atomic
def end_holding(
    *, actor, holding: SeatHolding, on: dt.date, grounds: Mapping[str, Any]
) -> SeatHolding:
    """End a holding the day before `on`, the day a decision (an election's count) replaces
    its holder; the chair's right on that day is the authority. `grounds` names the decision
    in the audit entry."""
    require(actor, Right.GOVERNANCE_CHAIR, on)
    holding.valid_to = on - dt.timedelta(days=1)
    holding.save(update_fields=["valid_to"])
    audit(
        actor=actor,
        action="governance.seat.leave",
        obj=holding,
        changes={
            "seat": holding.seat.path,
            "person": holding.person.key,
            "to": holding.valid_to,
            **grounds,
        },
    )
    return holding


def _appointing_rule(seat: Seat, day: dt.date):
    """Return the statute's seat and its appointing body on a day; RefusedByStatute unless
    the statute in force then fills the seat by appointment."""
    statute = statute_on(day)
    found = statute.seat(seat.path) if statute is not None else None
    if found is None:
        raise RefusedByStatute(
            _("On %(day)s no statute in force has the seat %(seat)s.")
            % {"day": day.isoformat(), "seat": seat.path},
            field="seat",
            rule="statute.in_force" if statute is None else f"seat.{seat.path}",
        )
    if found.filled_by is not FilledBy.APPOINTMENT:
        raise RefusedByStatute(
            _("The statute fills the seat %(seat)s by %(way)s, not by appointment.")
            % {"seat": seat, "way": SeatFill(found.filled_by).label},
            field="seat",
            rule=found.rule,
        )
    return found, statute.body(found.appointed_by)


def _check_decision(found, appointer, decision: Decision | None, valid_from: dt.date) -> None:
    """Refuse an appointment whose decision is not the appointing body's, not carried, does
    not stand on the appointment's first day (suspended or overturned on appeal), or is later
    than that day."""
    name = appointer.name if appointer is not None else found.appointed_by
    if decision is None:
        if appointer is not None and appointer.kind is BodyKind.OUTSIDE_AUTHORITY:
            return  # it decides outside this register: its letter is the source
        raise RefusedByStatute(
            _("The %(body)s appoints to this seat: name its decision in the register.")
            % {"body": name},
            field="decision",
            rule=found.rule,
        )
    if decision.motion.body.key != found.appointed_by:
        raise RefusedByStatute(
            _(
                "The statute gives the appointment to %(seat)s to the %(body)s; register entry "
                "No. %(n)s is a decision of the %(other)s."
            )
            % {
                "seat": found.path,
                "body": name,
                "n": decision.sequence,
                "other": decision.motion.body,
            },
            field="decision",
            rule=found.rule,
        )
    if decision.outcome != Outcome.CARRIED:
        raise RefusedByStatute(
            _("Register entry No. %(n)s was not carried (%(outcome)s): it appoints nobody.")
            % {"n": decision.sequence, "outcome": decision.get_outcome_display()},
            field="decision",
            rule=found.rule,
        )
    standing.require_in_force(decision, on=valid_from)
    if valid_from < decision.decided_on:
        raise Invalid(
            problems=[
                Problem(
                    _("An appointment starts on or after its decision (%(day)s).")
                    % {"day": decision.decided_on.isoformat()},
                    field="valid_from",
                )
            ]
        )


@transaction.atomic
def appoint(
    *,
    actor,
    seat: Seat,
    person: Person,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    decision: Decision | None = None,
    citations: Iterable[Mapping] = (),
    from_precision: str = Precision.DAY,
    to_precision: str = Precision.DAY,
) -> SeatHolding:
    """Seat a person by the decision of the body the statute in force on `valid_from` names
    as appointing, for a span of days (both ends inclusive); with no last day given, to the
    end of the statute's term where it sets one."""
    require(actor, Right.MEETINGS_CLERK)
    found, appointer = _appointing_rule(seat, valid_from)
    _check_decision(found, appointer, decision, valid_from)
    if valid_to is None and found.term_months:
        valid_to, to_precision = term_end(valid_from, found.term_months), Precision.DAY
    grounds: dict[str, Any] = {"appointed_by": found.appointed_by, "rule": found.rule}
    if decision is not None:
        grounds["decision"] = decision.sequence
    return _seat(
        actor=actor,
        seat=seat,
        person=person,
        span=(valid_from, valid_to, from_precision, to_precision),
        citations=citations,
        grounds=grounds,
        decision=decision,
    )


@transaction.atomic
def resign(
    *,
    actor,
    holding: SeatHolding,
    on: dt.date,
    citations: Iterable[Mapping] = (),
    precision: str = Precision.DAY,
) -> SeatHolding:
    """End a holding on its last day `on` (a resignation, a recall, a term cut short): the
    place is vacant from the next day."""
    require(actor, Right.MEETINGS_CLERK)
    holding = (
        SeatHolding.objects.select_for_update()
        .select_related("seat__body", "person")
        .get(pk=holding.pk)
    )
    if holding.valid_to is not None and holding.valid_to <= on:
        raise NotNow(
            _("%(person)s's holding already ends on %(day)s.")
            % {"person": holding.person, "day": holding.valid_to.isoformat()},
            field="on",
        )
    if on < holding.valid_from:
        raise Invalid(
            problems=[
                Problem(
                    _("A seat cannot be left before it is taken (%(day)s).")
                    % {"day": holding.valid_from.isoformat()},
                    field="on",
                )
            ]
        )
    holding.valid_to, holding.to_precision = on, precision
    holding.save(update_fields=["valid_to", "to_precision"])
    attach_citations(actor=actor, obj=holding, citations=citations)
    audit(
        actor=actor,
        action="governance.seat.leave",
        obj=holding,
        changes={"seat": holding.seat.path, "person": holding.person.key, "to": on},
    )
    return holding
