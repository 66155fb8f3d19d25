"""Seat endpoints: who holds a body's seats on a day, appointments and their end; mounted on
the governance router (`governance/api.py`)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from kuzbas.core.clock import colony_today
from kuzbas.core.dates import Precision
from kuzbas.core.rights import Right, require
from kuzbas.governance import access
from kuzbas.governance.selectors import seats_on
from kuzbas.governance.services import seat_holdings
from kuzbas.governance.standing import standing_of
from kuzbas.members.access import person_named
from kuzbas.record.access import source_named
from kuzbas.record.api import CitationOut, citations_out

router = Router(tags=["governance"])


class HoldingOut(Schema):
    id: int
    person: str
    name: str
    valid_from: dt.date
    from_precision: str
    valid_to: dt.date | None
    to_precision: str
    citations: list[CitationOut]
    decision: int | None = Field(description="The register entry that seated the holder")
    decision_standing: str | None = Field(
        description="That entry's standing on the day: in_force, suspended or overturned"
    )


class SeatOut(Schema):
    seat: str
    name: str
    rule: str | None = Field(description="The statute's clause for the seat; None: not in force")
    filled_by: str | None
    appointed_by: str | None
    office: str | None
    places: int | None = Field(description="The statute's count; None: it sets none")
    vacant: int | None
    holders: list[HoldingOut] = Field(description="Who holds the seat on the day")
    history: list[HoldingOut] = Field(description="Every holding, oldest first")


class SeatCitationIn(Schema):
    source: str = Field(description="The source's key in the record.")
    locator: str = ""


class AppointIn(Schema):
    person: str = Field(description="The registry key of the person appointed.")
    valid_from: dt.date
    valid_to: dt.date | None = None
    decision: int | None = Field(
        None,
        description="The register entry No. of the appointing body's decision; none only for "
        "an outside authority, which decides outside the register.",
    )
    from_precision: Precision = Precision.DAY
    to_precision: Precision = Precision.DAY
    citations: list[SeatCitationIn] = []


class HoldingEndIn(Schema):
    on: dt.date = Field(description="The holding's last day; the place is vacant from the next.")
    precision: Precision = Precision.DAY
    citations: list[SeatCitationIn] = []


def _holding_out(holding) -> dict:
    return {
        "id": holding.pk,
        "person": holding.person.key,
        "name": str(holding.person),
        "valid_from": holding.valid_from,
        "from_precision": holding.from_precision,
        "valid_to": holding.valid_to,
        "to_precision": holding.to_precision,
        "citations": citations_out(holding),
        "decision": holding.decision.sequence if holding.decision else None,
        "decision_standing": _standing(holding.decision),
    }


def _standing(decision) -> str | None:
    """Return the status of the decision that seated a holder, on the day asked about (the
    colony's today for a holding just recorded)."""
    if decision is None:
        return None
    found = getattr(decision, "standing", None) or standing_of(decision, as_of=colony_today())
    return found.status.value


def _citations(given: list[SeatCitationIn]) -> list[dict]:
    return [
        {"source": source_named(c.source, field="citations"), "locator": c.locator} for c in given
    ]


@router.get(
    "/bodies/{key}/seats",
    response=list[SeatOut],
    summary="A body's seats on a day: holders, places, how each is filled, history",
)
def body_seats(request: HttpRequest, key: str, on: dt.date | None = None):
    body = access.body_for_user(request.user, key)
    rows = seats_on(body, on or colony_today())
    return [
        {
            "seat": row.seat.key,
            "name": row.seat.name,
            "rule": row.rule.rule if row.rule else None,
            "filled_by": row.rule.filled_by.value if row.rule else None,
            "appointed_by": row.appointed_by_key or None,
            "office": row.rule.office or None if row.rule else None,
            "places": row.places,
            "vacant": row.vacant,
            "holders": [_holding_out(h) for h in row.holders],
            "history": [_holding_out(h) for h in row.history],
        }
        for row in rows
    ]


@router.post(
    "/bodies/{key}/seats/{seat}/holdings",
    response={201: HoldingOut},
    summary="Record an appointment by the appointing body's decision (clerk, chair)",
)
def appoint(request: HttpRequest, key: str, seat: str, payload: AppointIn):
    require(request.user, Right.MEETINGS_CLERK)
    found = access.seat_for_user(request.user, key, seat)
    holding = seat_holdings.appoint(
        actor=request.user,
        seat=found,
        person=person_named(payload.person, field="person"),
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
        from_precision=payload.from_precision,
        to_precision=payload.to_precision,
        decision=access.entry_named(request.user, payload.decision),
        citations=_citations(payload.citations),
    )
    return Status(201, _holding_out(access.holding_for_user(request.user, key, holding.pk)))


@router.post(
    "/bodies/{key}/seats/{seat}/holdings/{holding_id}/end",
    response=HoldingOut,
    summary="End a holding on its last day: a resignation, a recall (clerk, chair)",
)
def end(request: HttpRequest, key: str, seat: str, holding_id: int, payload: HoldingEndIn):
    require(request.user, Right.MEETINGS_CLERK)
    access.seat_for_user(request.user, key, seat)  # an unknown seat says so, naming the field
    holding = access.holding_for_user(request.user, key, holding_id, seat_key=seat)
    seat_holdings.resign(
        actor=request.user,
        holding=holding,
        on=payload.on,
        precision=payload.precision,
        citations=_citations(payload.citations),
    )
    return _holding_out(access.holding_for_user(request.user, key, holding_id))
