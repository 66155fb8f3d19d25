"""Amounts of money: a Decimal with its currency, never a float, never summed across currencies.

`Money` is py-moneyed's. py-moneyed itself accepts floats and adds only same-currency amounts;
`money` builds one from what a person or a file gives and refuses a float or a number that is
not one, naming the field, and `add` / `by_currency` keep each currency apart. Converting
needs a dated rate: `kuzbas.money.rates`.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from moneyed import Money

from kuzbas.core.errors import Invalid, Problem
from kuzbas.money.currencies import is_currency

__all__ = ["MONEY_PLACES", "Money", "add", "by_currency", "money"]

MONEY_PLACES = Decimal("0.01")
LIMIT = Decimal("1e16")  # what a money_field holds: 18 digits, 2 of them after the point


def money(amount: Decimal | int | str, currency: str, *, field: str = "amount") -> Money:
    """Return `amount` of `currency`; Invalid naming `field` for a float, a number that is not
    one, a non-finite one, one with more places than a cent or too large to keep, or a
    currency Kuzbas does not know."""
    problems = []
    if isinstance(amount, (float, bool)):
        problems.append(Problem(_("must be given as a decimal number, not a float"), field=field))
    else:
        try:
            value = Decimal(str(amount).strip().replace("\u00a0", "").replace(" ", ""))
        except InvalidOperation:
            value = None
        if value is None or not value.is_finite():
            problems.append(
                Problem(_("“%(v)s” is not an amount of money") % {"v": amount}, field=field)
            )
        elif abs(value) >= LIMIT or value != value.quantize(MONEY_PLACES):
            problems.append(
                Problem(
                    _("must have at most 16 digits before the point and 2 after it"), field=field
                )
            )
    code = (currency or "").strip().upper()
    if not is_currency(code):
        problems.append(
            Problem(_("“%(c)s” is not a currency Kuzbas knows") % {"c": currency}, field="currency")
        )
    if problems:
        raise Invalid(problems)
    return Money(value, code)


def _refuse_mixed(a: Money, b: Money) -> None:
    if a.currency != b.currency:
        raise Invalid(
            [
                Problem(
                    _("cannot add %(a)s and %(b)s without a dated rate")
                    % {"a": a.currency.code, "b": b.currency.code}
                )
            ]
        )


def add(a: Money, b: Money) -> Money:
    """Return a + b; Invalid when they are in different currencies."""
    _refuse_mixed(a, b)
    return a + b


def by_currency(amounts: Iterable[Money]) -> dict[str, Money]:
    """Sum `amounts` per currency, in the order each currency first appears."""
    totals: dict[str, Money] = {}
    for amount in amounts:
        code = amount.currency.code
        totals[code] = totals[code] + amount if code in totals else amount
    return totals
