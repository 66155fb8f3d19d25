"""The winding-up of the enterprise: a liquidation or reorganisation decided by a competent
body (for the colony, the STO's conference of 22 December 1926, outside it), run as a process
of steps that each end or pass something to the successor, every step in the register."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from kuzbas.contracts.models.contracts import Contract
from kuzbas.contracts.models.parties import Party
from kuzbas.core.dates import Precision, format_partial


class WindingUpKind(models.TextChoices):
    LIQUIDATION = "liquidation", _("liquidation")
    REORGANISATION = "reorganisation", _("reorganisation into a successor")


class WindingUpStatus(models.TextChoices):
    DECIDED = "decided", _("decided")
    RUNNING = "running", _("running")
    DONE = "done", _("done")


class WindingUp(models.Model):
    """A decided end of the enterprise: when, by whom, who succeeds it, and how far it went."""

    kind = models.CharField(_("kind"), max_length=20, choices=WindingUpKind.choices)
    title = models.CharField(_("title"), max_length=300)
    # The body outside that decided it (the STO), and the act on the contract that records it.
    decided_by = models.ForeignKey(
        Party,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="windings_up_decided",
    )
    decided_on = models.DateField(_("decided on"))
    decided_precision = models.CharField(
        _("precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    contract = models.ForeignKey(
        Contract,
        verbose_name=_("contract"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="windings_up",
    )
    # Where the enterprise's own body decided (or recorded) it: its register entry.
    decision = models.ForeignKey(
        "governance.Decision",
        verbose_name=_("register entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="windings_up",
    )
    effective_on = models.DateField(_("effective on"))
    successor = models.ForeignKey(
        Party,
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="windings_up_succeeded",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=WindingUpStatus.choices,
        default=WindingUpStatus.DECIDED,
    )
    final_report = models.TextField(_("final report"), blank=True)
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["decided_on", "id"]
        verbose_name = _("winding-up")
        verbose_name_plural = _("windings-up")

    def __str__(self) -> str:
        return self.title

    @property
    def when(self) -> str:
        return format_partial(self.decided_on, self.decided_precision)


class StepKind(models.TextChoices):
    MEMBERSHIPS = "memberships", _("memberships end or pass to the successor")
    EMPLOYMENTS = "employments", _("employments end or pass to the successor")
    UNITS = "units", _("units pass to the successor with their debts")
    DEBTS = "debts", _("debts and money settled or transferred")
    OBLIGATIONS = "obligations", _("open obligations settled or transferred")
    BODIES = "bodies", _("bodies dissolved")
    FINAL_REPORT = "final_report", _("final report")
    OTHER = "other", _("other")


class StepStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    DONE = "done", _("done")
    SKIPPED = "skipped", _("skipped")


class WindingUpStep(models.Model):
    """One step of a winding-up, in order, with what it did and its register entry."""

    winding_up = models.ForeignKey(WindingUp, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=20, choices=StepKind.choices)
    title = models.CharField(_("title"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=StepStatus.choices, default=StepStatus.PENDING
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    decision = models.ForeignKey(
        "governance.Decision",
        verbose_name=_("register entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="winding_up_steps",
    )
    # What the step did, in counts and keys (memberships ended, units passed), for the report.
    result = models.JSONField(_("result"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["winding_up", "order"]
        verbose_name = _("winding-up step")
        verbose_name_plural = _("winding-up steps")
        constraints = [
            models.UniqueConstraint(fields=["winding_up", "order"], name="contracts_step_order"),
        ]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()
