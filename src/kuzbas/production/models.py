"""Units, products, output, plans and headcount: the colony's production statistics.

Quantities are stored in the product's canonical unit (exact decimals, converted by
`kuzbas.production.quantities`), next to the quantity and unit as they were entered, so that
a source in poods and a report in tonnes sit on one axis and each can be checked against the
other. Evidence (documented or illustrative) is a `record.Citation` on each row.
"""

from __future__ import annotations

import uuid

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kuzbas.members.models import WorkCategory

QUANTITY = {"max_digits": 28, "decimal_places": 10}


class UnitKind(models.TextChoices):
    MINE = "mine", _("mine")
    PLANT = "plant", _("plant")
    WORKSHOP = "workshop", _("workshop")


class TransferAct(models.Model):
    """Enterprises handed to the colony by another enterprise, with the debts they carry."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    from_enterprise = models.CharField(_("from enterprise"), max_length=200)
    date = models.DateField(_("date"))
    # The share of the giving enterprise's debts the colony assumes, 0 to 1 (one half is 0.5).
    debt_share = models.DecimalField(_("share of debts assumed"), max_digits=5, decimal_places=4)
    staff = models.PositiveIntegerField(_("staff transferred"), null=True, blank=True)
    output_baseline = models.CharField(_("output baseline at transfer"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["date", "key"]
        verbose_name = _("transfer act")
        verbose_name_plural = _("transfer acts")
        constraints = [
            models.CheckConstraint(
                condition=Q(debt_share__gte=0) & Q(debt_share__lte=1),
                name="transfer_debt_share_between_0_and_1",
                violation_error_message=_("The share of debts is between 0 and 1."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def debt_percent(self):
        return self.debt_share * 100


class Unit(models.Model):
    """A mine, plant or workshop of the colony."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    site = models.ForeignKey(
        "members.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="production_units",
    )
    opened = models.DateField(_("opened"), null=True, blank=True)
    taken_over = models.DateField(_("taken over"), null=True, blank=True)
    closed = models.DateField(_("closed"), null=True, blank=True)
    transfer_act = models.ForeignKey(
        TransferAct,
        verbose_name=_("transfer act"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    description = models.TextField(_("description"), blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.CheckConstraint(
                condition=Q(closed__isnull=True)
                | Q(opened__isnull=True)
                | Q(closed__gte=F("opened")),
                name="unit_closes_after_it_opens",
                violation_error_message=_("A unit cannot close before it opens."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    """What a unit produces, with the unit of measure its quantities are kept in."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    # A unit name `kuzbas.production.quantities` knows: "tonne", "pood", "kilogram", …
    unit_of_measure = models.CharField(_("unit of measure"), max_length=30)

    class Meta:
        ordering = ["name"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return self.name


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


class DecisionLink(models.Model):
    """A decision of the register tied to a unit (or the whole colony) and a KPI it should move.

    The decision is named by its register entry number: the register is append-only, so the
    number is as stable as a key, and production keeps no foreign key into governance's tables.
    """

    decision_sequence = models.PositiveIntegerField(_("register entry"))
    # Empty: the whole colony.
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="decision_links",
    )
    kpi = models.CharField(_("KPI"), max_length=40)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["decision_sequence"]
        verbose_name = _("decision link")
        verbose_name_plural = _("decision links")
        constraints = [
            models.UniqueConstraint(
                fields=["decision_sequence", "unit", "kpi"], name="one_link_per_decision_unit_kpi"
            ),
        ]

    def __str__(self) -> str:
        return f"No. {self.decision_sequence} → {self.unit or _('colony')} {self.kpi}"


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

    class Meta:
        verbose_name = _("statistics version")
        verbose_name_plural = _("statistics versions")

    def __str__(self) -> str:
        return f"{self.key} {self.number}"


class ImportStage(models.TextChoices):
    WAITING = "waiting", _("waiting for the file")
    CHECKING = "checking", _("checking rows")
    WRITING = "writing", _("writing rows")
    DONE = "done", _("done")
    FAILED = "failed", _("stopped: nothing was imported")


class ImportJob(models.Model):
    """How far a check or import of a file has got, for the page that polls it.

    Named by a token the import form carries, so the page can ask before the upload ends.
    """

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        "members.User", on_delete=models.CASCADE, related_name="production_import_jobs"
    )
    filename = models.CharField(_("file"), max_length=255, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=ImportStage.choices, default=ImportStage.WAITING
    )
    done = models.PositiveBigIntegerField(_("done"), default=0)
    total = models.PositiveBigIntegerField(_("total"), default=0)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.filename} {self.stage} {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 0
