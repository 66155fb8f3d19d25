"""Obligations: what one side owes the other by a date, with a measurable target where there
is one, and the reminders sent before and after the date.

An obligation belongs to the version whose clause created it. When an amendment comes into
force, an open obligation whose clause the amendment carries over moves to the amendment's
clause; one whose clause it drops is "waived by an amendment" (`waived_by`).

A target in a product's quantity over a period (tonnes of coal in 1923) is checked against
production's monthly figures: `achieved` holds the output counted at the last check, and the
status turns "met" (or "partly met" after the due date) by itself (`contracts/targets.py`).
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kuzbas.contracts.models.contracts import Contract
from kuzbas.contracts.models.parties import Party
from kuzbas.contracts.models.versions import Clause, Version
from kuzbas.core.dates import Precision, format_partial

QUANTITY = {"max_digits": 28, "decimal_places": 10}  # as production keeps quantities


class Debtor(models.TextChoices):
    ENTERPRISE = "enterprise", _("the enterprise")
    COUNTERPARTY = "counterparty", _("the counterparty")


class ObligationKind(models.TextChoices):
    DELIVERY = "delivery", _("delivery")
    OUTPUT = "output", _("output")
    PAYMENT = "payment", _("payment")
    SUPPORT = "support", _("financial support")
    TRANSFER = "transfer", _("transfer of a plant or mine")
    REPORT = "report", _("report")
    OTHER = "other", _("other")


class ObligationStatus(models.TextChoices):
    OPEN = "open", _("open")
    MET = "met", _("met")
    PARTLY_MET = "partly_met", _("partly met")
    LAPSED = "lapsed", _("lapsed")
    WAIVED = "waived", _("waived by an amendment")
    TRANSFERRED = "transferred", _("passed to a successor")


class StatusBy(models.TextChoices):
    FIGURES = "figures", _("the production figures")
    HAND = "hand", _("recorded by hand")
    AMENDMENT = "amendment", _("an amendment")
    WINDING_UP = "winding_up", _("a winding-up")


class Obligation(models.Model):
    """What one side owes the other under a clause, by when, and whether it is done."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="obligations")
    version = models.ForeignKey(
        Version, verbose_name=_("version"), on_delete=models.PROTECT, related_name="obligations"
    )
    clause = models.ForeignKey(
        Clause,
        verbose_name=_("clause"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="obligations",
    )
    debtor = models.CharField(_("who owes"), max_length=20, choices=Debtor.choices)
    # The other side, where the contract has several counterparties.
    party = models.ForeignKey(
        Party,
        verbose_name=_("counterparty"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ObligationKind.choices)
    title = models.CharField(_("what"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    due_precision = models.CharField(
        _("precision of the due date"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
    )
    # A measurable target: a quantity of a product made over a period, by one unit or all.
    product = models.ForeignKey(
        "production.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contract_obligations",
    )
    unit = models.ForeignKey(
        "production.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contract_obligations",
    )
    target = models.DecimalField(
        _("target"), **QUANTITY, null=True, blank=True, help_text=_("in the product's unit")
    )
    target_entered = models.DecimalField(_("target as entered"), **QUANTITY, null=True, blank=True)
    unit_entered = models.CharField(_("unit as entered"), max_length=30, blank=True)
    period_start = models.DateField(_("counted from"), null=True, blank=True)
    period_end = models.DateField(_("counted until"), null=True, blank=True)
    # The output counted at the last check, the colony's day of it and the production
    # statistics' version it read: a check is stale when either moved (`contracts/targets.py`).
    achieved = models.DecimalField(_("achieved"), **QUANTITY, null=True, blank=True)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    figures_version = models.CharField(_("figures version"), max_length=60, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ObligationStatus.choices,
        default=ObligationStatus.OPEN,
    )
    status_by = models.CharField(
        _("status set by"), max_length=10, choices=StatusBy.choices, blank=True
    )
    status_on = models.DateField(_("status since"), null=True, blank=True)
    # What shows it was met (a delivery note, a payment order); "evidence" is the data package's
    # column for citations, so the field has its own name.
    proof = models.TextField(_("evidence of fulfilment"), blank=True)
    waived_by = models.ForeignKey(
        Version,
        verbose_name=_("waived by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="waived_obligations",
    )
    # A winding-up passes an open obligation to the successor (status "transferred").
    transferred_to = models.ForeignKey(
        Party,
        verbose_name=_("passed to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligations_taken_over",
    )
    note = models.TextField(_("note"), blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["due", "id"]
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        indexes = [models.Index(fields=["status", "due"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(product__isnull=True, target__isnull=True)
                | Q(
                    product__isnull=False,
                    target__isnull=False,
                    target__gt=0,
                    period_start__isnull=False,
                    period_end__isnull=False,
                ),
                name="contracts_target_is_whole",
                violation_error_message=_(
                    "A target needs a product, a positive quantity and a period."
                ),
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="contracts_target_period_in_order",
                violation_error_message=_("A target's period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(status="waived") | Q(waived_by__isnull=False),
                name="contracts_waived_names_its_amendment",
                violation_error_message=_("A waived obligation names the amendment."),
            ),
            models.CheckConstraint(
                condition=~Q(status="transferred") | Q(transferred_to__isnull=False),
                name="contracts_transferred_names_the_successor",
                violation_error_message=_("A transferred obligation names who took it over."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_target(self) -> bool:
        return self.product_id is not None and self.target is not None

    @property
    def due_label(self) -> str:
        return format_partial(self.due, self.due_precision)


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("due soon")
    OVERDUE = "overdue", _("overdue")


class Reminder(models.Model):
    """A reminder sent about an obligation, so each is sent once for its due date."""

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    # The due date it was sent for: a due date moved by an amendment gets its own reminder.
    due = models.DateField(_("due"))
    sent_at = models.DateTimeField(_("sent at"))
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "kind", "due"], name="contracts_reminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.obligation_id} {self.kind} {self.due}"
