"""The colony's present day.

A live colony lives in today's date; the historical demo lives in October 1922. Rights,
membership and headcount pages ask this module for "today" instead of the system clock.

The demo lets a visitor read the colony as it was on another day (1921–1927): the web layer
sets that day for one request (`reading_as_of`), and only for a page that is read, never for
a write or the API (`kuzbas/web/demo_date.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.utils import timezone

_read_as_of: ContextVar[dt.date | None] = ContextVar("kuzbas_read_as_of", default=None)


def colony_today() -> dt.date:
    """Return the date the colony is living on: a reader's chosen day in the demo, else
    KUZBAS_TODAY, else the real date."""
    chosen = _read_as_of.get()
    if chosen is not None:
        return chosen
    fixed = getattr(settings, "KUZBAS_TODAY", None)
    return fixed if fixed is not None else timezone.localdate()


@contextmanager
def reading_as_of(day: dt.date | None) -> Iterator[None]:
    """Let `colony_today()` answer `day` inside the block (None: leave it as it is)."""
    token = _read_as_of.set(day) if day is not None else None
    try:
        yield
    finally:
        if token is not None:
            _read_as_of.reset(token)
