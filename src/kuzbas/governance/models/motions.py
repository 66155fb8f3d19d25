"""Motions put to a body, and the counter that numbers them."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from kuzbas.governance.models.bodies import Body
from kuzbas.governance.models.engine_choices import engine_choices
from kuzbas.governance.models.statute_versions import StatuteVersion
from kuzbas.statute import Outcome as EngineOutcome

OUTCOME_LABELS = {
    EngineOutcome.CARRIED: _("carried"),
    EngineOutcome.FAILED: _("failed"),
    EngineOutcome.NO_QUORUM: _("no quorum"),
}

# A motion is filed, put to the vote, and ends in one of the statute's outcomes or withdrawn.
MotionStatus = engine_choices(
    "MotionStatus",
    {"filed": _("filed"), "voting": _("voting"), **OUTCOME_LABELS, "withdrawn": _("withdrawn")},
    engine=[EngineOutcome],
    module=__name__,
)


class Motion(models.Model):
    """A proposal put to a body on a matter; its lifecycle is in `governance/transitions.py`."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    matter = models.SlugField(_("matter"), max_length=60)
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="motions"
    )
    filed_by = models.ForeignKey(
        "members.Person",
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="motions_filed",
    )
    filed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="motions_filed",
    )
    filed_by_label = models.CharField(_("filed by (label)"), max_length=150, blank=True)
    filed_on = models.DateField(_("filed on"))
    status = models.CharField(
        _("status"), max_length=20, choices=MotionStatus.choices, default=MotionStatus.FILED
    )
    statute_version = models.ForeignKey(
        StatuteVersion,
        verbose_name=_("statute version"),
        on_delete=models.PROTECT,
        related_name="motions",
    )
    appeal_of = models.ForeignKey(
        "Decision",
        verbose_name=_("appeal against"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appellate_motions",
    )
    vote_opened_on = models.DateField(_("vote opened on"), null=True, blank=True)
    # The statute's ballot kind for this vote, fixed when it opens (like the roll of voters), so
    # that a ballot is taken without reading the statute again.
    ballot_kind = models.CharField(_("ballot"), max_length=10, blank=True)
    # What the motion changes when it carries, beyond its decision: {"kind": …} names an effect
    # in `governance/effects.py`; the rest is that effect's own (empty: the motion only decides).
    proposal = models.JSONField(_("proposal"), default=dict, blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["-number"]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        indexes = [models.Index(fields=["status", "filed_on"])]

    def __str__(self) -> str:
        return f"No. {self.number}: {self.title}"


class Counter(models.Model):
    """A named counter (motion numbers) whose row is locked while the next number is taken."""

    name = models.SlugField(_("name"), max_length=40, primary_key=True)
    value = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"
