"""Each move of an application through the bureau's stages: from, to, who, when, and a note."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kuzbas.recruitment.models.applications import Application
from kuzbas.recruitment.models.bureaus import Stage


class StageMove(models.Model):
    """An application moved from one stage to another (from none on receipt)."""

    application = models.ForeignKey(
        Application, verbose_name=_("application"), on_delete=models.CASCADE, related_name="moves"
    )
    from_stage = models.ForeignKey(
        Stage,
        verbose_name=_("from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_stage = models.ForeignKey(
        Stage, verbose_name=_("to"), on_delete=models.PROTECT, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Who moved it, as the pages name them (kept when the account goes); empty for the applicant.
    by_label = models.CharField(_("by"), max_length=200, blank=True)
    at = models.DateTimeField(_("at"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["application", "at", "id"]
        verbose_name = _("move between stages")
        verbose_name_plural = _("moves between stages")

    def __str__(self) -> str:
        return f"{self.from_stage} → {self.to_stage}"
