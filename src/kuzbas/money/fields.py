"""The one way a model keeps an amount: django-money's MoneyField, in two columns
(`x` and `x_currency`)."""

from __future__ import annotations

from djmoney.models.fields import MoneyField


def money_field(verbose_name: str, **kwargs) -> MoneyField:
    """Return a MoneyField for an amount up to 10^16 with two places and no default currency:
    the currency is always said. The currencies offered are the settings' CURRENCY_CHOICES
    (`kuzbas.money.currencies.CHOICES`), kept out of the migrations."""
    kwargs.setdefault("max_digits", 18)
    kwargs.setdefault("decimal_places", 2)
    kwargs.setdefault("default_currency", None)
    return MoneyField(verbose_name, **kwargs)
