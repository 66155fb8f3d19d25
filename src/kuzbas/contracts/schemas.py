"""The contracts API's input and output schemas, and how rows become outputs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from kuzbas.core.dates import Precision
from kuzbas.members.schemas import SourceCitationIn
from kuzbas.record.api import CitationOut, citations_out


class PartyIn(Schema):
    key: str
    name: str
    kind: str = Field(description="enterprise, state_body, municipality, buyer, lender, …")
    name_original: str = ""
    short_name: str = ""
    place: str = ""
    note: str = ""
    citations: list[SourceCitationIn] = []


class PartyOut(Schema):
    key: str
    name: str
    name_original: str
    short_name: str
    kind: str
    place: str


class RoleIn(Schema):
    party: str = Field(description="the party's key")
    role: str = Field(description="enterprise, counterparty, approving, guarantor, successor")
    named_as: str = ""


class RoleOut(Schema):
    party: str
    role: str
    named_as: str


class ContractIn(Schema):
    key: str
    title: str
    title_original: str = ""
    subject: str = ""
    language: str = ""
    translation_language: str = ""
    parties: list[RoleIn] = []
    citations: list[SourceCitationIn] = []


class SignatoryIn(Schema):
    name: str
    position: str = ""
    party: str = Field("", description="the key of the party signed for")


class ActIn(Schema):
    kind: str = Field(description="signed, approved, concluded, amended, investigated, …")
    date: dt.date
    precision: Precision = Precision.DAY
    version: int | None = None
    title: str = ""
    description: str = ""
    place: str = ""
    by: str = Field("", description="the key of the party that acted")
    signatories: list[SignatoryIn] = []
    citations: list[SourceCitationIn] = []


class ActOut(Schema):
    id: int
    kind: str
    date: dt.date
    precision: str
    version: int | None
    title: str
    by: str | None
    decision: int | None
    signatories: list[SignatoryIn]
    citations: list[CitationOut]


class VersionSummaryOut(Schema):
    number: int
    title: str
    status: str
    replaces: int | None
    in_force_from: dt.date | None
    brought_by: str
    motion: int | None
    decision: int | None
    original_sha256: str
    original_size: int


class ObligationIn(Schema):
    title: str
    debtor: str = Field(description="enterprise or counterparty")
    kind: str = Field(description="delivery, output, payment, support, transfer, report, other")
    clause: str = Field("", description="the clause's number in this version")
    party: str = Field("", description="the counterparty's key, where there are several")
    description: str = ""
    due: dt.date | None = None
    due_precision: Precision = Precision.DAY
    product: str = Field("", description="a target: the product's key")
    unit: str = Field("", description="a target: the unit's key; empty for every unit")
    target: Decimal | None = None
    unit_entered: str = Field("", description="empty: the product's unit of measure")
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    proof: str = ""
    citations: list[SourceCitationIn] = []


class ObligationOut(Schema):
    id: int
    contract: str
    version: int
    clause: str | None
    title: str
    debtor: str
    kind: str
    due: dt.date | None
    due_precision: str
    status: str
    status_by: str
    status_on: dt.date | None
    product: str | None
    unit: str | None
    target: str | None
    achieved: str | None
    period_start: dt.date | None
    period_end: dt.date | None
    waived_by: int | None
    proof: str
    citations: list[CitationOut]


class StatusIn(Schema):
    status: str = Field(description="open, met, partly_met or lapsed")
    proof: str = ""
    on: dt.date | None = None
    citations: list[SourceCitationIn] = []


class ContractOut(Schema):
    key: str
    title: str
    title_original: str
    status: str
    in_force_from: dt.date | None
    in_force_until: dt.date | None
    parties: list[RoleOut]
    versions: list[VersionSummaryOut]


class ContractDetailOut(ContractOut):
    subject: str
    acts: list[ActOut]
    obligations: list[ObligationOut]
    citations: list[CitationOut]


class SectionIn(Schema):
    heading: str
    number: str = ""
    heading_translation: str = ""


class ClauseIn(Schema):
    number: str
    text: str
    translation: str = ""
    section: str = Field("", description="the section's number")
    illustrative: bool = False


class ClausePatch(Schema):
    number: str | None = None
    text: str | None = None
    translation: str | None = None
    illustrative: bool | None = None


class ClauseOut(Schema):
    number: str
    order: int
    section: str | None
    text: str
    translation: str
    illustrative: bool
    carried_from: str | None


class ContractVersionOut(VersionSummaryOut):
    contract: str
    summary: str
    clauses: list[ClauseOut]


class ChangeOut(Schema):
    kind: str
    number: str
    old_number: str | None
    old_text: str | None
    new_text: str | None
    words: list[dict]


class DiffOut(Schema):
    contract: str
    version: int
    replaces: int | None
    added: int
    changed: int
    removed: int
    changes: list[ChangeOut]


class NewVersionIn(Schema):
    title: str = ""
    summary: str = ""


class DueOut(Schema):
    today: dt.date
    overdue: list[ObligationOut]
    soon: list[ObligationOut]
    later: list[ObligationOut]
    undated: list[ObligationOut]


class RemindersOut(Schema):
    queued: int


def party_out(party) -> dict:
    return {
        "key": party.key,
        "name": party.name,
        "name_original": party.name_original,
        "short_name": party.short_name,
        "kind": party.kind,
        "place": party.place,
    }


def version_summary(v) -> dict:
    return {
        "number": v.number,
        "title": v.title,
        "status": v.status,
        "replaces": v.replaces.number if v.replaces_id else None,
        "in_force_from": v.in_force_from,
        "brought_by": v.brought_by,
        "motion": v.motion.number if v.motion_id else None,
        "decision": v.decision.sequence if v.decision_id else None,
        "original_sha256": v.original_sha256,
        "original_size": v.original_size,
    }


def obligation_out(o) -> dict:
    return {
        "id": o.pk,
        "contract": o.contract.key,
        "version": o.version.number,
        "clause": o.clause.number if o.clause_id else None,
        "title": o.title,
        "debtor": o.debtor,
        "kind": o.kind,
        "due": o.due,
        "due_precision": o.due_precision,
        "status": o.status,
        "status_by": o.status_by,
        "status_on": o.status_on,
        "product": o.product.key if o.product_id else None,
        "unit": o.unit.key if o.unit_id else None,
        "target": str(o.target) if o.target is not None else None,
        "achieved": str(o.achieved) if o.achieved is not None else None,
        "period_start": o.period_start,
        "period_end": o.period_end,
        "waived_by": o.waived_by.number if o.waived_by_id else None,
        "proof": o.proof,
        "citations": citations_out(o),
    }


def act_out(a) -> dict:
    return {
        "id": a.pk,
        "kind": a.kind,
        "date": a.date,
        "precision": a.precision,
        "version": a.version.number if a.version_id else None,
        "title": a.title,
        "by": a.by.key if a.by_id else None,
        "decision": a.decision.sequence if a.decision_id else None,
        "signatories": [
            {"name": s.name, "position": s.position, "party": s.party.key if s.party_id else ""}
            for s in a.signatories.all()
        ],
        "citations": citations_out(a),
    }


def clause_out(c) -> dict:
    return {
        "number": c.number,
        "order": c.order,
        "section": c.section.number if c.section_id else None,
        "text": c.text,
        "translation": c.translation,
        "illustrative": c.illustrative,
        "carried_from": c.carried_from.number if c.carried_from_id else None,
    }
