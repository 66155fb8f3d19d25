"""The catalogue: units (mines, plants, workshops), the acts that handed them over, products."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


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
    # A unit name `kuzbas.production.quantities` knows: "tonne", "pood", "kilogram", …; or the
    # product's own unit ("wagon"), when `factor` says how much of `reference_unit` one holds.
    unit_of_measure = models.CharField(_("unit of measure"), max_length=30)
    reference_unit = models.CharField(_("reference unit"), max_length=30, blank=True, default="")
    factor = models.DecimalField(
        _("conversion factor"), max_digits=28, decimal_places=10, null=True, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        constraints = [
            models.CheckConstraint(
                condition=Q(factor__isnull=True, reference_unit="")
                | Q(factor__gt=0) & ~Q(reference_unit=""),
                name="product_factor_positive_with_its_reference_unit",
                violation_error_message=_(
                    "A conversion factor is greater than 0 and has its reference unit."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name
