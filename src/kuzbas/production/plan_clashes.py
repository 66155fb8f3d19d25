"""Plans that overlap: a unit has one target for a product on any day.

A plan for a month and one for a day of that month (or two plans of one month) would say two
things about the same days, so a plan whose period meets another plan's for the same unit and
product is refused, naming the plan it meets. The service (`services.set_plan`) and the import
(`imports.rows`, plans) both ask here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _

from kuzbas.core.errors import Problem
from kuzbas.production.models.statistics import Plan


def clashing_plan(
    unit_id: int, product_id: int, start: dt.date, end: dt.date, *, exclude: int | None = None
) -> Plan | None:
    """Return a plan on record for the unit and product whose period meets start..end."""
    found = Plan.objects.select_related("unit", "product").filter(
        unit_id=unit_id, product_id=product_id, period_start__lte=end, period_end__gte=start
    )
    if exclude is not None:
        found = found.exclude(pk=exclude)
    return found.order_by("period_start").first()


def describe(plan: Plan) -> str:
    """Name a plan as a clash is told: its unit, product, period and target."""
    return _("the %(k)s plan of %(u)s for %(p)s, %(s)s to %(e)s (target %(t)s %(m)s)") % {
        "k": plan.get_period_kind_display(),
        "u": plan.unit.name,
        "p": plan.product.name,
        "s": plan.period_start,
        "e": plan.period_end,
        "t": f"{plan.target_entered.normalize():f}",
        "m": plan.unit_entered,
    }


def file_clashes(rows: Iterable[tuple], lines: dict[tuple, int]) -> list[Problem]:
    """Name each plan row of a file that meets another row of the file or a plan on record.

    A row with the same key as a plan on record replaces that plan, so the two do not clash.
    `lines` gives each row's line by its key.
    """
    problems: list[Problem] = []
    by_pair: dict[tuple[int, int], list[tuple]] = {}
    for row in rows:
        by_pair.setdefault((row.unit_id, row.product_id), []).append(row)
    for (unit_id, product_id), group in by_pair.items():
        on_record = list(
            Plan.objects.select_related("unit", "product").filter(
                unit_id=unit_id,
                product_id=product_id,
                period_start__lte=max(r.period_end for r in group),
                period_end__gte=min(r.period_start for r in group),
            )
        )
        keys = {_key(r) for r in group}
        group.sort(key=lambda r: (r.period_start, r.period_end))
        latest = None  # the earlier row of the file that ends last
        for row in group:
            line = lines[_key(row)]
            if latest is not None and latest.period_end >= row.period_start:
                problems.append(
                    Problem(
                        _("meets the plan on line %(n)s") % {"n": lines[_key(latest)]},
                        field="period_start",
                        line=line,
                    )
                )
            if latest is None or row.period_end > latest.period_end:
                latest = row
            for plan in on_record:
                stored = (unit_id, product_id, plan.period_start, plan.period_kind)
                if stored in keys:
                    continue  # replaced by a row of the file
                if plan.period_start <= row.period_end and plan.period_end >= row.period_start:
                    problems.append(
                        Problem(
                            _("meets %(p)s") % {"p": describe(plan)},
                            field="period_start",
                            line=line,
                        )
                    )
                    break
    return sorted(problems, key=lambda p: p.line or 0)


def _key(row) -> tuple:
    return (row.unit_id, row.product_id, row.period_start, row.period_kind)
