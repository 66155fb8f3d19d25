"""A contract's versions, and the sections and clauses each one holds.

Version 1 is the contract as first concluded; an amendment (the New Contract of 1922) is a
new version that `replaces` the one before: it starts as a copy of its clauses, each copy
pointing back to the clause it came from (`carried_from`), so the clause-by-clause diff
matches clauses by their lineage, not by a number an amendment may have changed.

A version comes into force through a carried decision of the body the statute names (its
motion and register entry are linked here) or, where the statute names none, by the clerk's
act; the one before it is then superseded. The signed original is a stored file kept by its
SHA-256 checksum, like the record's documents.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kuzbas.contracts.models.contracts import Contract


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("submitted to the competent body")
    IN_FORCE = "in_force", _("in force")
    SUPERSEDED = "superseded", _("superseded")
    REJECTED = "rejected", _("not adopted")


class BroughtBy(models.TextChoices):
    DECISION = "decision", _("a carried decision")
    CLERK = "clerk", _("the clerk's act (no body's matter)")


class Version(models.Model):
    """One text of a contract: the first one concluded, or an amendment replacing another."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    language = models.CharField(_("language of the original"), max_length=10, blank=True)
    translation_language = models.CharField(
        _("language of the translation"), max_length=10, blank=True
    )
    summary = models.TextField(_("what it changes"), blank=True)
    # How it came into force: the motion filed with the competent body and its register entry,
    # or the clerk's act where the statute makes it no body's matter.
    motion = models.ForeignKey(
        "governance.Motion",
        verbose_name=_("motion"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contract_versions",
    )
    decision = models.ForeignKey(
        "governance.Decision",
        verbose_name=_("register entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contract_versions",
    )
    brought_by = models.CharField(
        _("brought into force by"), max_length=10, choices=BroughtBy.choices, blank=True
    )
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    superseded_on = models.DateField(_("superseded on"), null=True, blank=True)
    # The signed original, kept by its checksum under the media directory.
    original_file = models.CharField(_("signed original"), max_length=200, blank=True)
    original_name = models.CharField(_("file name"), max_length=200, blank=True)
    original_type = models.CharField(_("type"), max_length=60, blank=True)
    original_size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    original_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by_label = models.CharField(_("created by (label)"), max_length=150, blank=True)

    class Meta:
        ordering = ["contract", "number"]
        verbose_name = _("contract version")
        verbose_name_plural = _("contract versions")
        constraints = [
            models.UniqueConstraint(fields=["contract", "number"], name="contracts_version_number"),
            models.UniqueConstraint(
                fields=["contract"],
                condition=Q(status="in_force"),
                name="contracts_one_version_in_force",
                violation_error_message=_("A contract has one version in force at a time."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="contracts_version_number_from_one"
            ),
        ]

    def __str__(self) -> str:
        label = _("version %(n)s") % {"n": self.number}
        return f"{self.contract}, {label}" + (f": {self.title}" if self.title else "")


class Section(models.Model):
    """A numbered section of a version, in order: its heading in both languages."""

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(_("number"), max_length=20, blank=True)
    order = models.PositiveSmallIntegerField(_("order"))
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    heading_translation = models.CharField(_("heading, translated"), max_length=300, blank=True)
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )

    class Meta:
        ordering = ["version", "order"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="contracts_section_order"),
        ]

    def __str__(self) -> str:
        return " ".join(p for p in (self.number, self.heading) if p)


class Clause(models.Model):
    """A numbered clause in a section, as the original says it and in translation.

    `illustrative` marks a text the sources do not give (written to show the shape of a
    clause, not what the parties agreed): pages say so beside it.
    """

    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="clauses")
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="clauses",
    )
    number = models.CharField(_("number"), max_length=20)
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("text"))
    translation = models.TextField(_("translation"), blank=True)
    illustrative = models.BooleanField(_("illustrative"), default=False)
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["version", "order"]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="contracts_clause_number"),
            models.UniqueConstraint(fields=["version", "order"], name="contracts_clause_order"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"
