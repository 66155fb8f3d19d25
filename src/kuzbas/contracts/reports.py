"""A report to the counterparty: one contract over one period.

It holds the obligations that fall in the period (due in it, counted over months in it, or
without a due date) with their status; the output counted against each contracted target,
read from production's kept monthly figures (`MonthlyOutput`) month by month; and the money:
the lines dated in the period, and the balances per currency brought forward and at its end.
The page (`views/reports.py`) and the PDF (`report_pdf.py`) show the same `Report`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from kuzbas.contracts import targets
from kuzbas.contracts.balances import Balance, balance_on
from kuzbas.contracts.models.contracts import Contract
from kuzbas.contracts.models.money import MoneyLine
from kuzbas.contracts.models.obligations import Obligation
from kuzbas.core.errors import Invalid, Problem
from kuzbas.production.aggregates import month_of
from kuzbas.production.models.totals import MonthlyOutput


@dataclass(frozen=True)
class MonthOutput:
    month: dt.date
    output: Decimal
    illustrative: bool


@dataclass
class TargetLine:
    """A contracted target and the output counted against it."""

    obligation: Obligation
    months: list[MonthOutput] = field(default_factory=list)  # those inside the report's period

    @property
    def in_period(self) -> Decimal:
        return sum((m.output for m in self.months), Decimal(0))

    @property
    def share(self) -> Decimal | None:
        """The period's output as a fraction of the target, to four places."""
        target = self.obligation.target
        return (self.in_period / target).quantize(Decimal("0.0001")) if target else None

    @property
    def illustrative(self) -> bool:
        return any(m.illustrative for m in self.months)


@dataclass
class Report:
    contract: Contract
    start: dt.date
    end: dt.date
    obligations: list[Obligation]
    targets: list[TargetLine]
    lines: list[MoneyLine]
    opening: Balance
    closing: Balance


def check_period(start: dt.date | None, end: dt.date | None) -> None:
    """Invalid naming the field when a period's bounds are missing or out of order."""
    problems = []
    if start is None:
        problems.append(Problem(_("give the first day of the period"), field="start"))
    if end is None:
        problems.append(Problem(_("give the last day of the period"), field="end"))
    if start and end and end < start:
        problems.append(Problem(_("the period cannot end before it starts"), field="end"))
    if problems:
        raise Invalid(problems)


def _months(obligation: Obligation, start: dt.date, end: dt.date) -> list[MonthOutput]:
    first = max(month_of(obligation.period_start), month_of(start))
    last = min(month_of(obligation.period_end), month_of(end))
    if last < first:
        return []
    rows = MonthlyOutput.objects.filter(
        product_id=obligation.product_id, month__gte=first, month__lte=last
    )
    if obligation.unit_id is not None:
        rows = rows.filter(unit_id=obligation.unit_id)
    months: dict[dt.date, MonthOutput] = {}
    for row in rows.order_by("month"):
        before = months.get(row.month)
        months[row.month] = MonthOutput(
            row.month,
            (before.output if before else Decimal(0)) + row.output,
            (before.illustrative if before else False) or row.is_illustrative,
        )
    return list(months.values())


def contract_report(contract: Contract, start: dt.date, end: dt.date) -> Report:
    """Return the report on `contract` for the days from `start` to `end`, both included."""
    check_period(start, end)
    targets.refresh()  # a status the figures decide is brought up to date first
    obligations = list(
        Obligation.objects.filter(contract=contract)
        .filter(
            Q(due__range=(start, end))
            | Q(due__isnull=True)
            | Q(period_start__lte=end, period_end__gte=start)
        )
        .select_related("version", "clause", "product", "unit", "party")
        .order_by("due", "id")
    )
    lines_of_targets = [
        TargetLine(o, _months(o, start, end))
        for o in obligations
        if o.product_id is not None and o.target is not None
    ]
    lines = list(
        MoneyLine.objects.filter(contract=contract, on__range=(start, end))
        .select_related("clause__version", "settles", "unit", "party")
        .order_by("on", "id")
    )
    return Report(
        contract=contract,
        start=start,
        end=end,
        obligations=obligations,
        targets=lines_of_targets,
        lines=lines,
        opening=balance_on(contract, start - dt.timedelta(days=1)),
        closing=balance_on(contract, end),
    )
