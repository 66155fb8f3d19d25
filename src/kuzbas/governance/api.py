"""Governance endpoints: the statute, who decides what, motions and ballots, proxies; the
register's and the seats' are mounted from `register_api` and `seats_api`."""

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from kuzbas.core.clock import colony_today
from kuzbas.core.rights import Right, require
from kuzbas.governance import access, ballot_box
from kuzbas.governance.amendments_api import router as amendments_router
from kuzbas.governance.models import Motion, StatuteVersion
from kuzbas.governance.questions import ask
from kuzbas.governance.register_api import DecisionOut
from kuzbas.governance.register_api import router as register_router
from kuzbas.governance.seats_api import router as seats_router
from kuzbas.governance.selectors import bodies, proxies_on
from kuzbas.governance.services import ballots, decisions, motions, proxies
from kuzbas.members.access import person_named, person_of
from kuzbas.record.api import CitationOut, citations_out
from kuzbas.statute import Refusal

router = Router(tags=["governance"])
router.add_router("", seats_router)
router.add_router("", amendments_router)
router.add_router("", register_router)


class BodyOut(Schema):
    key: str
    name: str
    name_original: str
    kind: str
    seats: int | None
    site: str | None
    established: dt.date | None
    dissolved: dt.date | None
    description: str
    citations: list[CitationOut]


@router.get("/bodies", response=list[BodyOut], summary="Bodies of the colony and around it")
def list_bodies(request: HttpRequest):
    require(request.user, Right.RECORD_VIEW)
    fields = (
        "key",
        "name",
        "name_original",
        "kind",
        "seats",
        "established",
        "dissolved",
        "description",
    )
    return [
        {
            **{f: getattr(b, f) for f in fields},
            "site": b.site.key if b.site_id else None,
            "citations": citations_out(b),
        }
        for b in bodies()
    ]


class StatuteVersionOut(Schema):
    statute_id: str
    version: str
    title: str
    effective: dt.date
    amends: str
    content_hash: str


class StatuteTextOut(StatuteVersionOut):
    text: str


@router.get("/statute", response=list[StatuteVersionOut], summary="Every statute version")
def list_statute_versions(request: HttpRequest):
    require(request.user, Right.GOVERNANCE_VIEW)
    return list(StatuteVersion.objects.order_by("effective"))


@router.get("/statute/{version}", response=StatuteTextOut, summary="One version with its text")
def get_statute_version(request: HttpRequest, version: str):
    require(request.user, Right.GOVERNANCE_VIEW)
    return access.version_for_user(request.user, version)


class StepOut(Schema):
    rule: str
    text: str


class CompetenceOut(Schema):
    allowed: bool
    rule: str
    body: str | None = None
    decided_by: str | None = None
    explanation: str
    rule_path: list[StepOut] = []


@router.get(
    "/competence",
    response=CompetenceOut,
    summary="Who decides a matter on a date, or whether a body may",
)
def competence(request: HttpRequest, matter: str, on: dt.date | None = None, body: str = ""):
    require(request.user, Right.GOVERNANCE_VIEW)
    answer = ask(matter=matter, body=body, as_of=on or colony_today())
    if isinstance(answer, Refusal):
        return {"allowed": False, "rule": answer.rule, "explanation": answer.reason}
    return {
        "allowed": True,
        "rule": answer.rule,
        "body": answer.body.id,
        "decided_by": answer.decided_by,
        "explanation": answer.explanation,
        "rule_path": [{"rule": s.rule, "text": s.text} for s in answer.rule_path],
    }


class MotionOut(Schema):
    number: int
    title: str
    text: str
    matter: str
    body: str
    status: str
    filed_on: dt.date
    decision: int | None

    @staticmethod
    def resolve_body(obj: Motion) -> str:
        return obj.body.key

    @staticmethod
    def resolve_decision(obj: Motion) -> int | None:
        decision = getattr(obj, "decision", None)
        return decision.sequence if decision else None


class MotionIn(Schema):
    title: str
    text: str
    matter: str
    body: str


class MotionBallotIn(Schema):
    choice: str
    key: str = Field(
        "",
        description="16 to 64 random letters, digits, - or _, new for each ballot: sending the "
        "same key again returns the ballot already cast (status 200) instead of a second one.",
    )


class MotionBallotOut(Schema):
    motion: int
    choice: str
    receipt: str | None = None
    pad: str = Field(
        "", description="Spaces that make every choice's answer the same size (secret ballots)."
    )


@router.get("/motions", response=list[MotionOut], summary="Motions, newest first")
def list_motions(request: HttpRequest):
    require(request.user, Right.GOVERNANCE_VIEW)
    return list(Motion.objects.select_related("body", "decision").order_by("-number")[:500])


@router.post("/motions", response={201: MotionOut}, summary="File a motion")
def file_motion(request: HttpRequest, payload: MotionIn):
    motion = motions.file_motion(actor=request.user, as_of=colony_today(), **payload.dict())
    return Status(201, access.motion_for_user(request.user, motion.number))


@router.get("/motions/{number}", response=MotionOut, summary="One motion")
def get_motion(request: HttpRequest, number: int):
    require(request.user, Right.GOVERNANCE_VIEW)
    return access.motion_for_user(request.user, number)


@router.post("/motions/{number}/open", response=MotionOut, summary="Open the vote (chair)")
def open_vote(request: HttpRequest, number: int):
    ballots.open_vote(
        actor=request.user,
        motion=access.motion_for_user(request.user, number),
        as_of=colony_today(),
    )
    return access.motion_for_user(request.user, number)


@router.post("/motions/{number}/close", response=DecisionOut, summary="Close the vote (chair)")
def close_vote(request: HttpRequest, number: int):
    return decisions.close_vote(
        actor=request.user,
        motion=access.motion_for_user(request.user, number),
        as_of=colony_today(),
    )


@router.post(
    "/motions/{number}/ballot",
    response={200: MotionBallotOut, 201: MotionBallotOut},
    summary="Cast a ballot",
)
def cast_ballot(request: HttpRequest, number: int, payload: MotionBallotIn):
    motion = access.motion_for_user(request.user, number)
    ballot = ballots.cast_ballot(
        actor=request.user, motion=motion, choice=payload.choice, key=payload.key
    )
    status = 200 if ballot.replayed else 201
    return Status(status, ballot_box.answer(motion.number, ballot))


class TotalsIn(Schema):
    """The totals of a vote counted in the hall, for every API that takes them."""

    yes: int = Field(ge=0)
    no: int = Field(ge=0)
    abstain: int = Field(0, ge=0)
    present: int = Field(ge=0)


class MotionCountIn(TotalsIn):
    decided_on: dt.date | None = None


@router.post(
    "/motions/{number}/count",
    response={201: DecisionOut},
    summary="Record the totals of a counted vote (chair)",
)
def record_count(request: HttpRequest, number: int, payload: MotionCountIn):
    data = payload.dict()
    decision = decisions.record_counted_vote(
        actor=request.user,
        motion=access.motion_for_user(request.user, number),
        decided_on=data.pop("decided_on") or colony_today(),
        **data,
    )
    return Status(201, decision)


class ProxyOut(Schema):
    id: int
    giver: str
    holder: str
    body: str
    valid_from: dt.date
    valid_to: dt.date | None


class ProxyIn(Schema):
    holder: str = Field(description="The registry key of the member who will hold the vote.")
    body: str
    valid_from: dt.date
    valid_to: dt.date | None = None
    giver: str | None = Field(
        None, description="The giver's registry key; empty: the caller (a clerk may name another)."
    )


class ProxyEndIn(Schema):
    on: dt.date = Field(description="The proxy's last day.")


def _proxy_out(proxy) -> dict:
    return {
        "id": proxy.pk,
        "giver": proxy.giver.key,
        "holder": proxy.holder.key,
        "body": proxy.body.key,
        "valid_from": proxy.valid_from,
        "valid_to": proxy.valid_to,
    }


@router.get("/proxies", response=list[ProxyOut], summary="Proxies given in a body on a day")
def list_proxies(request: HttpRequest, body: str, on: dt.date | None = None):
    require(request.user, Right.GOVERNANCE_VIEW)
    found = access.body_for_user(request.user, body)
    return [_proxy_out(p) for p in proxies_on(found, on or colony_today()).select_related("body")]


@router.post("/proxies", response={201: ProxyOut}, summary="Give a proxy (or record one, clerk)")
def give_proxy(request: HttpRequest, payload: ProxyIn):
    if not payload.giver:
        require(request.user, Right.GOVERNANCE_VOTE)
    proxy = proxies.give_proxy(
        actor=request.user,
        giver=person_named(payload.giver, field="giver")
        if payload.giver
        else person_of(request.user),
        holder=person_named(payload.holder, field="holder"),
        body=payload.body,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
    )
    return Status(201, _proxy_out(proxy))


@router.post("/proxies/{proxy_id}/end", response=ProxyOut, summary="End a proxy on a day")
def end_proxy(request: HttpRequest, proxy_id: int, payload: ProxyEndIn):
    require(request.user, Right.GOVERNANCE_VIEW)
    proxy = access.proxy_for_user(request.user, proxy_id)
    return _proxy_out(proxies.end_proxy(actor=request.user, proxy=proxy, on=payload.on))
