"""Reads of the production statistics: monthly series and KPIs from the pre-aggregated totals.

Pages cost a fixed number of queries whatever the number of raw output rows: the series come
from `MonthlyOutput` and the (small) headcount snapshots, never from `OutputRecord`; the
colony's series and the units' totals come from what the writes keep beside the monthly totals
(`ColonyMonthlyOutput`, `UnitOutputTotal`): a few hundred rows read, not thousands summed.

What is computed from the statistics is also kept, in each process, under the statistics'
version (`aggregates.version`), which every write raises in its own transaction: a kept value
is used only while the version it was computed under is still the current one, so it is never
older than the data. Figures made from a series (plots, KPIs) are kept with the series
(`kept`). An import keeps what the dashboard's first request needs in the database too
(`keep_for_the_first_view`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from kuzbas.members.models import Employment
from kuzbas.production import aggregates, kpis
from kuzbas.production.kept import MonthFigures, Series, kept_under_version, memo
from kuzbas.production.models.catalogue import Product, TransferAct, Unit
from kuzbas.production.models.statistics import HeadcountSnapshot, StaffCategory
from kuzbas.production.models.totals import (
    ColonyMonthlyOutput,
    MonthlyOutput,
    StatisticsVersion,
    UnitOutputTotal,
)
from kuzbas.production.periods import months_between, period_end
from kuzbas.record.models import Citation, Evidence
from kuzbas.record.selectors import citations_prefetch


def units() -> QuerySet[Unit]:
    return Unit.objects.select_related("site", "transfer_act").prefetch_related(
        citations_prefetch()
    )


def unit_detail(key: str) -> Unit:
    return units().get(key=key)


def transfer_acts() -> QuerySet[TransferAct]:
    return TransferAct.objects.prefetch_related(
        citations_prefetch(), Prefetch("units", queryset=Unit.objects.order_by("name"))
    )


def products() -> list[Product]:
    return list(Product.objects.order_by("name"))


def monthly_series(*, unit: Unit | None = None) -> Series:
    """Return month by month output, plan and staff, for one unit or the whole colony."""
    return kept_under_version(("series", unit.pk if unit else None), lambda: _monthly_series(unit))


def _monthly_series(unit: Unit | None) -> tuple[Series, bool]:
    if unit is None:
        rows = ColonyMonthlyOutput.objects.order_by("month").values_list(
            "month", "product__key", "output", "plan", "illustrative"
        )
    else:
        rows = (
            (r["month"], r["product__key"], r["total"], r["planned"], r["ill"] or r["ill_plan"])
            for r in MonthlyOutput.objects.filter(unit=unit)
            .values("month", "product__key")
            .annotate(
                total=Sum("output"),
                planned=Sum("plan"),
                ill=Sum("illustrative_records"),
                ill_plan=Count("id", filter=Q(illustrative_plan=True)),
            )
            .order_by("month")
        )
    months: dict[dt.date, MonthFigures] = {}
    for month, product_key, output, plan, illustrative in rows:
        fig = months.setdefault(month, MonthFigures(month=month))
        fig.output[product_key] = output or Decimal(0)
        if plan is not None:
            fig.plan[product_key] = plan
        fig.output_illustrative |= bool(illustrative)
    snapshots = _snapshots(unit)
    # The registry's employment is written by another app, which does not raise the version.
    keep = True
    if not snapshots and unit is None:
        snapshots = _snapshots_from_registry(months)
        keep = not snapshots
    if snapshots:
        first = min(min(months, default=snapshots[0][0]), snapshots[0][0].replace(day=1))
        last = max(max(months, default=snapshots[-1][0]), snapshots[-1][0].replace(day=1))
        for month in months_between(first, last):
            months.setdefault(month, MonthFigures(month=month))
    _carry_staff_forward(months, snapshots)
    return Series(months[m] for m in sorted(months)), keep


def _snapshots(unit: Unit | None) -> list[tuple[dt.date, str, int, bool]]:
    qs = HeadcountSnapshot.objects.filter(unit=unit) if unit else HeadcountSnapshot.objects
    if unit is None:
        qs = qs.filter(unit__isnull=True)
    illustrative = Exists(
        Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(HeadcountSnapshot),
            object_id=OuterRef("pk"),
            status=Evidence.ILLUSTRATIVE,
        )
    )
    return list(
        qs.annotate(illustrative=illustrative)
        .order_by("on", "category")
        .values_list("on", "category", "count", "illustrative")
    )


def _snapshots_from_registry(months: dict) -> list[tuple[dt.date, str, int, bool]]:
    """Count the registry's employment intervals at each month's end, where no totals exist.

    The historical colony is known only by totals (snapshots); a living one keeps everybody's
    employment in `members`, and its headcount follows from those intervals.
    """
    jobs = list(Employment.objects.values_list("person_id", "category", "valid_from", "valid_to"))
    if not jobs or not months:
        return []
    out = []
    for month in months_between(min(months), max(months)):
        end = period_end("month", month)
        people: dict[str, set[int]] = defaultdict(set)
        for person, category, start, stop in jobs:
            if start <= end and (stop is None or stop >= end):
                people[category].add(person)
                people[StaffCategory.ALL].add(person)
        out += [(end, category, len(ids), False) for category, ids in sorted(people.items())]
    return out


def _carry_staff_forward(months: dict[dt.date, MonthFigures], snapshots) -> None:
    """Give each month the latest count of each category on or before its last day."""
    latest: dict[str, tuple[int, bool]] = {}
    i = 0
    for month in sorted(months):
        end = period_end("month", month)
        while i < len(snapshots) and snapshots[i][0] <= end:
            _on, category, count, illustrative = snapshots[i]
            latest[category] = (count, illustrative)
            i += 1
        fig = months[month]
        fig.staff = {c: n for c, (n, _ill) in latest.items()}
        fig.staff_evidence = {c: ill for c, (_n, ill) in latest.items()}


def _period_label(first: dt.date, last: dt.date) -> str:
    if first == last:
        return first.strftime("%Y-%m")
    return f"{first:%Y-%m} – {last:%Y-%m}"


@dataclass(frozen=True)
class PeriodKpis:
    """The KPIs of one period (a run of whole months) for the colony or a unit."""

    first: dt.date
    last: dt.date
    product: str
    output_per_worker: kpis.KpiValue
    output_per_production_worker: kpis.KpiValue
    office_and_guard_share: kpis.KpiValue
    plan_fulfilment: kpis.KpiValue

    @property
    def all(self) -> tuple[kpis.KpiValue, ...]:
        return (
            self.output_per_worker,
            self.output_per_production_worker,
            self.office_and_guard_share,
            self.plan_fulfilment,
        )


def period_kpis(
    series: list[MonthFigures], first: dt.date, last: dt.date, product: Product
) -> PeriodKpis:
    """Compute every KPI over the months from `first` to `last` from a monthly series."""
    key = ("period_kpis", first, last, product.key, product.name, product.unit_of_measure)
    return memo(series, key, lambda: _period_kpis(series, first, last, product))


def _period_kpis(
    series: list[MonthFigures], first: dt.date, last: dt.date, product: Product
) -> PeriodKpis:
    first, last = first.replace(day=1), last.replace(day=1)
    chosen = [m for m in series if first <= m.month <= last]
    label = _period_label(first, last)
    key, uom = product.key, product.unit_of_measure
    out_known = [m for m in chosen if key in m.output]
    output = kpis.Figure(
        _("output of %(p)s") % {"p": product.name},
        sum((Fraction(m.output[key]) for m in out_known), Fraction(0)) if out_known else None,
        uom,
        label,
        any(m.output_illustrative for m in chosen),
    )
    plan_known = [m for m in chosen if key in m.plan]
    planned_output = kpis.Figure(
        _("output of %(p)s in months with a plan") % {"p": product.name},
        sum((Fraction(m.output.get(key, 0)) for m in plan_known), Fraction(0))
        if plan_known
        else None,
        uom,
        label,
        any(m.output_illustrative for m in plan_known),
    )
    target = kpis.Figure(
        _("plan for %(p)s") % {"p": product.name},
        sum((Fraction(m.plan[key]) for m in plan_known), Fraction(0)) if plan_known else None,
        uom,
        label,
        any(m.output_illustrative for m in plan_known),
    )

    def worker_months(label_text: str, *categories: str) -> kpis.Figure:
        counted = [m for m in chosen if all(c in m.staff for c in categories)]
        value = (
            Fraction(sum(m.staff[c] for m in counted for c in categories))
            if counted and len(counted) == len(chosen)
            else None
        )
        illustrative = any(m.staff_evidence.get(c, False) for m in chosen for c in categories)
        return kpis.Figure(label_text, value, _("worker-months"), label, illustrative)

    all_staff = worker_months(_("all staff"), StaffCategory.ALL)
    return PeriodKpis(
        first=first,
        last=last,
        product=key,
        output_per_worker=kpis.output_per_worker(output, all_staff, label),
        output_per_production_worker=kpis.output_per_production_worker(
            output, worker_months(_("production staff"), StaffCategory.PRODUCTION), label
        ),
        office_and_guard_share=kpis.office_and_guard_share(
            worker_months(_("office staff and guards"), StaffCategory.OFFICE, StaffCategory.GUARD),
            all_staff,
            label,
        ),
        plan_fulfilment=kpis.plan_fulfilment(planned_output, target, label),
    )


def monthly_kpi(series: list[MonthFigures], product: Product, name: str) -> dict:
    """Return one KPI for every month of a series, keyed by month."""
    by_month = memo(
        series,
        ("monthly_kpis", product.key, product.name, product.unit_of_measure),
        lambda: {m.month: _period_kpis([m], m.month, m.month, product) for m in series},
    )
    return {month: getattr(figures, name) for month, figures in by_month.items()}


@dataclass(frozen=True)
class UnitLine:
    unit: Unit
    output: dict[str, Decimal]
    illustrative: bool
    staff: int | None


def unit_lines() -> list[UnitLine]:
    """Return every unit with its total output by product and its latest headcount."""
    # The dashboard's table shows no unit's sources: no citations prefetched.
    all_units = list(Unit.objects.select_related("site"))
    totals, illustrative, latest = kept_under_version(("unit_lines",), _unit_totals)
    return [
        UnitLine(u, totals.get(u.pk, {}), illustrative.get(u.pk, False), latest.get(u.pk))
        for u in all_units
    ]


def _unit_totals() -> tuple[tuple[dict, dict, dict], bool]:
    totals: dict[int, dict[str, Decimal]] = defaultdict(dict)
    illustrative: dict[int, bool] = defaultdict(bool)
    for unit_id, product_key, output, ill in UnitOutputTotal.objects.values_list(
        "unit_id", "product__key", "output", "illustrative"
    ):
        totals[unit_id][product_key] = output
        illustrative[unit_id] |= bool(ill)
    latest: dict[int, int] = {}
    for unit_id, count in (
        HeadcountSnapshot.objects.filter(unit__isnull=False, category=StaffCategory.ALL)
        .order_by("unit_id", "on")
        .values_list("unit_id", "count")
    ):
        latest[unit_id] = count
    return (dict(totals), dict(illustrative), latest), True


# --- What the first request after an import needs, kept in the import's transaction ---------


def keep_for_the_first_view() -> None:
    """Compute the colony's monthly series and the units' totals, and keep them on the
    statistics' version row under its current number; call in the write's transaction.

    Every process's first dashboard after the write then reads them in one query instead of
    computing them (`_kept`); another write raises the number, and they are not used again.
    """
    series, keep = _monthly_series(None)
    (totals, illustrative, latest), _keep = _unit_totals()
    if not keep:  # headcount from the registry's employment, which the version does not follow
        return
    kept = {
        "series": [
            [
                m.month.isoformat(),
                {k: str(v) for k, v in m.output.items()},
                {k: str(v) for k, v in m.plan.items()},
                m.output_illustrative,
                m.staff,
                m.staff_evidence,
            ]
            for m in series
        ],
        "unit_totals": [
            {str(u): {k: str(v) for k, v in by.items()} for u, by in totals.items()},
            {str(u): ill for u, ill in illustrative.items()},
            {str(u): count for u, count in latest.items()},
        ],
    }
    StatisticsVersion.objects.filter(key=aggregates.VERSION_KEY).update(
        kept=kept, kept_number=F("number")
    )
