"""Partial dates: the sources often give only a year or a month.

A partial date is stored as a `date` plus a precision. A start given as a month begins on the
month's first day; an end given as a month ends on its last day, so an interval written with
months covers the whole months it names.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kuzbas.core.errors import Problem


class Precision(models.TextChoices):
    DAY = "day", gettext_lazy("day")
    MONTH = "month", gettext_lazy("month")
    YEAR = "year", gettext_lazy("year")


_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_partial(text: str, *, end: bool = False, field: str | None = None) -> tuple[dt.date, str]:
    """Read 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; an end date takes the last day of its span."""
    match = _PATTERN.match(text.strip())
    if not match:
        raise ValueError(
            str(
                Problem(
                    _("%(text)r is not a date; write YYYY, YYYY-MM or YYYY-MM-DD") % {"text": text},
                    field=field,
                )
            )
        )
    year, month, day = match.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day)), Precision.DAY
        if month:
            m = int(month)
            last = calendar.monthrange(int(year), m)[1] if 1 <= m <= 12 else 1
            return dt.date(int(year), m, last if end else 1), Precision.MONTH
        return dt.date(int(year), 12 if end else 1, 31 if end else 1), Precision.YEAR
    except ValueError:
        message = _("%(text)r is not a real date") % {"text": text}
        raise ValueError(str(Problem(message, field=field))) from None


def format_partial(value: dt.date | None, precision: str) -> str:
    """Write a partial date no more precisely than it is known, in the ISO form that
    `parse_partial` reads (the API, the trail, exports); `formats.partial` is a reader's."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return f"{value:%Y}"
    if precision == Precision.MONTH:
        return f"{value:%Y-%m}"
    return value.isoformat()
