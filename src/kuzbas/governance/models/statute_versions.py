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
