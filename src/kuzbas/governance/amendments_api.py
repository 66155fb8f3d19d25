"""Amendment endpoints: check a proposed statute version against the one in force, file it as
a motion, and read a proposal with its clause-by-clause changes and its fate; mounted on the
governance router (`governance/api.py`)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from kuzbas.core.clock import colony_today
from kuzbas.core.errors import NotFound
from kuzbas.core.rights import Right, require
from kuzbas.governance import access
from kuzbas.governance.models import StatuteAmendment
from kuzbas.governance.services import amendments
from kuzbas.statute.amending import ClauseChange

router = Router(tags=["governance"])


class ProposalIn(Schema):
    text: str = Field(description="The whole proposed version, as TOML, without [amendment].")
    file: str = Field("proposal.toml", description="The name problems cite with their lines.")
    title: str = ""
    reason: str = Field("", description="Why: the motion's text.")


class ClauseChangeOut(Schema):
    rule: str
    change: str = Field(description="added, removed or changed")
    before: list[str]
    after: list[str]
    entrenched: str | None = Field(description="The majority an entrenchment asks; None: none")


class CheckOut(Schema):
    version: str
    amends: str
    body: str = Field(description="The body the version in force names for amendments")
    matter: str
    changes: list[ClauseChangeOut]


class AdoptedOut(Schema):
    version: str
    effective: dt.date
    hash: str


class AmendmentOut(Schema):
    motion: int
    status: str
    version: str
    amends: str
    effective: dt.date = Field(
        description="The day proposed; adopted, it starts no sooner than the day after the vote"
    )
    hash: str
    changes: list[ClauseChangeOut]
    adopted: AdoptedOut | None


def _changes(changes: tuple[ClauseChange, ...]) -> list[dict]:
    return [
        {
            "rule": c.rule,
            "change": c.change,
            "before": list(c.before),
            "after": list(c.after),
            "entrenched": c.entrenched.majority.describe() if c.entrenched else None,
        }
        for c in changes
    ]


def _out(amendment: StatuteAmendment) -> dict:
    adopted = amendment.adopted
    return {
        "motion": amendment.motion.number,
        "status": amendment.motion.status,
        "version": amendment.version,
        "amends": amendment.amends.version,
        "effective": amendment.effective,
        "hash": amendment.content_hash,
        "changes": _changes(amendments.changes_of(amendment)),
        "adopted": (
            {
                "version": adopted.version,
                "effective": adopted.effective,
                "hash": adopted.content_hash,
            }
            if adopted
            else None
        ),
    }


@router.post("/amendments/check", response=CheckOut, summary="Check a proposal (stores nothing)")
def check_amendment(request: HttpRequest, payload: ProposalIn):
    require(request.user, Right.GOVERNANCE_FILE_MOTION)
    proposal = amendments.examine(payload.text, file=payload.file, as_of=colony_today())
    return {
        "version": proposal.statute.version,
        "amends": proposal.before.version,
        "body": proposal.matter.competent,
        "matter": proposal.matter.id,
        "changes": _changes(proposal.changes),
    }


@router.post("/amendments", response={201: AmendmentOut}, summary="Propose an amendment")
def propose_amendment(request: HttpRequest, payload: ProposalIn):
    amendment = amendments.propose(actor=request.user, as_of=colony_today(), **payload.dict())
    return Status(201, _out(amendment))


@router.get("/amendments/{number}", response=AmendmentOut, summary="A proposal and its fate")
def get_amendment(request: HttpRequest, number: int):
    motion = access.motion_for_user(request.user, number)
    amendment = getattr(motion, "statute_amendment", None)
    if amendment is None:
        raise NotFound(_("Motion No. %(n)s proposes no amendment to the statute.") % {"n": number})
    return _out(amendment)
