"""Election endpoints: everything a chair or a voter does, and the count with every stage.

No answer names a voter next to a ballot: the roll and who voted are given as numbers, the
receipt only to the voter who cast it, and the box by receipt only once counted.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from kuzbas.core.clock import colony_today
from kuzbas.core.errors import NotNow
from kuzbas.core.rights import Right, require
from kuzbas.elections.access import election_for_user
from kuzbas.elections.models import Election
from kuzbas.elections.services import calling, count, polling
from kuzbas.meetings.access import meeting_for_user

router = Router(tags=["elections"])


class CandidateOut(Schema):
    person: str
    name: str
    position: int


class ElectionOut(Schema):
    id: int
    title: str
    seat: str
    places: int
    matter: str
    electing_body: str
    method: str
    status: str
    created_on: dt.date
    opened_on: dt.date | None
    closed_on: dt.date | None
    meeting: int | None
    candidates: list[CandidateOut]
    roll: int
    voted: int


class ElectionIn(Schema):
    title: str
    seat: str  # "body.seat"
    places: int
    method: str
    candidates: list[str] = []
    meeting: int | None = None


class CandidateIn(Schema):
    person: str


class OnIn(Schema):
    on: dt.date | None = None


class CloseIn(OnIn):
    lot: list[str] | None = None  # an order drawn by lot in the hall, luckiest first


class ElectionBallotIn(Schema):
    marks: list[str]  # STV: first preference first; otherwise the candidates marked


class ElectionReceiptOut(Schema):
    election: int
    receipt: str


class ResultOut(Schema):
    election: int
    method: str
    elected: list[str]
    quota: str | None
    ballots: int
    valid: int
    blank: int
    roll: int
    stages: list[dict]
    totals: list[list]
    lot_order: list[str]
    lot_drawn: str
    decided_by_lot: bool
    explanation: str
    box_hash: str
    register_entry: int | None


class BoxPaperOut(Schema):
    receipt: str
    marks: list[str]


class ReceiptsOut(Schema):
    election: int
    box_hash: str
    ballots: list[BoxPaperOut]


def _election(election: Election) -> dict:
    item = election.agenda_items.first()
    return {
        "id": election.pk,
        "title": election.title,
        "seat": election.seat.path,
        "places": election.seats,
        "matter": election.matter,
        "electing_body": election.electing_body.key,
        "method": election.method,
        "status": election.status,
        "created_on": election.created_on,
        "opened_on": election.opened_on,
        "closed_on": election.closed_on,
        "meeting": item.meeting_id if item else None,
        "candidates": [
            {"person": c.person.key, "name": str(c.person), "position": c.position}
            for c in election.candidates.select_related("person")
        ],
        "roll": election.roll.count(),
        "voted": election.participations.count(),
    }


@router.get("/", response=list[ElectionOut], summary="Elections, newest first")
def list_elections(request: HttpRequest):
    require(request.user, Right.GOVERNANCE_VIEW)
    rows = Election.objects.select_related("seat__body", "electing_body")[:200]
    return [_election(e) for e in rows]


@router.post("/", response={201: ElectionOut}, summary="Call an election (chair)")
def create_election(request: HttpRequest, payload: ElectionIn):
    require(request.user, Right.GOVERNANCE_CHAIR)
    meeting = meeting_for_user(request.user, payload.meeting) if payload.meeting else None
    election = calling.create_election(
        actor=request.user,
        title=payload.title,
        seat=payload.seat,
        seats=payload.places,
        method=payload.method,
        candidates=payload.candidates,
        as_of=colony_today(),
        meeting=meeting,
    )
    return Status(201, _election(election))


@router.get("/{pk}", response=ElectionOut, summary="An election: candidates, status, turnout")
def get_election(request: HttpRequest, pk: int):
    return _election(election_for_user(request.user, pk))


@router.post(
    "/{pk}/candidates", response={201: ElectionOut}, summary="Put a candidate on the paper (chair)"
)
def add_candidate(request: HttpRequest, pk: int, payload: CandidateIn):
    require(request.user, Right.GOVERNANCE_CHAIR)
    election = election_for_user(request.user, pk)
    calling.add_candidate(actor=request.user, election=election, person=payload.person)
    return Status(201, _election(election))


@router.post(
    "/{pk}/candidates/withdraw",
    response=ElectionOut,
    summary="Take a candidate off the paper (chair)",
)
def withdraw_candidate(request: HttpRequest, pk: int, payload: CandidateIn):
    require(request.user, Right.GOVERNANCE_CHAIR)
    election = election_for_user(request.user, pk)
    calling.withdraw_candidate(actor=request.user, election=election, person=payload.person)
    return _election(election)


@router.post("/{pk}/open", response=ElectionOut, summary="Open voting; the roll is fixed (chair)")
def open_election(request: HttpRequest, pk: int, payload: OnIn):
    require(request.user, Right.GOVERNANCE_CHAIR)
    election = election_for_user(request.user, pk)
    opened = polling.open_election(
        actor=request.user, election=election, as_of=payload.on or colony_today()
    )
    return _election(opened)


@router.post(
    "/{pk}/ballot",
    response={201: ElectionReceiptOut},
    summary="Cast your secret ballot; the answer is your receipt",
)
def cast_ballot(request: HttpRequest, pk: int, payload: ElectionBallotIn):
    require(request.user, Right.GOVERNANCE_VOTE)
    election = election_for_user(request.user, pk)
    ballot = polling.cast_ballot(actor=request.user, election=election, marks=payload.marks)
    return Status(201, {"election": election.pk, "receipt": ballot.receipt})


def _result(election: Election) -> dict:
    result = election.result
    decision = getattr(election.motion, "decision", None) if election.motion_id else None
    return {
        "election": election.pk,
        "method": election.method,
        "elected": result.elected,
        "quota": result.quota or None,
        "ballots": result.ballots,
        "valid": result.valid,
        "blank": result.blank,
        "roll": result.roll,
        "stages": result.stages,
        "totals": result.totals,
        "lot_order": result.lot_order,
        "lot_drawn": result.lot_drawn,
        "decided_by_lot": result.decided_by_lot,
        "explanation": result.explanation,
        "box_hash": result.box_hash,
        "register_entry": decision.sequence if decision else None,
    }


@router.post("/{pk}/close", response=ResultOut, summary="Close voting and count (chair)")
def close_election(request: HttpRequest, pk: int, payload: CloseIn):
    require(request.user, Right.GOVERNANCE_CHAIR)
    election = election_for_user(request.user, pk)
    count.close_election(
        actor=request.user, election=election, as_of=payload.on or colony_today(), lot=payload.lot
    )
    return _result(election_for_user(request.user, pk))


@router.get("/{pk}/result", response=ResultOut, summary="The result with every stage of the count")
def get_result(request: HttpRequest, pk: int):
    election = election_for_user(request.user, pk)
    if not hasattr(election, "result"):
        raise NotNow(
            _("The election has not been counted yet."), rule=f"election.{election.status}"
        )
    return _result(election)


@router.get("/{pk}/receipts", response=ReceiptsOut, summary="The counted box by receipt")
def get_receipts(request: HttpRequest, pk: int):
    election = election_for_user(request.user, pk)
    box = count.published_receipts(election)
    return {
        "election": election.pk,
        "box_hash": election.result.box_hash,
        "ballots": [{"receipt": b.receipt, "marks": b.marks} for b in box],
    }
