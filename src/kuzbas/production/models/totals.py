"""Kept figures: monthly output and plan per unit and product, the colony's monthly output and
each unit's total per product made from them, and the statistics' version."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from kuzbas.production.models.catalogue import Product, Unit
from kuzbas.production.models.statistics import QUANTITY


class MonthlyOutput(models.Model):
    """Output and plan of a unit and product in a month, kept in step with the raw rows.

    Written only by `kuzbas.production.aggregates`, inside the transaction of every write to
    output or plans, so that pages read a few thousand rows instead of scanning millions.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="monthly")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="monthly")
    month = models.DateField(_("month"))
    output = models.DecimalField(_("output"), **QUANTITY, default=0)
    records = models.PositiveIntegerField(_("records"), default=0)
    # Rows whose evidence is an illustrative citation: the month is marked illustrative.
    illustrative_records = models.PositiveIntegerField(_("illustrative records"), default=0)
    plan = models.DecimalField(_("plan"), **QUANTITY, null=True, blank=True)
    illustrative_plan = models.BooleanField(_("illustrative plan"), default=False)

    class Meta:
        ordering = ["month", "unit", "product"]
        verbose_name = _("monthly output")
        verbose_name_plural = _("monthly output")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "product", "month"], name="one_monthly_output_per_unit_product"
            ),
        ]
        indexes = [models.Index(fields=["product", "month"])]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.product_id} {self.month:%Y-%m}: {self.output}"

    @property
    def is_illustrative(self) -> bool:
        return self.illustrative_records > 0 or self.illustrative_plan


class ColonyMonthlyOutput(models.Model):
    """Output and plan of a product in a month over every unit: the dashboard's series.

    Kept, like `MonthlyOutput` and from it, by `kuzbas.production.aggregates` in the
    transaction of every write, so the colony's series is read, not summed, on every server.
    """

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="colony_monthly")
    month = models.DateField(_("month"))
    output = models.DecimalField(_("output"), **QUANTITY, default=0)
    plan = models.DecimalField(_("plan"), **QUANTITY, null=True, blank=True)
    # Some unit's output or plan of this product in this month is illustrative.
    illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        ordering = ["month", "product"]
        verbose_name = _("colony's monthly output")
        verbose_name_plural = _("colony's monthly output")
        constraints = [
            models.UniqueConstraint(
                fields=["product", "month"], name="one_colony_monthly_output_per_product"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id} {self.month:%Y-%m}: {self.output}"


class UnitOutputTotal(models.Model):
    """A unit's output of a product over the whole record: the dashboard's table of units.

    Kept from `MonthlyOutput` by `kuzbas.production.aggregates`, as `ColonyMonthlyOutput` is.
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="output_totals")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="output_totals")
    output = models.DecimalField(_("output"), **QUANTITY, default=0)
    # Some of the unit's output of this product is illustrative.
    illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("unit's output total")
        verbose_name_plural = _("units' output totals")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "product"], name="one_output_total_per_unit_product"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.product_id}: {self.output}"


def _generation() -> str:
    return uuid.uuid4().hex


class StatisticsVersion(models.Model):
    """A counter that every write to the production statistics raises in its own transaction.

    Pages cache what they compute from the statistics under the current number, so a cached
    figure is never older than the data: a write and its new number commit together.
    """

    key = models.CharField(max_length=40, primary_key=True)
    number = models.PositiveBigIntegerField(default=0)
    # Random, set when the row is made: a database made afresh (a reset demo, each test)
    # counts from 1 again, and must not meet figures cached under the old database's numbers.
    generation = models.CharField(max_length=32, default=_generation)
    # What the dashboard's first request after an import needs (the colony's monthly series,
    # the units' totals), computed in the import's transaction; good while `kept_number` is
    # `number` (`selectors.keep_for_the_first_view`).
    kept = models.JSONField(default=dict, blank=True)
    kept_number = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("statistics version")
        verbose_name_plural = _("statistics versions")

    def __str__(self) -> str:
        return f"{self.key} {self.number}"
