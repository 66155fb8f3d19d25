"""What a winding-up would do on its date, read before anything is changed: the preview.

The page shows this plan before the act, and the run carries out this same plan, so what was
shown is what is done. The enterprise's last day is the day before the winding-up takes effect:
memberships, employments and seat holdings end on it (their ends are inclusive), units close on
it and bodies are dissolved on it; what passes to the successor passes on the effective day.

Memberships and employments end, or pass to the successor, all at once (`everyone`) or person
by person (`choices`: "membership:<id>" or "employment:<id>" → "end" or "pass").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from kuzbas.contracts.models.contracts import Contract, ContractStatus
from kuzbas.contracts.models.money import MoneyLine, MoneyLineKind
from kuzbas.contracts.models.obligations import Obligation, ObligationStatus
from kuzbas.contracts.models.parties import Party
from kuzbas.core.errors import Problem
from kuzbas.governance.models import Body, SeatHolding
from kuzbas.members.models import Employment, Membership, MembershipStatus
from kuzbas.production.models import OutputRecord, Unit
from kuzbas.statute.bodies import BodyKind

END, PASS = "end", "pass"
DEBT_KINDS = (MoneyLineKind.LOAN, MoneyLineKind.DEBT_TAKEN_OVER)
# Bodies that are not the enterprise's own, and outlive it: the state's, outside organisations.
OUTSIDE = (BodyKind.OUTSIDE_AUTHORITY.value, "external")


@dataclass(frozen=True)
class Span:
    """A membership or an employment that ends on the last day, and whether it passes on."""

    key: str  # "membership:12", the name of its choice in the form
    obj: Membership | Employment
    passes: bool

    @property
    def open(self) -> bool:
        """Whether it is still open (else it ends on the last day already)."""
        return self.obj.valid_to is None


@dataclass(frozen=True)
class UnitMove:
    unit: Unit
    debts: tuple[MoneyLine, ...]


@dataclass(frozen=True)
class Debt:
    line: MoneyLine
    outstanding: Decimal  # in the line's own currency


@dataclass
class Plan:
    """Everything a winding-up on `effective_on` would end or pass to `successor`."""

    effective_on: dt.date
    successor: Party | None
    memberships: list[Span] = field(default_factory=list)
    employments: list[Span] = field(default_factory=list)
    units: list[UnitMove] = field(default_factory=list)
    debts: list[Debt] = field(default_factory=list)  # open debts not tied to a unit that passes
    settled_debts: list[MoneyLine] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    contracts: list[Contract] = field(default_factory=list)
    holdings: list[SeatHolding] = field(default_factory=list)
    bodies: list[Body] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def last_day(self) -> dt.date:
        return self.effective_on - dt.timedelta(days=1)

    @property
    def unit_debts(self) -> int:
        return sum(len(move.debts) for move in self.units)


def _passes(key: str, everyone: str, choices: Mapping[str, str], successor) -> bool:
    return successor is not None and choices.get(key, everyone) == PASS


def _spans(model, prefix: str, last_day: dt.date, everyone, choices, successor, problems):
    """Return the spans that reach the last day: open ones end on it, those ending on it
    already stay; one ending later is a problem (its end is changed in the members' pages)."""
    rows = model.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=last_day))
    if model is Membership:
        rows = rows.exclude(status__in=[MembershipStatus.LEFT, MembershipStatus.EXPELLED])
    rows = rows.select_related("person").order_by("person__name_latin", "valid_from", "pk")
    spans = []
    for row in rows:
        key = f"{prefix}:{row.pk}"
        if row.valid_from > last_day or (row.valid_to is not None and row.valid_to > last_day):
            problems.append(
                Problem(
                    _("%(span)s reaches past the last day, %(day)s; change its dates first.")
                    % {"span": row, "day": last_day.isoformat()},
                    field=key,
                )
            )
            continue
        spans.append(Span(key, row, _passes(key, everyone, choices, successor)))
    return spans


def outstanding(line: MoneyLine) -> Decimal:
    """Return what is still owed on a debt or a loan, in its own currency."""
    paid = sum(
        (
            s.amount.amount
            for s in line.settled_by.all()
            if str(s.amount.currency) == str(line.amount.currency)
        ),
        Decimal(0),
    )
    return max(line.amount.amount - paid, Decimal(0))


def plan_winding_up(
    *,
    effective_on: dt.date,
    successor: Party | None,
    everyone: str = END,
    choices: Mapping[str, str] | None = None,
) -> Plan:
    """Return what a winding-up taking effect on a day would end or pass to the successor."""
    choices = choices or {}
    plan = Plan(effective_on=effective_on, successor=successor)
    last = plan.last_day
    args = (last, everyone, choices, successor, plan.problems)
    plan.memberships = _spans(Membership, "membership", *args)
    plan.employments = _spans(Employment, "employment", *args)
    lines = (
        MoneyLine.objects.filter(kind__in=DEBT_KINDS, transferred_to__isnull=True)
        .select_related("unit", "contract")
        .prefetch_related("settled_by")
        .order_by("on", "pk")
    )
    open_lines = []
    for line in lines:
        if outstanding(line) > 0:
            open_lines.append(line)
        else:
            plan.settled_debts.append(line)
    units = Unit.objects.filter(Q(closed__isnull=True) | Q(closed__gt=last)).order_by("name")
    passing = set()
    for unit in units:
        if unit.opened is not None and unit.opened > last:
            continue
        if unit.closed is not None:
            plan.problems.append(
                Problem(
                    _("%(u)s closes after the last day, %(day)s; change its dates first.")
                    % {"u": unit.name, "day": last.isoformat()},
                    field=f"unit:{unit.key}",
                )
            )
            continue
        later = OutputRecord.objects.filter(unit=unit, period_end__gt=last).exists()
        if later:
            plan.problems.append(
                Problem(
                    _("%(u)s has output on record after the last day, %(day)s.")
                    % {"u": unit.name, "day": last.isoformat()},
                    field=f"unit:{unit.key}",
                )
            )
        debts = tuple(line for line in open_lines if line.unit_id == unit.pk)
        plan.units.append(UnitMove(unit, debts))
        passing.add(unit.pk)
    if successor is not None:
        plan.debts = [
            Debt(line, outstanding(line)) for line in open_lines if line.unit_id not in passing
        ]
    plan.obligations = list(
        Obligation.objects.filter(status=ObligationStatus.OPEN)
        .select_related("contract")
        .order_by("due", "pk")
    )
    plan.contracts = list(
        Contract.objects.filter(status=ContractStatus.IN_FORCE)
        .exclude(in_force_from__gt=last)
        .order_by("key")
    )
    plan.holdings = list(
        SeatHolding.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=last))
        .filter(valid_from__lte=last)
        .select_related("seat__body", "person")
        .order_by("seat__body__name", "person__name_latin")
    )
    plan.bodies = list(
        Body.objects.filter(dissolved__isnull=True)
        .exclude(kind__in=OUTSIDE)
        .exclude(established__gt=last)
        .order_by("name")
    )
    return plan
