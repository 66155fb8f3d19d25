"""Periods of output and plans: a shift, a day, a month."""

from __future__ import annotations

import calendar
import datetime as dt

from kuzbas.production.models.statistics import PeriodKind


def period_end(kind: str, start: dt.date) -> dt.date:
    """Return the last day of the period of `kind` that starts on `start`."""
    if kind == PeriodKind.MONTH:
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    return start


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Return the first days of every month from `first`'s to `last`'s, inclusive."""
    months = []
    month = first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months
