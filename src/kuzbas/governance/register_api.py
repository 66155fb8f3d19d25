"""Register endpoints: the entries with their standing, the chain's verification, appeals, and
the statute's conditions met; mounted on the governance router (`governance/api.py`)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from kuzbas.core.clock import colony_today
from kuzbas.core.rights import Right, require
from kuzbas.governance import access
from kuzbas.governance.conditions import met_conditions
from kuzbas.governance.models import Decision
from kuzbas.governance.register import verify_register
from kuzbas.governance.services import appeals, conditions
from kuzbas.governance.standing import Standing, standing_of, with_standings
from kuzbas.governance.statutes import stored_history
from kuzbas.statute import NotInForce, recorder, statute_as_of

router = Router(tags=["governance"])


class StandingOut(Schema):
    status: str = Field(description="in_force, suspended or overturned, on the colony's today")
    since: dt.date | None
    appeal_motion: int | None = Field(description="The appellate motion that suspends or upheld")
    by: int | None = Field(description="The register entry that overturned it")
    rule: str
    explanation: str


def standing_out(found: Standing) -> dict:
    return {
        "status": found.status.value,
        "since": found.since,
        "appeal_motion": found.appeal.motion.number if found.appeal else None,
        "by": found.by.sequence if found.by else None,
        "rule": found.rule,
        "explanation": found.describe(),
    }


class DecisionOut(Schema):
    sequence: int
    motion: int
    outcome: str
    counts: dict
    arithmetic: str
    rule: str
    statute_hash: str
    decided_on: dt.date
    prev_hash: str
    entry_hash: str
    payload: dict = Field(
        description="What the entry records besides its counts: the motion, "
        "the rule path, and any act it carried (a statute version adopted, a condition met)"
    )
    overturns: int | None = Field(description="The entry this one overturns, on appeal")
    standing: StandingOut

    @staticmethod
    def resolve_motion(obj: Decision) -> int:
        return obj.motion.number

    @staticmethod
    def resolve_overturns(obj: Decision) -> int | None:
        return obj.payload.get("overturns")

    @staticmethod
    def resolve_standing(obj: Decision) -> dict:
        found = getattr(obj, "standing", None) or standing_of(obj, as_of=colony_today())
        return standing_out(found)


class VerifyOut(Schema):
    ok: bool
    count: int
    head_hash: str
    first_bad_sequence: int | None
    reason: str | None


class AppealIn(Schema):
    to_body: str


class AppealOut(Schema):
    decision: int
    to_body: str
    motion: int
    deadline: dt.date
    suspends: bool


@router.post(
    "/register/{sequence}/appeal",
    response={201: AppealOut},
    summary="Appeal a decision to the body the statute names",
)
def file_appeal(request: HttpRequest, sequence: int, payload: AppealIn):
    decision = access.decision_for_user(request.user, sequence)
    appeal = appeals.file_appeal(
        actor=request.user, decision=decision, to_body=payload.to_body, filed_on=colony_today()
    )
    return Status(
        201,
        {
            "decision": decision.sequence,
            "to_body": appeal.to_body.key,
            "motion": appeal.motion.number,
            "deadline": appeal.deadline,
            "suspends": appeal.suspends,
        },
    )


@router.get("/register", response=list[DecisionOut], summary="The decision register, with standing")
def list_register(request: HttpRequest):
    require(request.user, Right.GOVERNANCE_VIEW)
    entries = Decision.objects.select_related("motion").order_by("sequence")
    return with_standings(entries, as_of=colony_today())


@router.get("/register/verify", response=VerifyOut, summary="Walk the hash chain")
def verify(request: HttpRequest):
    require(request.user, Right.GOVERNANCE_VIEW)
    report = verify_register()
    bad = report.first_bad
    return {
        "ok": report.ok,
        "count": report.count,
        "head_hash": report.head_hash,
        "first_bad_sequence": bad.sequence if bad else None,
        "reason": bad.reason if bad else None,
    }


@router.get("/register/{sequence}", response=DecisionOut, summary="One entry, with standing")
def get_entry(request: HttpRequest, sequence: int):
    return access.decision_for_user(request.user, sequence)


class ConditionOut(Schema):
    id: str
    description: str
    rule: str
    recorded_by: str | None = Field(description="The body whose decision records it as met")
    met_on: dt.date | None
    decision: int | None


class ConditionIn(Schema):
    text: str = ""


class MotionFiled(Schema):
    motion: int
    body: str
    condition: str


@router.get(
    "/conditions",
    response=list[ConditionOut],
    summary="The conditions of the statute in force on a day, and whether each is met",
)
def list_conditions(request: HttpRequest, on: dt.date | None = None):
    require(request.user, Right.GOVERNANCE_VIEW)
    day = on or colony_today()
    try:
        statute = statute_as_of(stored_history(), day)
    except NotInForce:
        return []
    met = met_conditions(day)
    return [
        {
            "id": c.id,
            "description": c.description,
            "rule": c.rule,
            "recorded_by": recorder(statute, c),
            "met_on": met[c.id].decided_on if c.id in met else None,
            "decision": met[c.id].sequence if c.id in met else None,
        }
        for c in statute.conditions
    ]


@router.post(
    "/conditions/{condition}/motions",
    response={201: MotionFiled},
    summary="File the motion that records a condition as met, with the body the statute names",
)
def file_condition_met(request: HttpRequest, condition: str, payload: ConditionIn):
    motion = conditions.file_condition_met(
        actor=request.user, condition=condition, as_of=colony_today(), text=payload.text
    )
    return Status(201, {"motion": motion.number, "body": motion.body.key, "condition": condition})
