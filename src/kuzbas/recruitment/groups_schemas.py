"""The input and output schemas of the dispatch groups' API (`groups_api.py`)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Schema


class Amount(Schema):
    amount: str
    currency: str


class GroupOut(Schema):
    id: int
    bureau: str
    number: int
    name: str
    capacity: int | None
    port: str
    departs_on: dt.date | None
    route: str
    arrives_on: dt.date | None
    status: str
    aboard: int


class CountOut(Schema):
    group: str
    count: str  # a number, or "<5"


class ManifestOut(Schema):
    application: int
    reference: str
    name: str
    trade: str
    state: str


class GoodsOut(Schema):
    application: int
    description: str
    quantity: str | None
    unit: str
    value: Amount
    appraised_on: dt.date
    appraised_by: str


class GroupDetailOut(GroupOut):
    places_left: int | None
    balance: list[CountOut]
    manifest: list[ManifestOut] | None
    carried: list[GoodsOut] | None


class GroupIn(Schema):
    bureau: str
    number: int | None = None
    name: str = ""
    capacity: int | None = None
    port: str = ""
    departs_on: dt.date | None = None
    route: str = ""
    arrives_on: dt.date | None = None


class JoinIn(Schema):
    application: int


class DayIn(Schema):
    on: dt.date | None = None


class InstalmentOut(Schema):
    id: int
    amount: Amount
    due: dt.date
    paid_on: dt.date | None


class ContributionOut(Schema):
    id: int
    kind: str
    amount: Amount | None
    instalments: list[InstalmentOut]
    description: str
    value: Amount | None
    appraised_on: dt.date | None
    appraised_by: str


class AccountOut(Schema):
    application: int
    state: str
    owed: list[Amount]
    paid: list[Amount]
    outstanding: list[Amount]
    in_kind: list[Amount]
    contributions: list[ContributionOut]


class InstalmentIn(Schema):
    amount: str
    due: dt.date


class CashIn(Schema):
    amount: str
    currency: str
    instalments: list[InstalmentIn]
    note: str = ""


class InKindIn(Schema):
    description: str
    quantity: str | None = None
    unit: str = ""
    value: str
    currency: str
    appraised_on: dt.date
    appraised_by_name: str


class PayIn(Schema):
    paid_on: dt.date | None = None


class ArriveIn(Schema):
    on: dt.date | None = None
    category: str = "colonist"


class ArrivedOut(Schema):
    application: int
    person: str
    member_from: dt.date
    category: str


class RetainedOut(Schema):
    months: int
    still: int
    of: int


class FunnelOut(Schema):
    key: str
    label: str
    applied: int
    screened: int
    admitted: int
    dispatched: int
    arrived: int
    retained: list[RetainedOut]
    illustrative: bool


class FunnelFilter(Schema):
    by: Literal["call", "source", "group", "nationality"] = "call"
