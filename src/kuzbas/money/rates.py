"""Converting between currencies: only at a dated rate, the latest on or before the day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kuzbas.core.errors import NotFound
from kuzbas.money.amounts import MONEY_PLACES, Money
from kuzbas.money.models import ExchangeRate


@dataclass(frozen=True)
class Rate:
    """One unit of `base` is `rate` units of `quote` on `on`, read from `row` (inverted when
    the row states it the other way round)."""

    base: str
    quote: str
    rate: Decimal
    on: dt.date
    row: ExchangeRate | None
    inverse: bool = False

    @property
    def source(self):
        return self.row.source if self.row else None


def rate_on(base: str, quote: str, on: dt.date) -> Rate:
    """Return the latest rate between `base` and `quote` on or before `on`, stated either way;
    NotFound naming both currencies and the day when there is none."""
    if base == quote:
        return Rate(base, quote, Decimal(1), on, None)
    row = (
        ExchangeRate.objects.filter(
            Q(base=base, quote=quote) | Q(base=quote, quote=base), on__lte=on
        )
        .select_related("source")
        .order_by("-on", "id")
        .first()
    )
    if row is None:
        raise NotFound(
            _("There is no rate between %(a)s and %(b)s on or before %(day)s.")
            % {"a": base, "b": quote, "day": date_format(on, "DATE_FORMAT")}
        )
    if row.base == base:
        return Rate(base, quote, row.rate, row.on, row)
    return Rate(base, quote, Decimal(1) / row.rate, row.on, row, inverse=True)


def convert(amount: Money, to: str, on: dt.date) -> Money:
    """Return `amount` in currency `to` at the rate of `on`, to two places (half to even)."""
    rate = rate_on(amount.currency.code, to, on)
    value = (amount.amount * rate.rate).quantize(MONEY_PLACES, rounding=ROUND_HALF_EVEN)
    return Money(value, to)


def total_in(amounts: Iterable[Money], to: str, on: dt.date) -> Money:
    """Return the sum of `amounts` in `to`, each converted at the rate of `on`."""
    total = Money(Decimal(0), to)
    for amount in amounts:
        total = total + convert(amount, to, on)
    return total
