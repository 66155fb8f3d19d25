"""The API's input and output schemas for recruitment. No schema has a field for political
affiliation per person: the balance is counts per group only (`BalanceOut`)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Schema

from kuzbas.recruitment.models.applications import ApplicationState


class ContributionAskedOut(Schema):
    amount: Decimal
    currency: str


class ContributionAskedIn(Schema):
    amount: str
    currency: str


class CallTradeIO(Schema):
    trade: str
    trade_ru: str = ""
    wanted: int | None = None


class CallOut(Schema):
    key: str
    bureau: str
    title: str
    title_ru: str
    text: str
    text_ru: str
    terms: str
    terms_ru: str
    contribution: ContributionAskedOut | None
    contribution_note: str
    opens: dt.date
    closes: dt.date | None
    status: str
    open_today: bool
    questions: list[dict]
    asks_affiliation: bool
    affiliation_choices: list[str]
    policy_version: str
    trades: list[CallTradeIO]


class CallIn(Schema):
    bureau: str
    key: str
    title: str
    title_ru: str = ""
    text: str = ""
    text_ru: str = ""
    terms: str = ""
    terms_ru: str = ""
    contribution: ContributionAskedIn | None = None
    contribution_note: str = ""
    opens: dt.date
    closes: dt.date | None = None
    questions: list[dict] = []
    asks_affiliation: bool = False
    affiliation_choices: list[str] = []
    policy_version: str = "1"
    trades: list[CallTradeIO] = []


class BalanceCellOut(Schema):
    group: str
    shown: str  # a number, "<5", or "—" withheld


class BalanceOut(Schema):
    call: str
    groups: list[BalanceCellOut]


class StageMoveOut(Schema):
    from_stage: str | None
    to_stage: str
    by: str
    at: dt.datetime
    note: str


class DuplicateFlagOut(Schema):
    id: int
    earlier: int | None
    person: str | None
    score: int
    matched: list[str]
    verdict: str


class ApplicationAttachmentOut(Schema):
    id: int
    file_name: str
    content_type: str
    size: int
    sha256: str


class ApplicationListOut(Schema):
    id: int
    reference: str
    call: str
    name: str
    trade: str
    state: str
    stage: str | None
    submitted_at: dt.datetime
    source: str

    @staticmethod
    def resolve_call(obj) -> str:
        return obj.call.key

    @staticmethod
    def resolve_stage(obj) -> str | None:
        return obj.stage.key if obj.stage_id else None


class ApplicationOut(Schema):
    id: int
    reference: str
    call: str
    name: str
    trade: str
    state: str
    stage: str | None
    submitted_at: dt.datetime
    source: str
    name_original: str
    email: str
    phone: str
    nationality: str
    country: str
    city: str
    skills: str
    languages: list[str]
    answers: dict
    channel: str
    consent_at: dt.datetime
    policy_version: str
    refusal_reason: str | None
    recommendation: str
    motion: int | None
    admitted_on: dt.date | None
    moves: list[StageMoveOut]
    duplicates: list[DuplicateFlagOut]
    attachments: list[ApplicationAttachmentOut]


class ApplicationFilter(Schema):
    call: str | None = None
    state: ApplicationState | None = None


class ApplicationIn(Schema):
    """An application the bureau received another way (on paper), entered by its clerk."""

    name: str
    name_original: str = ""
    email: str = ""
    phone: str = ""
    nationality: str = ""
    country: str = ""
    city: str = ""
    trade: str
    skills: str = ""
    languages: list[str] = []
    answers: dict = {}
    channel: str = ""
    consent: bool
    source: str = "paper"
    affiliation: str = ""


class StageMoveIn(Schema):
    stage: str
    note: str = ""


class RefuseIn(Schema):
    reason: str
    letter: str | None = None  # none: the reason's own letter
    send: bool = True


class RecommendIn(Schema):
    note: str = ""


class DuplicateVerdictIn(Schema):
    same: bool


class ScreeningStageOut(Schema):
    key: str
    name: str
    name_ru: str
    order: int
    active: bool


class RefusalReasonOut(Schema):
    key: str
    name: str
    name_ru: str
    letter: str
    letter_ru: str
    active: bool


class BureauOut(Schema):
    key: str
    name: str
    name_ru: str
    city: str
    country: str
    founded: dt.date | None
    closed: dt.date | None
    description: str
    stages: list[ScreeningStageOut]
    refusal_reasons: list[RefusalReasonOut]


class BureauIn(Schema):
    key: str
    name: str
    name_ru: str = ""
    city: str = ""
    country: str = ""
    description: str = ""


class ScreeningStageIn(Schema):
    key: str
    name: str
    name_ru: str = ""


class RefusalReasonIn(ScreeningStageIn):
    letter: str = ""
    letter_ru: str = ""
