"""The monthly production report: a month's figures for the colony and its units, as a PDF.

Every figure states its evidence: illustrative (generated between documented figures, not
from a source), documented (with the number of its source in the list that ends the report),
or recorded without a source cited. Charts are the pages' Vega-Lite charts as PNG images.
`kuzbas.production.report_pdf` lays the report out as a PDF.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from django.utils import timezone
from django.utils.translation import gettext as _

from kuzbas.core import formats
from kuzbas.production import charts, figures, kpis, selectors
from kuzbas.production.aggregates import next_month
from kuzbas.production.evidence import (
    NO_BASIS,
    PLOT_INPUTS,
    Basis,
    Sources,
    documented,
    plot_sources,
)
from kuzbas.production.models.catalogue import Product, Unit
from kuzbas.production.models.statistics import HeadcountSnapshot, OutputRecord, Plan, StaffCategory
from kuzbas.production.models.totals import MonthlyOutput
from kuzbas.production.periods import period_end
from kuzbas.record.models import Citation

CHART_MONTHS = 12  # the charts show the year up to the report's month
STAFF_ORDER = [c.value for c in StaffCategory]


# --- the report ----------------------------------------------------------------------------


@dataclass(frozen=True)
class OutputLine:
    product: Product
    output: Decimal | None
    plan: Decimal | None
    output_basis: Basis
    plan_basis: Basis

    @property
    def fulfilment(self) -> Decimal | None:
        """Output as a percentage of plan, to one place."""
        if not self.plan:
            return None
        return kpis.shown(Fraction(self.output or 0) * 100 / Fraction(self.plan), 1)


@dataclass(frozen=True)
class StaffLine:
    category: str
    label: str
    count: int
    basis: Basis


@dataclass(frozen=True)
class KpiLine:
    kpi: kpis.KpiValue
    basis: Basis

    @property
    def shown(self) -> str:
        if self.kpi.value is None:
            return "—"
        if self.kpi.definition.unit == "%":
            return formats.percent(self.kpi.percent(1))
        # "per worker-month" says per what, the numerator's unit says of what.
        amount = formats.quantity(self.kpi.rounded(3))
        return f"{amount} {self.kpi.numerator.unit} {self.kpi.definition.unit}"


@dataclass
class Scope:
    """The figures of the colony or of one unit in the month."""

    name: str
    unit: Unit | None
    output: list[OutputLine] = field(default_factory=list)
    staff: list[StaffLine] = field(default_factory=list)
    kpis: list[KpiLine] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.output or self.staff)

    @property
    def illustrative(self) -> bool:
        bases = [line.output_basis for line in self.output]
        bases += [line.plan_basis for line in self.output]
        bases += [line.basis for line in self.staff] + [line.basis for line in self.kpis]
        return any(b.illustrative for b in bases)


@dataclass(frozen=True)
class Chart:
    title: str
    png: bytes
    caption: str


@dataclass
class MonthlyReport:
    month: dt.date
    unit: Unit | None
    product: Product | None
    generated_at: dt.datetime
    main: Scope
    units: list[Scope]
    charts: list[Chart]
    sources: list[str]

    @property
    def title(self) -> str:
        text = _("Monthly production report, %(m)s") % {"m": formats.month(self.month)}
        return f"{text}: {self.unit.name}" if self.unit else text

    @property
    def illustrative(self) -> bool:
        return self.main.illustrative or any(s.illustrative for s in self.units)

    @property
    def quiet_units(self) -> list[str]:
        """Units with no figures for the month, named in one line instead of a section each."""
        return [s.name for s in self.units if s.empty]


class _Month:
    """The month's raw facts for every unit at once, with documented citations resolved."""

    def __init__(self, month: dt.date, unit: Unit | None, sources: Sources) -> None:
        self.month, self.end = month, period_end("month", month)
        scope = {"unit": unit} if unit else {}
        window = {"period_start__gte": month, "period_start__lt": next_month(month), **scope}
        self.rows = list(
            MonthlyOutput.objects.filter(month=month, **scope)
            .select_related("unit", "product")
            .order_by("unit__name", "product__name")
        )
        self.output_sources: dict[tuple[int, int], list[Citation]] = defaultdict(list)
        self.plan_sources: dict[tuple[int, int], list[Citation]] = defaultdict(list)
        for model, target in ((OutputRecord, self.output_sources), (Plan, self.plan_sources)):
            cites = documented(model, model.objects.filter(**window))
            owners = dict(
                model.objects.filter(pk__in={c.object_id for c in cites}).values_list(
                    "pk", "unit_id"
                )
            )
            products = dict(model.objects.filter(pk__in=owners).values_list("pk", "product_id"))
            for c in cites:
                target[(owners[c.object_id], products[c.object_id])].append(c)
        # The snapshot whose count each (unit, category) carries into the month: the latest.
        carried: dict[tuple[int | None, str], int] = {}
        snapshots = HeadcountSnapshot.objects.filter(on__lte=self.end)
        if unit is not None:
            snapshots = snapshots.filter(unit=unit) | snapshots.filter(unit__isnull=True)
        for pk, unit_id, category in snapshots.order_by("on").values_list(
            "pk", "unit_id", "category"
        ):
            carried[(unit_id, category)] = pk
        cites = documented(
            HeadcountSnapshot, HeadcountSnapshot.objects.filter(pk__in=carried.values())
        )
        by_snapshot: dict[int, list[Citation]] = defaultdict(list)
        for c in cites:
            by_snapshot[c.object_id].append(c)
        self.staff_sources = {key: by_snapshot.get(pk, []) for key, pk in carried.items()}
        self.sources = sources

    def output_lines(self, unit: Unit | None) -> list[OutputLine]:
        totals: dict[int, dict] = {}
        for row in self.rows:
            if unit is not None and row.unit_id != unit.pk:
                continue
            t = totals.setdefault(
                row.product_id,
                {
                    "product": row.product,
                    "output": None,
                    "plan": None,
                    "out": NO_BASIS,
                    "plan_b": NO_BASIS,
                },
            )
            if row.records:
                t["output"] = (t["output"] or Decimal(0)) + row.output
                t["out"] |= Basis(
                    row.illustrative_records > 0,
                    self.sources.numbers(self.output_sources[(row.unit_id, row.product_id)]),
                )
            if row.plan is not None:
                t["plan"] = (t["plan"] or Decimal(0)) + row.plan
                t["plan_b"] |= Basis(
                    row.illustrative_plan,
                    self.sources.numbers(self.plan_sources[(row.unit_id, row.product_id)]),
                )
        return [
            OutputLine(t["product"], t["output"], t["plan"], t["out"], t["plan_b"])
            for t in sorted(totals.values(), key=lambda t: t["product"].name)
        ]

    def staff_lines(self, unit: Unit | None, figures_: selectors.MonthFigures) -> list[StaffLine]:
        labels = dict(StaffCategory.choices)
        lines = []
        for category in sorted(figures_.staff, key=STAFF_ORDER.index):
            cites = self.staff_sources.get((unit.pk if unit else None, category), [])
            basis = Basis(figures_.staff_evidence.get(category, False), self.sources.numbers(cites))
            lines.append(
                StaffLine(category, str(labels[category]), figures_.staff[category], basis)
            )
        return lines


def _month_of(series: list[selectors.MonthFigures], month: dt.date) -> selectors.MonthFigures:
    return next((m for m in series if m.month == month), selectors.MonthFigures(month=month))


def _kpi_lines(
    series: list[selectors.MonthFigures],
    month: dt.date,
    output: list[OutputLine],
    staff: list[StaffLine],
    any_product: Product | None,
) -> list[KpiLine]:
    chosen = [_month_of(series, month)]
    staff_basis = {line.category: line.basis for line in staff}

    def staff_of(*categories: str) -> Basis:
        basis = NO_BASIS
        for c in categories:
            basis |= staff_basis.get(c, NO_BASIS)
        return basis

    lines: list[KpiLine] = []
    for line in output:
        period = selectors.period_kpis(chosen, month, month, line.product)
        for kpi, basis in (
            (period.output_per_worker, line.output_basis | staff_of(StaffCategory.ALL)),
            (
                period.output_per_production_worker,
                line.output_basis | staff_of(StaffCategory.PRODUCTION),
            ),
            (period.plan_fulfilment, line.output_basis | line.plan_basis),
        ):
            if kpi.value is not None:
                lines.append(KpiLine(kpi, Basis(kpi.illustrative, basis.sources)))
    # The share of office staff does not depend on the product; any one computes it.
    if staff and any_product is not None:
        kpi = selectors.period_kpis(chosen, month, month, any_product).office_and_guard_share
        if kpi.value is not None:
            basis = staff_of(StaffCategory.OFFICE, StaffCategory.GUARD, StaffCategory.ALL)
            lines.append(KpiLine(kpi, Basis(kpi.illustrative, basis.sources)))
    return lines


def _scope(
    facts: _Month,
    unit: Unit | None,
    series: list[selectors.MonthFigures],
    any_product: Product | None,
) -> Scope:
    month_figures = _month_of(series, facts.month)
    output = facts.output_lines(unit)
    staff = facts.staff_lines(unit, month_figures)
    return Scope(
        name=unit.name if unit else _("The colony"),
        unit=unit,
        output=output,
        staff=staff,
        kpis=_kpi_lines(series, facts.month, output, staff, any_product),
    )


def _shift(month: dt.date, months: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _charts(
    series: list[selectors.MonthFigures],
    month: dt.date,
    unit: Unit | None,
    product: Product | None,
) -> list[Chart]:
    first = _shift(month, -(CHART_MONTHS - 1))
    window = [m for m in series if first <= m.month <= month]
    shown_from = window[0].month if window else first  # the record may start later
    products = selectors.products()
    plots = [figures.output_plot(window, products), figures.headcount_plot(window)]
    if product is not None:
        plots += [
            figures.productivity_plot(window, product),
            figures.plan_plot(window, product),
        ]
    out = []
    if len(window) < 2:
        return out  # a line through one month is a dot, not a chart: the report says so
    for plot in plots:
        if not plot.table.rows:
            continue
        refs = plot_sources(PLOT_INPUTS[plot.key], unit, first, month)
        png = charts.to_png(charts.static_spec(plot.spec, sources=refs))
        caption = _(
            "Hollow diamonds are illustrative values, generated between documented figures; "
            "circles are documented or entered. %(first)s – %(last)s."
        ) % {"first": formats.month(shown_from), "last": formats.month(month)}
        out.append(Chart(plot.title, png, caption))
    return out


def monthly_report(
    month: dt.date, *, unit: Unit | None = None, product: Product | None = None
) -> MonthlyReport:
    """Gather a month's figures: the colony (or one unit) and, for the colony, every unit."""
    month = month.replace(day=1)
    sources = Sources()
    facts = _Month(month, unit, sources)
    series = selectors.monthly_series(unit=unit)
    any_product = product or next(iter(selectors.products()), None)
    main = _scope(facts, unit, series, any_product)
    units = []
    if unit is None:
        # A series per unit: the same reads as the unit pages, so the figures agree with them.
        for each in Unit.objects.order_by("kind", "name"):
            units.append(_scope(facts, each, selectors.monthly_series(unit=each), any_product))
    return MonthlyReport(
        month=month,
        unit=unit,
        product=product,
        generated_at=timezone.now(),
        main=main,
        units=units,
        charts=_charts(series, month, unit, product),
        sources=sources.references,
    )
