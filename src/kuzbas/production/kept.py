"""What is computed from the production statistics, kept under the statistics' version.

A page keeps what it computes (a monthly series, the figures made from it) in its process under
the version (`aggregates.version`) that every write raises in its own transaction: a kept value
is used only while that version is the current one. What the dashboard's first request after an
import needs is also kept in the database, by the import (`selectors.keep_for_the_first_view`),
so that no process computes it again (`_stored_for_the_first_view`).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.utils.translation import get_language

from kuzbas.production import aggregates
from kuzbas.production.models.totals import StatisticsVersion

FIRST_VIEW = {("series", None): "series", ("unit_lines",): "unit_totals"}


@dataclass
class MonthFigures:
    """Everything known about one month, for the colony or for one unit."""

    month: dt.date
    output: dict[str, Decimal] = field(default_factory=dict)
    plan: dict[str, Decimal] = field(default_factory=dict)
    output_illustrative: bool = False
    staff: dict[str, int] = field(default_factory=dict)
    # Per category: whether the count carried into this month is illustrative.
    staff_evidence: dict[str, bool] = field(default_factory=dict)

    @property
    def staff_illustrative(self) -> bool:
        return any(self.staff_evidence.values())

    @property
    def illustrative(self) -> bool:
        return self.output_illustrative or self.staff_illustrative


class Series(list):
    """Month figures in order, with what has been computed from them (`memo`)."""

    def __init__(self, months=()) -> None:
        super().__init__(months)
        self.memo: dict[tuple, object] = {}


_KEPT: OrderedDict[tuple, object] = OrderedDict()
_KEPT_LOCK = threading.Lock()
KEEP = 32


def kept_under_version(key: tuple, compute: Callable[[], tuple[object, bool]]):
    """Return what `compute` returns, kept under the statistics' current version.

    `compute` returns (value, whether it may be kept). Nothing is kept inside a transaction:
    what it sees may yet be rolled back, and its version number then reused.
    """
    current = None if connection.in_atomic_block else aggregates.version()
    if current is None:
        return compute()[0]
    full = (current, *key)
    with _KEPT_LOCK:
        if full in _KEPT:
            _KEPT.move_to_end(full)
            return _KEPT[full]
    stored = _stored_for_the_first_view(current, key)
    value, keep = (stored, True) if stored is not None else compute()
    if keep:
        with _KEPT_LOCK:
            _KEPT[full] = value
            while len(_KEPT) > KEEP:
                _KEPT.popitem(last=False)
    return value


def memo(series: list, key: tuple, compute: Callable[[], object]):
    """Return `compute()`, kept with the series (and so under its version) when it is one."""
    store = getattr(series, "memo", None)
    if store is None:
        return compute()
    full = (*key, get_language())
    if full not in store:
        store[full] = compute()
    return store[full]


def _stored_for_the_first_view(current: str, key: tuple):
    """Return what `keep_for_the_first_view` kept for `key` under version `current`, or None."""
    name = FIRST_VIEW.get(key)
    if name is None:
        return None
    generation, _colon, number = current.partition(":")
    found = StatisticsVersion.objects.filter(
        key=aggregates.VERSION_KEY, generation=generation, number=int(number), kept_number=number
    ).values_list(f"kept__{name}", flat=True)
    for value in found:
        return None if value is None else _decode(name, value)
    return None


def _decode(name: str, value: list):
    if name == "unit_totals":
        totals, illustrative, latest = value
        return (
            {int(u): {k: Decimal(v) for k, v in by.items()} for u, by in totals.items()},
            {int(u): ill for u, ill in illustrative.items()},
            {int(u): count for u, count in latest.items()},
        )
    return Series(
        MonthFigures(
            month=dt.date.fromisoformat(month),
            output={k: Decimal(v) for k, v in output.items()},
            plan={k: Decimal(v) for k, v in plan.items()},
            output_illustrative=ill,
            staff=staff,
            staff_evidence=evidence,
        )
        for month, output, plan, ill, staff, evidence in value
    )
