"""Decision impact: a KPI month by month around a decision of the register, before and after."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kuzbas.production import charts, figures, kpis, selectors
from kuzbas.production.models import DecisionLink, Product, Unit

WINDOW = 3  # months compared on either side of the decision


@dataclass(frozen=True)
class Impact:
    link: DecisionLink
    decision: object | None  # governance.Decision, or None if the entry is missing
    plot: figures.Plot
    before: kpis.KpiValue
    after: kpis.KpiValue

    @property
    def change(self) -> kpis.Change:
        return kpis.change(self.before, self.after)


def _shift(month: dt.date, months: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def impacts(
    unit: Unit | None, series: list[selectors.MonthFigures], product: Product
) -> list[Impact]:
    """Return each decision linked to the unit (or colony) with its KPI before and after."""
    from kuzbas.governance.models import Decision

    links = list(DecisionLink.objects.filter(unit=unit))
    decisions = {
        d.sequence: d
        for d in Decision.objects.filter(
            sequence__in=[link.decision_sequence for link in links]
        ).select_related("motion")
    }
    out = []
    for link in links:
        decision = decisions.get(link.decision_sequence)
        monthly = selectors.monthly_kpi(series, product, link.kpi)
        definition = kpis.DEFINITIONS[link.kpi]
        table = figures.Table([str(definition.label)])
        points = []
        for month, value in monthly.items():
            shown = value.percent(1) if definition.unit == "%" else value.rounded(3)
            if shown is None:
                continue
            table.add(month, [shown], value.illustrative)
            points.append(
                charts.Point(
                    month.isoformat(), str(definition.label), float(shown), value.illustrative
                )
            )
        title = _("%(kpi)s around decision No. %(n)s") % {
            "kpi": definition.label,
            "n": link.decision_sequence,
        }
        spec = charts.line_chart(points, title=title, y_title=str(definition.unit))
        decided = decision.decided_on if decision else None
        if decided:
            spec = charts.decision_rule(
                spec,
                day=decided.isoformat(),
                label=_("decision No. %(n)s") % {"n": decision.sequence},
            )
            month = decided.replace(day=1)
            before = selectors.period_kpis(
                series, _shift(month, -WINDOW), _shift(month, -1), product
            )
            after = selectors.period_kpis(series, _shift(month, 1), _shift(month, WINDOW), product)
        else:
            empty = selectors.period_kpis([], dt.date(1, 1, 1), dt.date(1, 1, 1), product)
            before = after = empty
        plot = figures.Plot(f"impact-{link.pk}", title, spec, table)
        out.append(
            Impact(link, decision, plot, getattr(before, link.kpi), getattr(after, link.kpi))
        )
    return out
