"""A contract's money over HTTP: its lines, recording one, balances on a day, and the report to
the counterparty. Mounted at /api/contracts/ beside the contracts' own router."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema, Status

from kuzbas.contracts import access
from kuzbas.contracts.balances import Balance, balance_on, in_currency
from kuzbas.contracts.models.money import MoneyLine
from kuzbas.contracts.money_lines import record_money_line
from kuzbas.contracts.reports import contract_report
from kuzbas.core.rights import Right, require
from kuzbas.money.amounts import Money, money
from kuzbas.production.access import unit_for_user
from kuzbas.record.access import source_named

router = Router(tags=["contracts"])


class AmountOut(Schema):
    amount: str
    currency: str


def amount_out(value: Money) -> dict:
    return {"amount": f"{value.amount:f}", "currency": value.currency.code}


class MoneyLineOut(Schema):
    id: int
    kind: str
    amount: AmountOut
    on: dt.date
    precision: str
    debtor: str
    clause: str | None
    version: int | None
    settles: int | None
    unit: str | None
    title: str
    note: str


def line_out(line: MoneyLine) -> dict:
    return {
        "id": line.pk,
        "kind": line.kind,
        "amount": amount_out(line.amount),
        "on": line.on,
        "precision": line.precision,
        "debtor": line.debtor,
        "clause": line.clause.number if line.clause else None,
        "version": line.clause.version.number if line.clause else None,
        "settles": line.settles_id,
        "unit": line.unit.key if line.unit else None,
        "title": line.title,
        "note": line.note,
    }


class MoneyLineCitationIn(Schema):
    source: str
    locator: str = ""


class MoneyLineIn(Schema):
    kind: str
    amount: str
    currency: str
    on: dt.date
    debtor: str
    version: int | None = None
    clause: str | None = None
    settles: int | None = None
    unit: str | None = None
    title: str = ""
    note: str = ""
    citations: list[MoneyLineCitationIn] = []


class RateUsedOut(Schema):
    base: str
    quote: str
    rate: str
    on: dt.date
    inverse: bool
    source: str | None
    illustrative: bool


class ConvertedOut(Schema):
    currency: str
    owed_by_enterprise: AmountOut
    owed_to_enterprise: AmountOut
    net: AmountOut
    rates: list[RateUsedOut]


class BalanceRowOut(Schema):
    currency: str
    owed_by_enterprise: AmountOut
    owed_to_enterprise: AmountOut
    net: AmountOut


class ContractBalancesOut(Schema):
    on: dt.date
    per_currency: list[BalanceRowOut]
    converted: ConvertedOut | None = None


def balance_out(balance: Balance) -> list[dict]:
    return [
        {k: (v if k == "currency" else amount_out(v)) for k, v in row.items()}
        for row in balance.rows()
    ]


class TargetOut(Schema):
    obligation: int
    title: str
    product: str
    target: str
    counted_in_period: str
    status: str


class ObligationLineOut(Schema):
    id: int
    title: str
    debtor: str
    due: dt.date | None
    status: str


class ReportOut(Schema):
    contract: str
    start: dt.date
    end: dt.date
    obligations: list[ObligationLineOut]
    targets: list[TargetOut]
    money: list[MoneyLineOut]
    opening: list[BalanceRowOut]
    closing: list[BalanceRowOut]


@router.get("/{key}/money", response=list[MoneyLineOut], summary="A contract's money lines")
def list_money(request: HttpRequest, key: str):
    contract = access.contract_for_user(request.user, key)
    lines = MoneyLine.objects.filter(contract=contract).select_related("clause__version", "unit")
    return [line_out(m) for m in lines.order_by("on", "id")]


@router.post("/{key}/money", response={201: MoneyLineOut}, summary="Record a money line")
def add_money(request: HttpRequest, key: str, payload: MoneyLineIn):
    require(request.user, Right.MONEY_EDIT)
    contract = access.contract_for_user(request.user, key)
    line = record_money_line(
        actor=request.user,
        contract=contract,
        kind=payload.kind,
        amount=money(payload.amount, payload.currency),
        on=payload.on,
        debtor=payload.debtor,
        clause=access.contract_clause_numbered(contract, payload.version, payload.clause),
        settles=access.money_line_named(contract, payload.settles),
        unit=unit_for_user(request.user, payload.unit) if payload.unit else None,
        title=payload.title,
        note=payload.note,
        citations=[
            {
                "source": source_named(c.source, field=f"citations.{n}.source"),
                "locator": c.locator,
            }
            for n, c in enumerate(payload.citations)
        ],
    )
    return Status(201, line_out(line))


@router.get(
    "/{key}/balances", response=ContractBalancesOut, summary="A contract's balances on a day"
)
def balances(request: HttpRequest, key: str, on: dt.date, currency: str | None = None):
    """Per currency always; with `currency`, also converted at the day's dated rates (refused,
    naming the currencies, where a rate is missing)."""
    contract = access.contract_for_user(request.user, key)
    balance = balance_on(contract, on)
    out: dict = {"on": on, "per_currency": balance_out(balance), "converted": None}
    if currency:
        converted = in_currency(balance, currency)
        out["converted"] = {
            "currency": converted.currency,
            "owed_by_enterprise": amount_out(converted.owed_by_enterprise),
            "owed_to_enterprise": amount_out(converted.owed_to_enterprise),
            "net": amount_out(converted.net),
            "rates": [
                {
                    "base": r.base,
                    "quote": r.quote,
                    "rate": f"{r.rate.normalize():f}",
                    "on": r.on,
                    "inverse": r.inverse,
                    "source": r.source.key if r.source else None,
                    "illustrative": bool(r.row and r.row.illustrative),
                }
                for r in converted.rates
            ],
        }
    return out


@router.get("/{key}/report", response=ReportOut, summary="The report to the counterparty")
def report(request: HttpRequest, key: str, start: dt.date, end: dt.date):
    contract = access.contract_for_user(request.user, key)
    shown = contract_report(contract, start, end)
    return {
        "contract": contract.key,
        "start": start,
        "end": end,
        "obligations": [
            {"id": o.pk, "title": o.title, "debtor": o.debtor, "due": o.due, "status": o.status}
            for o in shown.obligations
        ],
        "targets": [
            {
                "obligation": t.obligation.pk,
                "title": t.obligation.title,
                "product": t.obligation.product.key,
                "target": f"{t.obligation.target:f}",
                "counted_in_period": f"{t.in_period:f}",
                "status": t.obligation.status,
            }
            for t in shown.targets
        ],
        "money": [line_out(m) for m in shown.lines],
        "opening": balance_out(shown.opening),
        "closing": balance_out(shown.closing),
    }
