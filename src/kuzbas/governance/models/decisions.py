"""The decision register (append-only, hash-chained), its head, and appeals against entries."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kuzbas.governance.models.bodies import Body
from kuzbas.governance.models.engine_choices import engine_choices
from kuzbas.governance.models.motions import OUTCOME_LABELS, Motion
from kuzbas.statute import Outcome as EngineOutcome

Outcome = engine_choices("Outcome", OUTCOME_LABELS, engine=[EngineOutcome], module=__name__)


class Decision(models.Model):
    """One entry of the decision register: append-only, each entry hashing the one before.

    The database refuses UPDATE and DELETE on this table (see the migration that installs the
    triggers); `kuzbas.governance.register.verify_register` walks the chain.
    """

    sequence = models.PositiveIntegerField(_("entry"), unique=True)
    motion = models.OneToOneField(
        Motion, verbose_name=_("motion"), on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    counts = models.JSONField(_("counts"), default=dict)
    arithmetic = models.TextField(_("arithmetic"))
    statute_hash = models.CharField(_("statute version hash"), max_length=64)
    rule = models.CharField(_("authorising rule"), max_length=120)
    decided_on = models.DateField(_("decided on"))
    recorded_at = models.DateTimeField(_("recorded at"))
    payload = models.JSONField(_("payload"), default=dict)
    prev_hash = models.CharField(_("previous entry's hash"), max_length=64)
    entry_hash = models.CharField(_("entry hash"), max_length=64, unique=True)
    # The Ed25519 signature of this entry as the register's head (`register_key.signed_message`).
    # NULL for entries written before heads were signed; nullable so that adding the column
    # is an ALTER TABLE that keeps the append-only triggers (SQLite rebuilds a table for a
    # column with a default, and would drop them).
    head_signature = models.CharField(  # noqa: DJ001 - NULL means "written unsigned"
        _("head signature"), max_length=128, null=True, blank=True
    )
    # The bytes the entry's hash was taken over (`register.canonical_entry`), as text: a copy
    # that lets PostgreSQL hash the chain itself (`register_walk`). NULL for entries written
    # before it was kept; where it disagrees with the columns, `verify` checks the columns.
    canonical = models.TextField(_("canonical form"), null=True, blank=True)  # noqa: DJ001
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(condition=Q(sequence__gte=1), name="decision_sequence_from_one"),
        ]

    def __str__(self) -> str:
        return f"Decision {self.sequence}: {self.motion.title} ({self.get_outcome_display()})"


class RegisterHead(models.Model):
    """The register's head: one row, locked by every append so entries are chained in turn."""

    sequence = models.PositiveIntegerField(_("last entry"), default=0)
    entry_hash = models.CharField(_("last entry's hash"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("register head")
        verbose_name_plural = _("register head")

    def __str__(self) -> str:
        return f"head at entry {self.sequence}"


class Appeal(models.Model):
    """An appeal against a decision, heard as an appellate motion in the body appealed to."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="appeals"
    )
    filed_by = models.ForeignKey(
        "members.Person",
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals_filed",
    )
    filed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals_filed",
    )
    filed_on = models.DateField(_("filed on"))
    to_body = models.ForeignKey(
        Body, verbose_name=_("appealed to"), on_delete=models.PROTECT, related_name="appeals_heard"
    )
    motion = models.OneToOneField(
        Motion, verbose_name=_("appellate motion"), on_delete=models.PROTECT, related_name="appeal"
    )
    rule = models.CharField(_("appeal rule"), max_length=120)
    deadline = models.DateField(_("last day to appeal"))
    suspends = models.BooleanField(_("suspends the decision"), default=False)

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self) -> str:
        return f"Appeal against decision {self.decision.sequence} to {self.to_body}"

    @property
    def outcome(self) -> Decision | None:
        """Return the appellate decision, once the body appealed to has decided."""
        return getattr(self.motion, "decision", None)
