"""Dated exchange rates, each with where it comes from."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExchangeRate(models.Model):
    """On `on`, one unit of `base` was worth `rate` units of `quote`.

    A rate is a fact like any other: it has a date and a source (a bank's table, a decree, a
    contract's clause), or it is marked illustrative. Conversions take the latest rate on or
    before their date, in either direction (`kuzbas.money.rates`).
    """

    base = models.CharField(_("currency"), max_length=3)
    quote = models.CharField(_("in currency"), max_length=3)
    rate = models.DecimalField(_("rate"), max_digits=24, decimal_places=10)
    on = models.DateField(_("on"))
    source = models.ForeignKey(
        "record.Source",
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exchange_rates",
    )
    illustrative = models.BooleanField(_("illustrative"), default=False)
    note = models.CharField(_("note"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["base", "quote", "-on"]
        constraints = [
            models.UniqueConstraint(fields=["base", "quote", "on"], name="one_rate_a_day"),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="rate_positive"),
            models.CheckConstraint(
                condition=~models.Q(base=models.F("quote")), name="rate_between_two"
            ),
        ]

    def __str__(self) -> str:
        return f"1 {self.base} = {self.rate.normalize():f} {self.quote} ({self.on.isoformat()})"
