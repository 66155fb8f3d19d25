"""The colony's present day.

A live colony lives in today's date; the historical demo lives in October 1922. Rights,
membership and headcount pages ask this module for "today" instead of the system clock.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def colony_today() -> dt.date:
    """Return the date the colony is living on (KUZBAS_TODAY, else the real date)."""
    fixed = getattr(settings, "KUZBAS_TODAY", None)
    return fixed if fixed is not None else timezone.localdate()
