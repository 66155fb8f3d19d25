"""Decisions of the register tied to the units and KPIs they should move."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kuzbas.production.models.catalogue import Unit


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
