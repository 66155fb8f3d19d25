"""Reads more than one page needs, each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from kuzbas.recruitment.models import Application, Call
from kuzbas.recruitment.models.applications import ApplicationState
from kuzbas.recruitment.models.calls import CallStatus


def open_calls(today: dt.date):
    """Return the calls taking applications today, with their bureau and trades."""
    return (
        Call.objects.filter(status=CallStatus.OPEN, opens__lte=today)
        .filter(Q(closes__isnull=True) | Q(closes__gte=today))
        .select_related("bureau")
        .prefetch_related("trades")
        .order_by("closes", "key")
    )


def state_counts() -> list[tuple[str, str, int]]:
    """Return how many applications are in each state: (state, its name, count)."""
    counted = dict(
        Application.objects.values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )
    return [(s.value, s.label, counted.get(s.value, 0)) for s in ApplicationState]
