"""The raw statistics: output and plans of a unit and product over a period, and headcount.

Quantities are stored in the product's canonical unit (exact decimals, converted by
`kuzbas.production.quantities`), next to the quantity and unit as they were entered, so that
a source in poods and a report in tonnes sit on one axis and each can be checked against the
other. Evidence (documented or illustrative) is a `record.Citation` on each row.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kuzbas.members.models import WorkCategory
from kuzbas.production.models.catalogue import Product, Unit

QUANTITY = {"max_digits": 28, "decimal_places": 10}


class PeriodKind(models.TextChoices):
    SHIFT = "shift", _("shift")
    DAY = "day", _("day")
    MONTH = "month", _("month")


class OutputRecord(models.Model):
    """What a unit produced of a product in a period (a shift, a day or a month).

    The largest table by far (millions of shift rows), written in bulk by the import. Its two
    foreign keys have no database constraint: PostgreSQL checks such a constraint with one
    query per inserted row, which cost two thirds of an import. The import checks every key
    against the catalogue and holds a KEY SHARE lock on each unit and product it references
    until it commits (what the constraint's trigger would take, once per unit instead of once
    per row); units and products are never deleted, and the ORM still PROTECTs them. Lookups
    go through the unique index, which starts with unit, product and day.
    """

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="output",
        db_constraint=False,
        db_index=False,
    )
    product = models.ForeignKey(
        Product,
        verbose_name=_("product"),
        on_delete=models.PROTECT,
        related_name="output",
        db_constraint=False,
        db_index=False,
    )
    period_kind = models.CharField(_("period"), max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    # 0 unless the period is a shift; shifts of a day are numbered from 1.
    shift = models.PositiveSmallIntegerField(_("shift"), default=0)
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    quantity_entered = models.DecimalField(_("quantity as entered"), **QUANTITY)
    unit_entered = models.CharField(_("unit as entered"), max_length=30)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["unit", "product", "period_start", "shift"]
        verbose_name = _("output record")
        verbose_name_plural = _("output records")
        constraints = [
            # Day before kind, so a range of days of one unit and product is one index range.
            models.UniqueConstraint(
                fields=["unit", "product", "period_start", "period_kind", "shift"],
                name="one_output_record_per_unit_product_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="output_period_ends_after_it_starts",
                violation_error_message=_("A period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=0),
                name="output_quantity_not_negative",
                violation_error_message=_("Output cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.product} {self.period_start}: {self.quantity}"


class Plan(models.Model):
    """A target for a unit and product over a period."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="plans"
    )
    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.PROTECT, related_name="plans"
    )
    period_kind = models.CharField(
        _("period"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.MONTH
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    target = models.DecimalField(_("target"), **QUANTITY)
    target_entered = models.DecimalField(_("target as entered"), **QUANTITY)
    unit_entered = models.CharField(_("unit as entered"), max_length=30)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["unit", "product", "period_start"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "product", "period_kind", "period_start"],
                name="one_plan_per_unit_product_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="plan_period_ends_after_it_starts",
                violation_error_message=_("A period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(target__gte=0),
                name="plan_target_not_negative",
                violation_error_message=_("A target cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.product} {self.period_start}: {self.target}"


class StaffCategory(models.TextChoices):
    """The registry's work categories, plus "all staff" for sources that give only totals."""

    ALL = "all", _("all staff")
    PRODUCTION = WorkCategory.PRODUCTION.value, WorkCategory.PRODUCTION.label
    TECHNICAL = WorkCategory.TECHNICAL.value, WorkCategory.TECHNICAL.label
    OFFICE = WorkCategory.OFFICE.value, WorkCategory.OFFICE.label
    GUARD = WorkCategory.GUARD.value, WorkCategory.GUARD.label
    OTHER = WorkCategory.OTHER.value, WorkCategory.OTHER.label


class HeadcountSnapshot(models.Model):
    """How many people worked on a date, in a unit or in the whole colony, by category."""

    # Empty: the whole colony.
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="headcounts",
    )
    on = models.DateField(_("on"))
    category = models.CharField(_("category"), max_length=20, choices=StaffCategory.choices)
    count = models.PositiveIntegerField(_("count"))
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["on", "unit", "category"]
        verbose_name = _("headcount snapshot")
        verbose_name_plural = _("headcount snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "on", "category"],
                condition=Q(unit__isnull=False),
                name="one_unit_headcount_per_day_and_category",
            ),
            models.UniqueConstraint(
                fields=["on", "category"],
                condition=Q(unit__isnull=True),
                name="one_colony_headcount_per_day_and_category",
            ),
        ]
        indexes = [models.Index(fields=["unit", "category", "on"])]

    def __str__(self) -> str:
        where = self.unit or _("colony")
        return f"{where} {self.on} {self.get_category_display()}: {self.count}"
