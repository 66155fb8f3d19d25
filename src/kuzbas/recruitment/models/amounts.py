"""The money field every amount of the app uses (kuzbas.money's, two columns: `x` and
`x_currency`)."""

from __future__ import annotations

from djmoney.models.fields import MoneyField


def money_field(verbose_name, **kw) -> MoneyField:
    """Return the field for an amount with its currency."""
    return MoneyField(verbose_name, max_digits=18, decimal_places=2, default_currency=None, **kw)
