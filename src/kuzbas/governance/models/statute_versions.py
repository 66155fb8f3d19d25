"""The statute's versions as they were loaded: the text the engine reads, and its hash."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StatuteVersion(models.Model):
    """One version of the statute as it was loaded: its TOML text and the hash of that text."""

    statute_id = models.SlugField(_("statute"), max_length=60)
    version = models.CharField(_("version"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    effective = models.DateField(_("in force from"))
    amends = models.CharField(_("amends version"), max_length=40, blank=True)
    text = models.TextField(_("text (TOML)"))
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), default=timezone.now)

    class Meta:
        ordering = ["statute_id", "effective"]
        verbose_name = _("statute version")
        verbose_name_plural = _("statute versions")
        constraints = [
            models.UniqueConstraint(
                fields=["statute_id", "version"],
                name="statute_version_once",
                violation_error_message=_("This version of the statute is already loaded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statute_id} {self.version}"

    @property
    def file_name(self) -> str:
        """Return the name problems and explanations give the text."""
        return f"{self.statute_id}-{self.version}.toml"


class StatuteAmendment(models.Model):
    """A proposed new version of the statute, put to a body as a motion.

    The text is kept as the proposers wrote it; `adopted` is the version the register stored
    when the motion carried (its text has the day it takes effect and the decision written in).
    """

    motion = models.OneToOneField(
        "governance.Motion",
        verbose_name=_("motion"),
        on_delete=models.PROTECT,
        related_name="statute_amendment",
    )
    amends = models.ForeignKey(
        StatuteVersion,
        verbose_name=_("amends version"),
        on_delete=models.PROTECT,
        related_name="proposed_amendments",
    )
    version = models.CharField(_("proposed version"), max_length=40)
    effective = models.DateField(_("proposed to take effect on"))
    text = models.TextField(_("proposed text (TOML)"))
    content_hash = models.CharField(_("proposed text's hash (SHA-256)"), max_length=64)
    file = models.CharField(_("file name"), max_length=200)
    adopted = models.OneToOneField(
        StatuteVersion,
        verbose_name=_("adopted as"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adopted_from",
    )

    class Meta:
        ordering = ["-motion__number"]
        verbose_name = _("statute amendment")
        verbose_name_plural = _("statute amendments")

    def __str__(self) -> str:
        return f"{self.amends.statute_id} {self.version} (motion {self.motion_id})"
