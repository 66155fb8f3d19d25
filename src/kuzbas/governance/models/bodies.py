"""Bodies, the seats the statute gives them, who holds a seat, and proxies given in a body."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kuzbas.core.dates import Precision, format_partial
from kuzbas.core.intervals import Interval, ends_after_it_starts
from kuzbas.governance.models.engine_choices import engine_choices
from kuzbas.statute.model import BodyKind as EngineBodyKind
from kuzbas.statute.model import FilledBy

# The statute's kinds of body, and one only the record knows: an organisation outside the
# colony that appears in its history but decides nothing under the statute.
BodyKind = engine_choices(
    "BodyKind",
    {
        EngineBodyKind.GENERAL_MEETING: _("general meeting"),
        EngineBodyKind.COMMITTEE: _("committee"),
        EngineBodyKind.BOARD: _("board"),
        EngineBodyKind.BUREAU: _("bureau"),
        EngineBodyKind.OFFICE: _("office"),
        EngineBodyKind.JOINT: _("joint sitting"),
        EngineBodyKind.OUTSIDE_AUTHORITY: _("outside authority"),
        "external": _("external organisation"),
    },
    engine=[EngineBodyKind],
    module=__name__,
)


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


SeatFill = engine_choices(
    "SeatFill",
    {
        FilledBy.ELECTION: _("election"),
        FilledBy.APPOINTMENT: _("appointment"),
        FilledBy.EX_OFFICIO: _("ex officio"),
    },
    engine=[FilledBy],
    module=__name__,
)


class Seat(models.Model):
    """A place on a body as the statute defines it ("managing-board.colony")."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="statute_seats"
    )
    key = models.SlugField(_("seat"), max_length=60)
    name = models.CharField(_("name"), max_length=200, blank=True)
    filled_by = models.CharField(_("filled by"), max_length=20, choices=SeatFill.choices)
    appointed_by = models.ForeignKey(
        Body,
        verbose_name=_("appointed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appointed_seats",
    )
    office = models.CharField(_("office"), max_length=120, blank=True)

    class Meta:
        ordering = ["body__name", "key"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        constraints = [
            models.UniqueConstraint(fields=["body", "key"], name="seat_once_per_body"),
        ]

    def __str__(self) -> str:
        return f"{self.name or self.key} ({self.body})"

    @property
    def path(self) -> str:
        """Return the seat's name in the statute: body key, a dot, seat key."""
        return f"{self.body.key}.{self.key}"


class SeatHolding(Interval):
    """A person sitting in a seat for a span of days (both ends inclusive)."""

    seat = models.ForeignKey(
        Seat, verbose_name=_("seat"), on_delete=models.PROTECT, related_name="holdings"
    )
    person = models.ForeignKey(
        "members.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="seat_holdings",
    )
    # The register entry that seated the person (an appointment's), where one did: its
    # standing (suspended, overturned on appeal) is shown beside the holding.
    decision = models.ForeignKey(
        "Decision",
        verbose_name=_("by decision"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="seat_holdings",
    )
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["seat", "valid_from"]
        verbose_name = _("seat holding")
        verbose_name_plural = _("seat holdings")
        indexes = [models.Index(fields=["person", "valid_from", "valid_to"])]
        constraints = [
            ends_after_it_starts(
                "seat_holding_ends_after_it_starts", _("A seat cannot be left before it is taken.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.seat} ({self.period})"


class Proxy(Interval):
    """A voter's vote in a body given to another voter of it, for a span of days (inclusive).

    Whether it counts is the statute's question, asked again on every day it is used: a proxy
    the statute does not allow on that day is left out of the electorate, with the reason.
    """

    giver = models.ForeignKey(
        "members.Person",
        verbose_name=_("given by"),
        on_delete=models.PROTECT,
        related_name="proxies_given",
    )
    holder = models.ForeignKey(
        "members.Person",
        verbose_name=_("held by"),
        on_delete=models.PROTECT,
        related_name="proxies_held",
    )
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="proxies"
    )

    class Meta:
        ordering = ["body", "valid_from", "giver"]
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        indexes = [models.Index(fields=["body", "valid_from", "valid_to"])]
        constraints = [
            ends_after_it_starts(
                "proxy_ends_after_it_starts", _("A proxy cannot end before it starts.")
            ),
            models.CheckConstraint(
                condition=~Q(giver=F("holder")),
                name="proxy_to_someone_else",
                violation_error_message=_("A proxy is given to someone else."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.giver} → {self.holder} ({self.body}, {self.period})"
