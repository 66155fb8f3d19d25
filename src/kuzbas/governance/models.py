"""Bodies of the colony and the organisations around it.

The statute issue grows this app into seats, motions, ballots and the decision register; for
now it holds the bodies the record names, so that people and documents can refer to them.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from kuzbas.record.dates import Precision, format_partial


class BodyKind(models.TextChoices):
    GENERAL_MEETING = "general_meeting", _("general meeting")
    COMMITTEE = "committee", _("committee")
    BOARD = "board", _("board")
    BUREAU = "bureau", _("bureau")
    OUTSIDE_AUTHORITY = "outside_authority", _("outside authority")
    EXTERNAL = "external", _("external organisation")


class Body(models.Model):
    """A body that decides, advises or oversees: a meeting, a board, a state council."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_original = models.CharField(_("name in the original script"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    seats = models.PositiveSmallIntegerField(_("seats"), null=True, blank=True)
    site = models.ForeignKey(
        "members.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
    )
    established = models.DateField(_("established"), null=True, blank=True)
    established_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    dissolved = models.DateField(_("dissolved"), null=True, blank=True)
    dissolved_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    description = models.TextField(_("description"), blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.name

    @property
    def period(self) -> str:
        start = format_partial(self.established, self.established_precision)
        end = format_partial(self.dissolved, self.dissolved_precision)
        if not start and not end:
            return ""
        return f"{start or '…'} – {end or '…'}"
