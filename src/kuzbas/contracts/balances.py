"""What a contract's money lines come to on a date: per currency always, in one currency only
through dated rates.

A line counts from its date on. Support promised, a loan and a debt taken over add to what
their debtor owes; a payment of support and a repayment take from it. Totals are kept per
currency (`kuzbas.money.amounts.by_currency`) and are converted into one currency only at the
latest rate on or before the day (`kuzbas.money.rates`), each rate shown with its source;
without one the conversion is refused, naming the two currencies and the day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from kuzbas.contracts.models.contracts import Contract
from kuzbas.contracts.models.money import MoneyLine, MoneyLineKind
from kuzbas.contracts.models.obligations import Debtor
from kuzbas.core.errors import Invalid, NotFound, Problem
from kuzbas.money.amounts import MONEY_PLACES, Money, money
from kuzbas.money.currencies import is_currency
from kuzbas.money.rates import Rate, convert, rate_on

# +1 adds to what the line's debtor owes, -1 takes from it.
SIGN = {
    MoneyLineKind.SUPPORT_PROMISED: 1,
    MoneyLineKind.LOAN: 1,
    MoneyLineKind.DEBT_TAKEN_OVER: 1,
    MoneyLineKind.SUPPORT_PAID: -1,
    MoneyLineKind.REPAYMENT: -1,
}


def _zero(code: str) -> Money:
    return Money(Decimal(0), code)


@dataclass(frozen=True)
class Balance:
    """A contract's money on a day, every figure per currency (code → Money)."""

    on: dt.date
    by_kind: dict[str, dict[str, Money]]
    owed_by_enterprise: dict[str, Money]
    owed_to_enterprise: dict[str, Money]
    currencies: list[str] = field(default_factory=list)

    @property
    def net(self) -> dict[str, Money]:
        """What the counterparties owe the enterprise less what it owes them, per currency."""
        return {
            c: self.owed_to_enterprise.get(c, _zero(c)) - self.owed_by_enterprise.get(c, _zero(c))
            for c in self.currencies
        }

    @property
    def is_empty(self) -> bool:
        return not self.currencies

    def rows(self) -> list[dict]:
        """One row per currency, for a page or the API."""
        return [
            {
                "currency": c,
                "owed_by_enterprise": self.owed_by_enterprise.get(c, _zero(c)),
                "owed_to_enterprise": self.owed_to_enterprise.get(c, _zero(c)),
                "net": self.net[c],
            }
            for c in self.currencies
        ]


def balance_on(contract: Contract, on: dt.date) -> Balance:
    """Return what the contract's lines dated on or before `on` come to, per currency."""
    rows = (
        MoneyLine.objects.filter(contract=contract, on__lte=on)
        .values("kind", "debtor", "amount_currency")
        .annotate(total=Sum("amount"))
        .order_by("amount_currency", "kind", "debtor")
    )
    by_kind: dict[str, dict[str, Money]] = {}
    owed: dict[str, dict[str, Money]] = {Debtor.ENTERPRISE: {}, Debtor.COUNTERPARTY: {}}
    currencies: list[str] = []
    for row in rows:
        code = row["amount_currency"]
        # SQLite answers a sum without its places: put the cent back.
        total = Money(Decimal(row["total"]).quantize(MONEY_PLACES), code)
        if code not in currencies:
            currencies.append(code)
        kinds = by_kind.setdefault(row["kind"], {})
        kinds[code] = kinds.get(code, _zero(code)) + total
        side = owed[row["debtor"]]
        signed = total if SIGN[row["kind"]] > 0 else -total
        side[code] = side.get(code, _zero(code)) + signed
    return Balance(
        on=on,
        by_kind=by_kind,
        owed_by_enterprise=owed[Debtor.ENTERPRISE],
        owed_to_enterprise=owed[Debtor.COUNTERPARTY],
        currencies=currencies,
    )


@dataclass(frozen=True)
class Converted:
    """A balance in one currency, with every rate used (and so its date and source)."""

    currency: str
    on: dt.date
    owed_by_enterprise: Money
    owed_to_enterprise: Money
    rates: list[Rate]

    @property
    def net(self) -> Money:
        return self.owed_to_enterprise - self.owed_by_enterprise


def in_currency(balance: Balance, currency: str) -> Converted:
    """Return `balance` converted into `currency` at the rates of its day.

    Invalid naming the currency field when the code is unknown, or when a rate between it and
    one of the balance's currencies is missing on or before the day (the message names both).
    """
    code = (currency or "").strip().upper()
    if not is_currency(code):
        raise Invalid(
            [Problem(_("“%(c)s” is not a currency Kuzbas knows") % {"c": currency}, "currency")]
        )
    rates: list[Rate] = []
    problems: list[Problem] = []
    for other in balance.currencies:
        if other == code:
            continue
        try:
            rates.append(rate_on(other, code, balance.on))
        except NotFound as missing:
            problems.append(Problem(missing.message, field="currency"))
    if problems:
        raise Invalid(problems)

    def total(side: dict[str, Money]) -> Money:
        out = money(0, code)
        for amount in side.values():
            out = out + convert(amount, code, balance.on)
        return out

    return Converted(
        currency=code,
        on=balance.on,
        owed_by_enterprise=total(balance.owed_by_enterprise),
        owed_to_enterprise=total(balance.owed_to_enterprise),
        rates=rates,
    )
