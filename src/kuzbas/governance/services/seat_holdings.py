"""Who holds which seat, and for how long."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.dates import Precision
from kuzbas.core.errors import Conflict
from kuzbas.core.intervals import overlapping, still_running
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.governance.models import Seat, SeatHolding
from kuzbas.members.models import Person
from kuzbas.record.services import attach_citations


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
    holding = SeatHolding(
        seat=seat,
        person=person,
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
    holding.save()
    attach_citations(actor=actor, obj=holding, citations=citations)
    audit(
        actor=actor,
        action="governance.seat.hold",
        obj=holding,
        changes={"seat": seat.path, "person": person.key, "from": valid_from, "to": valid_to},
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
    holding = SeatHolding(seat=seat, person=person, valid_from=valid_from, valid_to=valid_to)
    full_clean_or_invalid(holding)
    holding.save()
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
