"""The one way a model keeps an amount: django-money's MoneyField, in two columns
(`x` and `x_currency`).

The currency column offers the settings' CURRENCY_CHOICES (`kuzbas.money.currencies.CHOICES`)
in forms, but keeps them out of the migrations: the list is long, its names come from the
installed Babel, and no column's schema depends on it. A wrong code is refused by
`kuzbas.money.amounts.money` before it reaches a row.
"""

from __future__ import annotations

from djmoney.models.fields import CurrencyField as BaseCurrencyField
from djmoney.models.fields import MoneyField as BaseMoneyField
from djmoney.models.fields import get_currency_field_name


class CurrencyField(BaseCurrencyField):
    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("choices", None)
        return name, path, args, kwargs


class MoneyField(BaseMoneyField):
    def add_currency_field(self, cls, name):
        currency_field = CurrencyField(
            price_field=self,
            max_length=self.currency_max_length,
            default=self.default_currency,
            editable=False,
            choices=self.currency_choices,
            null=self.null,
        )
        currency_field.creation_counter = self.creation_counter - 1
        cls.add_to_class(get_currency_field_name(name, self), currency_field)
        self._currency_field = currency_field

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("currency_choices", None)
        return name, path, args, kwargs


def money_field(verbose_name: str, **kwargs) -> MoneyField:
    """Return a MoneyField for an amount up to 10^16 with two places and no default currency:
    the currency is always said."""
    kwargs.setdefault("max_digits", 18)
    kwargs.setdefault("decimal_places", 2)
    kwargs.setdefault("default_currency", None)
    return MoneyField(verbose_name, **kwargs)
