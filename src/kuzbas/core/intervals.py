"""Dated intervals: membership, employment, seat holdings, proxies, role grants.

Both ends are inclusive: `valid_from` is the first day, `valid_to` the last (empty while it
lasts). "Who held it on a date" is then one exact query (`covering`), and "does a new interval
clash with one stored" another (`overlapping`). Each end keeps its precision, since the sources
often give only a month or a year.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kuzbas.core.dates import Precision, format_partial


class Interval(models.Model):
    """A dated interval with honest precision at both ends."""

    valid_from = models.DateField(_("from"))
    from_precision = models.CharField(
        _("precision of start"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    valid_to = models.DateField(_("to"), null=True, blank=True)
    to_precision = models.CharField(
        _("precision of end"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )

    class Meta:
        abstract = True

    @property
    def period(self) -> str:
        start = format_partial(self.valid_from, self.from_precision)
        end = format_partial(self.valid_to, self.to_precision) if self.valid_to else "…"
        return f"{start} – {end}"

    def covers(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def clean(self) -> None:
        """Refuse a last day before the first, naming the last day (the database's constraint,
        `ends_after_it_starts`, names no field)."""
        super().clean()
        if self.valid_to is not None and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError(
                {
                    "valid_to": _("The last day, %(to)s, is before the first day, %(from)s.")
                    % {"to": self.valid_to.isoformat(), "from": self.valid_from.isoformat()}
                }
            )


def ends_after_it_starts(name: str, message) -> models.CheckConstraint:
    """The constraint every interval carries: an end, if any, not before the start."""
    return models.CheckConstraint(
        condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
        name=name,
        violation_error_message=message,
    )


def covering(day: dt.date, prefix: str = "", *, open_start: bool = False) -> Q:
    """Match intervals that include `day` (an empty end is ongoing; with `open_start`, an
    empty start is from the beginning). `prefix` reaches an interval through a relation."""
    starts = Q(**{f"{prefix}valid_from__lte": day})
    if open_start:
        starts |= Q(**{f"{prefix}valid_from__isnull": True})
    return starts & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def overlapping(first: dt.date, last: dt.date | None, prefix: str = "") -> Q:
    """Match intervals that share at least one day with `first`..`last` (None: ongoing)."""
    q = Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": first})
    if last is not None:
        q &= Q(**{f"{prefix}valid_from__lte": last})
    return q


def still_running(day: dt.date, prefix: str = "") -> Q:
    """Match intervals not ended before `day` (ongoing, or ending on or after it)."""
    return Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
