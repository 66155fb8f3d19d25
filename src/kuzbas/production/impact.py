"""Decision impact: a KPI month by month around a decision of the register, before and after.

Also the writes the decision-link form makes: several links at once (all or none) and
unlinking, each checked and audited like every other service.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.rights import Right, require
from kuzbas.production import aggregates, charts, figures, kpis, selectors, services
from kuzbas.production.models.catalogue import Product, Unit
from kuzbas.production.models.decisions import DecisionLink

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
    return [
        impact_of(link, decisions.get(link.decision_sequence), series, product) for link in links
    ]


def impact_of(
    link: DecisionLink,
    decision,
    series: list[selectors.MonthFigures],
    product: Product,
) -> Impact:
    """Return one link's KPI month by month, with the decision's date marked on the plot."""
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
            charts.Point(month.isoformat(), str(definition.label), float(shown), value.illustrative)
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
        before = selectors.period_kpis(series, _shift(month, -WINDOW), _shift(month, -1), product)
        after = selectors.period_kpis(series, _shift(month, 1), _shift(month, WINDOW), product)
    else:
        empty = selectors.period_kpis([], dt.date(1, 1, 1), dt.date(1, 1, 1), product)
        before = after = empty
    plot = figures.Plot(f"impact-{link.pk}", title, spec, table)
    return Impact(link, decision, plot, getattr(before, link.kpi), getattr(after, link.kpi))


def decision_of(sequence: int):
    """Return the register entry with its motion, or None if the register holds no such entry."""
    from kuzbas.governance.models import Decision

    return Decision.objects.filter(sequence=sequence).select_related("motion").first()


def links_with_decisions() -> list[tuple[DecisionLink, object | None, str]]:
    """Return every link with its register entry (None where missing) and its KPI's label."""
    from kuzbas.governance.models import Decision

    links = list(DecisionLink.objects.select_related("unit").order_by("decision_sequence", "pk"))
    decisions = {
        d.sequence: d
        for d in Decision.objects.filter(
            sequence__in={link.decision_sequence for link in links}
        ).select_related("motion")
    }
    return [
        (link, decisions.get(link.decision_sequence), kpis.DEFINITIONS[link.kpi].label)
        for link in links
    ]


@transaction.atomic
def link_decision_to(
    *,
    actor,
    decision_sequence: int,
    units: list[Unit | None],
    kpis: list[str],
    note: str = "",
) -> list[DecisionLink]:
    """Tie a decision to every pair of unit (None: the colony) and KPI: all the links or none."""
    require(actor, Right.PRODUCTION_EDIT)
    return [
        services.link_decision(
            actor=actor, decision_sequence=decision_sequence, kpi=kpi, unit=unit, note=note
        )
        for unit in units
        for kpi in kpis
    ]


@transaction.atomic
def unlink_decision(*, actor, link: DecisionLink) -> None:
    """Remove a decision's link to a unit's KPI; the decision itself stays in the register."""
    require(actor, Right.PRODUCTION_EDIT)
    audit(
        actor=actor,
        action="production.decision.unlink",
        obj=link,
        changes={
            "decision": link.decision_sequence,
            "kpi": link.kpi,
            "unit": link.unit.key if link.unit_id else None,
        },
    )
    link.delete()
    aggregates.bump()  # pages cached under the statistics' version show the links too
