"""The colony's key figures, each defined once with an explicit numerator and denominator.

A KPI value carries its inputs (`Figure`s with their period, unit and evidence), so every
value a page shows can be opened to see what it was computed from. Arithmetic is exact
(`Fraction`); rounding happens only when a value is shown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Definition:
    key: str
    label: str
    numerator: str
    denominator: str
    unit: str


OUTPUT_PER_WORKER = Definition(
    "output_per_worker",
    _("Output per worker"),
    _("output of the product in the period"),
    _("worker-months of all staff in the period (each month's headcount, summed)"),
    _("per worker-month"),
)
OUTPUT_PER_PRODUCTION_WORKER = Definition(
    "output_per_production_worker",
    _("Output per production worker"),
    _("output of the product in the period"),
    _("worker-months of production staff in the period"),
    _("per worker-month"),
)
OFFICE_AND_GUARD_SHARE = Definition(
    "office_and_guard_share",
    _("Share of office and guard staff"),
    _("office staff and guards (worker-months)"),
    _("all staff (worker-months)"),
    "%",
)
PLAN_FULFILMENT = Definition(
    "plan_fulfilment",
    _("Plan fulfilment"),
    _("output in the period"),
    _("planned output for the same units, product and period"),
    "%",
)
CHANGE = Definition(
    "change",
    _("Change between two periods"),
    _("the value in the later period"),
    _("the value in the earlier period"),
    _("ratio"),
)

# The KPIs that have a value every month (a change is between two of these).
MONTHLY_KPIS = (
    "output_per_worker",
    "output_per_production_worker",
    "office_and_guard_share",
    "plan_fulfilment",
)

DEFINITIONS = {
    d.key: d
    for d in (
        OUTPUT_PER_WORKER,
        OUTPUT_PER_PRODUCTION_WORKER,
        OFFICE_AND_GUARD_SHARE,
        PLAN_FULFILMENT,
        CHANGE,
    )
}


@dataclass(frozen=True)
class Figure:
    """One input: what it counts, over which period, its value and whether it is illustrative."""

    label: str
    value: Fraction | None
    unit: str
    period: str
    illustrative: bool = False

    @property
    def known(self) -> bool:
        return self.value is not None

    @property
    def shown(self) -> Decimal | None:
        """Return the value for display: whole numbers as they are, others to three places."""
        if self.value is None:
            return None
        if self.value.denominator == 1:
            return Decimal(self.value.numerator)
        return shown(self.value, 3)


@dataclass(frozen=True)
class KpiValue:
    """A KPI over a period: numerator ÷ denominator, with both kept for inspection."""

    definition: Definition
    numerator: Figure
    denominator: Figure
    period: str

    @property
    def value(self) -> Fraction | None:
        if self.numerator.value is None or not self.denominator.value:
            return None
        return self.numerator.value / self.denominator.value

    @property
    def illustrative(self) -> bool:
        return self.numerator.illustrative or self.denominator.illustrative

    @property
    def inputs(self) -> tuple[Figure, Figure]:
        return (self.numerator, self.denominator)

    def rounded(self, places: int = 3) -> Decimal | None:
        return shown(self.value, places)

    def percent(self, places: int = 1) -> Decimal | None:
        return shown(self.value * 100 if self.value is not None else None, places)


@dataclass(frozen=True)
class Change:
    """How a value moved between two periods: later ÷ earlier, and the same as a percent."""

    before: KpiValue
    after: KpiValue

    @property
    def ratio(self) -> Fraction | None:
        if self.before.value is None or self.after.value is None or not self.before.value:
            return None
        return self.after.value / self.before.value

    @property
    def percent(self) -> Fraction | None:
        """Return the change in percent: +200 when the value tripled."""
        return (self.ratio - 1) * 100 if self.ratio is not None else None

    @property
    def illustrative(self) -> bool:
        return self.before.illustrative or self.after.illustrative


def shown(value: Fraction | None, places: int) -> Decimal | None:
    """Round an exact value for display, half-even."""
    if value is None:
        return None
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def output_per_worker(output: Figure, staff: Figure, period: str) -> KpiValue:
    """Output per worker-month of all staff."""
    return KpiValue(OUTPUT_PER_WORKER, output, staff, period)


def output_per_production_worker(output: Figure, production_staff: Figure, period: str) -> KpiValue:
    """Output per worker-month of production staff only."""
    return KpiValue(OUTPUT_PER_PRODUCTION_WORKER, output, production_staff, period)


def office_and_guard_share(office_and_guards: Figure, staff: Figure, period: str) -> KpiValue:
    """The share of office staff and guards in all staff."""
    return KpiValue(OFFICE_AND_GUARD_SHARE, office_and_guards, staff, period)


def plan_fulfilment(actual: Figure, target: Figure, period: str) -> KpiValue:
    """Output as a share of the plan."""
    return KpiValue(PLAN_FULFILMENT, actual, target, period)


def change(before: KpiValue, after: KpiValue) -> Change:
    """Compare a KPI in two periods."""
    return Change(before=before, after=after)


def month_on_month(series: dict, month) -> Change | None:
    """Compare a month's KPI with the month before, where both are in the series."""
    previous = (month.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    if month not in series or previous not in series:
        return None
    return change(series[previous], series[month])


def year_on_year(series: dict, month) -> Change | None:
    """Compare a month's KPI with the same month a year before."""
    previous = month.replace(year=month.year - 1)
    if month not in series or previous not in series:
        return None
    return change(series[previous], series[month])
