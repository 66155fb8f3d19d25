"""The illustrative monthly series between the documented production figures.

Deterministic (no randomness, no clock): the same settings give the same rows. The series are
built to reproduce every documented figure exactly — 2,307 and 2,041 workers, coal per person
in March–April 1923 three times October 1922's, seven mines and three plants with 6,100
workers in January 1925 — and every row they produce is labelled illustrative.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

NOTE = "Illustrative: generated between the documented figures (kuzbas/demo/production_series.py)."
# A fixed wobble, in percent, so the series do not look ruled; it repeats every year.
WOBBLE = (0, 3, -2, 4, -3, 1, -1, 2, -4, 3, 0, -2)
PLAN_MISS = (2, -3, 5, 1, -6, 4, 0, 3, -2, 6, -1, 2)
# How the colony's staff and coal split between units (relative weights), by unit key.
WEIGHTS = {
    "kemerovo-mine-1": 3,
    "kemerovo-mine-2": 3,
    "kemerovo-mine-3": 2,
    "kemerovo-chemical-plant": 2,
    "leninsk-mine-1": 3,
    "leninsk-mine-2": 3,
    "prokopevsk-mine-1": 3,
    "prokopevsk-mine-2": 2,
    "gurevsk-plant-1": 2,
    "gurevsk-plant-2": 2,
}
# Staff by category in the two documented months (the totals are documented, the split is not).
CATEGORIES_1922_10 = {"technical": 150, "office": 280, "guard": 120, "other": 57}
CATEGORIES_1923_04 = {"technical": 150, "office": 110, "guard": 40, "other": 21}


@dataclass(frozen=True)
class UnitLife:
    key: str
    kind: str
    first: dt.date  # the first month the unit is the colony's


def months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, month = [], first.replace(day=1)
    while month <= last:
        out.append(month)
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return out


def month_index(month: dt.date) -> int:
    return month.year * 12 + month.month - 1


def _round(value: Fraction | Decimal) -> int:
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


def interpolate(anchors: list[tuple[dt.date, int]], month: dt.date) -> int:
    """Return the value at `month` on straight lines between anchors, rounded half-even."""
    for (m0, v0), (m1, v1) in itertools.pairwise(anchors):
        if m0 <= month <= m1:
            span = month_index(m1) - month_index(m0)
            if span == 0:
                return v0
            step = Fraction(month_index(month) - month_index(m0), span)
            return _round(v0 + (v1 - v0) * step)
    raise ValueError(f"{month} is outside the anchors")


def apportion(total: int, weights: dict[str, int]) -> dict[str, int]:
    """Split a whole number by weights into whole parts that add up exactly (largest remainder)."""
    whole = sum(weights.values())
    shares = {k: Fraction(total * w, whole) for k, w in weights.items()}
    parts = {k: int(s) for k, s in shares.items()}
    left = total - sum(parts.values())
    for k in sorted(shares, key=lambda k: (-(shares[k] - parts[k]), k))[:left]:
        parts[k] += 1
    return parts


class Series:
    """The generated months, from the settings in production.toml."""

    def __init__(self, settings: dict, units: Iterable[UnitLife]) -> None:
        self.s = settings
        self.units = list(units)
        first = dt.date.fromisoformat(settings["first_month"] + "-01")
        last = dt.date.fromisoformat(settings["last_month"] + "-01")
        self.months = months(first, last)
        d = dt.date
        self.workforce_anchors = [
            (d(1922, 10, 1), 2307),
            (d(1923, 3, 1), 2041),
            (d(1923, 4, 1), 2041),
            (d(1924, 8, 1), settings["workforce_1924_08"]),
            (d(1924, 9, 1), settings["workforce_1924_09"]),
            (d(1925, 1, 1), 6100),
            (last, settings["workforce_1926_12"]),
        ]

    def active(self, month: dt.date, kind: str | None = None) -> list[UnitLife]:
        return [u for u in self.units if u.first <= month and (kind is None or u.kind == kind)]

    def workforce(self, month: dt.date) -> int:
        return interpolate(self.workforce_anchors, month)

    def categories(self, month: dt.date) -> dict[str, int]:
        """Staff by category: the documented total, split illustratively."""
        total = self.workforce(month)
        d = dt.date
        if month <= d(1923, 4, 1):
            parts = {
                c: interpolate(
                    [
                        (d(1922, 10, 1), CATEGORIES_1922_10[c]),
                        (d(1923, 3, 1), CATEGORIES_1923_04[c]),
                        (d(1923, 4, 1), CATEGORIES_1923_04[c]),
                    ],
                    month,
                )
                for c in CATEGORIES_1922_10
            }
        else:
            spring = sum(CATEGORIES_1923_04.values()) + 1720
            parts = {c: _round(Fraction(total * n, spring)) for c, n in CATEGORIES_1923_04.items()}
        parts["production"] = total - sum(parts.values())
        return {"all": total, **parts}

    def coal(self, month: dt.date) -> tuple[int, str]:
        """Return the colony's coal in the month and the unit it is entered in."""
        d = dt.date
        staff = self.workforce(month)
        wobble = WOBBLE[month.month - 1]
        per_worker_oct = self.s["coal_pood_per_worker_1922_10"]
        if month <= d(1923, 4, 1):
            if month == d(1923, 3, 1):
                per = 3 * per_worker_oct - 10
            elif month == d(1923, 4, 1):
                per = 3 * per_worker_oct + 10
            else:
                per = interpolate(
                    [(d(1922, 10, 1), per_worker_oct), (d(1923, 3, 1), 3 * per_worker_oct)], month
                )
            return per * staff, "pood"
        if month < d(1924, 1, 1):
            return (3 * per_worker_oct + wobble * 4) * staff, "pood"
        per_t = Decimal(self.s["coal_tonnes_per_worker_1924"]) * (100 + wobble) / 100
        return _round(per_t * staff), "tonne"

    def coke(self, month: dt.date, first: dt.date) -> int:
        start = self.s["coke_tonnes_first_month"]
        base = interpolate(
            [(first, start), (self.months[-1], self.s["coke_tonnes_1926_12"])], month
        )
        return base * (100 + WOBBLE[(month.month + 5) % 12]) // 100

    # --- rows, as the import path reads them ------------------------------------------------

    def headcount_rows(self, documented: set[tuple[str, str, str]]) -> list[dict]:
        rows = []
        for month in self.months:
            on = month.isoformat()
            categories = self.categories(month)
            for category, count in categories.items():
                if ("", on, category) not in documented:
                    rows.append(_headcount("", on, category, count))
            weights = {u.key: WEIGHTS[u.key] for u in self.active(month)}
            for key, n in apportion(categories["all"], weights).items():
                rows.append(_headcount(key, on, "all", n))
            for key, n in apportion(categories["production"], weights).items():
                rows.append(_headcount(key, on, "production", n))
        return rows

    def output_rows(self) -> list[dict]:
        rows = []
        coke_units = [u for u in self.units if u.key == "kemerovo-chemical-plant"]
        for month in self.months:
            amount, uom = self.coal(month)
            weights = {u.key: WEIGHTS[u.key] for u in self.active(month, "mine")}
            for key, n in apportion(amount, weights).items():
                rows.append(_output(key, "coal", month, n, uom))
            for unit in coke_units:
                if unit.first <= month:
                    rows.append(
                        _output(unit.key, "coke", month, self.coke(month, unit.first), "tonne")
                    )
        return rows

    def plan_rows(self, output_rows: list[dict]) -> list[dict]:
        """Plans from 1924, set so that fulfilment wobbles around a hundred percent."""
        rows = []
        for row in output_rows:
            month = dt.date.fromisoformat(row["period_start"])
            if month.year < 1924:
                continue
            miss = PLAN_MISS[(month.month + len(row["unit"])) % 12]
            target = _round(Fraction(int(row["quantity"]) * 100, 100 + miss))
            rows.append(
                {
                    "unit": row["unit"],
                    "product": row["product"],
                    "period_kind": "month",
                    "period_start": row["period_start"],
                    "target": str(target),
                    "unit_of_measure": row["unit_of_measure"],
                    "evidence": "illustrative",
                    "note": NOTE,
                }
            )
        return rows


def _headcount(unit: str, on: str, category: str, count: int) -> dict:
    return {
        "unit": unit,
        "on": on,
        "category": category,
        "count": str(count),
        "evidence": "illustrative",
        "note": NOTE,
    }


def _output(unit: str, product: str, month: dt.date, quantity: int, uom: str) -> dict:
    return {
        "unit": unit,
        "product": product,
        "period_kind": "month",
        "period_start": month.isoformat(),
        "quantity": str(quantity),
        "unit_of_measure": uom,
        "evidence": "illustrative",
        "note": NOTE,
    }
