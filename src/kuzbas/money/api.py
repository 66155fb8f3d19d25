"""Exchange rates over HTTP: read them, record one."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from kuzbas.core.rights import Right, require
from kuzbas.money import services
from kuzbas.money.models import ExchangeRate
from kuzbas.record.access import source_named

router = Router(tags=["money"])


class RateOut(Schema):
    id: int
    base: str
    quote: str
    rate: str
    on: dt.date
    source: str | None
    illustrative: bool
    note: str

    @staticmethod
    def resolve_rate(obj: ExchangeRate) -> str:
        return f"{obj.rate.normalize():f}"

    @staticmethod
    def resolve_source(obj: ExchangeRate) -> str | None:
        return obj.source.key if obj.source_id else None


class RateIn(Schema):
    base: str
    quote: str
    rate: str
    on: dt.date
    source: str | None = None
    illustrative: bool = False
    note: str = ""


class RateFilter(Schema):
    base: str | None = None
    quote: str | None = None


@router.get("/rates", response=list[RateOut], summary="Dated exchange rates")
def list_rates(request: HttpRequest, filters: Query[RateFilter]):
    require(request.user, Right.CONTRACTS_VIEW)
    rows = ExchangeRate.objects.select_related("source").order_by("base", "quote", "-on")
    if filters.base:
        rows = rows.filter(base=filters.base.upper())
    if filters.quote:
        rows = rows.filter(quote=filters.quote.upper())
    return list(rows)


@router.post("/rates", response={201: RateOut}, summary="Record an exchange rate")
def add_rate(request: HttpRequest, payload: RateIn):
    require(request.user, Right.MONEY_EDIT)
    source = source_named(payload.source) if payload.source else None
    row = services.record_rate(
        request.user,
        base=payload.base,
        quote=payload.quote,
        rate=payload.rate,
        on=payload.on,
        source=source,
        illustrative=payload.illustrative,
        note=payload.note,
    )
    return Status(201, row)
