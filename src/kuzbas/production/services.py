"""Writes to the production statistics: every one with an actor, in one transaction, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import Conflict, Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.production import aggregates, plan_clashes, quantities
from kuzbas.production.models.catalogue import Product, Unit
from kuzbas.production.models.decisions import DecisionLink
from kuzbas.production.models.statistics import HeadcountSnapshot, OutputRecord, PeriodKind, Plan
from kuzbas.production.periods import period_end
from kuzbas.production.plan_clashes import clashing_plan
from kuzbas.record.services import attach_citations

Citations = Iterable[Mapping[str, Any]]


def _canonical(amount: Decimal, unit_entered: str, product: Product, field: str) -> Decimal:
    try:
        return quantities.convert_for(amount, unit_entered, product)
    except quantities.UnknownUnit:
        raise Invalid(
            problems=[
                Problem(
                    _("%(u)s cannot be converted to %(p)s")
                    % {"u": unit_entered, "p": product.unit_of_measure},
                    field=field,
                )
            ]
        ) from None


@transaction.atomic
def record_output(
    *,
    actor,
    unit: Unit,
    product: Product,
    period_kind: str,
    period_start: dt.date,
    quantity: Decimal,
    unit_entered: str = "",
    shift: int = 0,
    citations: Citations = (),
) -> OutputRecord:
    """Record a unit's output of a product in a shift, a day or a month."""
    require(actor, Right.PRODUCTION_EDIT)
    entered = unit_entered or product.unit_of_measure
    record = OutputRecord(
        unit=unit,
        product=product,
        period_kind=period_kind,
        period_start=period_start,
        period_end=period_end(period_kind, period_start),
        shift=shift if period_kind == PeriodKind.SHIFT else 0,
        quantity=_canonical(quantity, entered, product, "unit_entered"),
        quantity_entered=quantity,
        unit_entered=entered,
    )
    full_clean_or_invalid(record)
    record.save()
    attach_citations(actor=actor, obj=record, citations=citations)
    aggregates.refresh_months([(unit.pk, product.pk, period_start)])
    audit(
        actor=actor,
        action="production.output.record",
        obj=record,
        changes={"quantity": quantity, "unit": entered},
    )
    return record


@transaction.atomic
def set_plan(
    *,
    actor,
    unit: Unit,
    product: Product,
    period_start: dt.date,
    target: Decimal,
    unit_entered: str = "",
    period_kind: str = PeriodKind.MONTH,
    citations: Citations = (),
) -> Plan:
    """Set a unit's target for a product over a period."""
    require(actor, Right.PRODUCTION_EDIT)
    problems = []
    if period_kind == PeriodKind.MONTH and period_start.day != 1:
        problems.append(Problem(_("a month starts on its first day"), field="period_start"))
    if target < 0:
        problems.append(Problem(_("must be a number of 0 or more"), field="target"))
    if problems:
        raise Invalid(problems=problems)
    entered = unit_entered or product.unit_of_measure
    clash = clashing_plan(unit.pk, product.pk, period_start, period_end(period_kind, period_start))
    if clash is not None:
        raise Conflict(
            _("This plan meets %(p)s.") % {"p": plan_clashes.describe(clash)},
            field="period_start",
        )
    plan = Plan(
        unit=unit,
        product=product,
        period_kind=period_kind,
        period_start=period_start,
        period_end=period_end(period_kind, period_start),
        target=_canonical(target, entered, product, "unit_entered"),
        target_entered=target,
        unit_entered=entered,
    )
    full_clean_or_invalid(plan)
    plan.save()
    attach_citations(actor=actor, obj=plan, citations=citations)
    aggregates.refresh_months([(unit.pk, product.pk, period_start)])
    audit(actor=actor, action="production.plan.set", obj=plan, changes={"target": target})
    return plan


@transaction.atomic
def change_plan(*, actor, plan: Plan, target: Decimal, unit_entered: str = "") -> Plan:
    """Change a plan's target (its unit, product and period stay)."""
    require(actor, Right.PRODUCTION_EDIT)
    plan = Plan.objects.select_for_update().select_related("unit", "product").get(pk=plan.pk)
    if target < 0:
        raise Invalid(problems=[Problem(_("must be a number of 0 or more"), field="target")])
    entered = unit_entered or plan.product.unit_of_measure
    before = [str(plan.target_entered), plan.unit_entered]
    plan.target = _canonical(target, entered, plan.product, "unit_entered")
    plan.target_entered = target
    plan.unit_entered = entered
    full_clean_or_invalid(plan)
    plan.save()
    aggregates.refresh_months([(plan.unit_id, plan.product_id, plan.period_start)])
    audit(
        actor=actor,
        action="production.plan.change",
        obj=plan,
        changes={"target": [before, [str(target), entered]]},
    )
    return plan


@transaction.atomic
def record_headcount(
    *,
    actor,
    on: dt.date,
    category: str,
    count: int,
    unit: Unit | None = None,
    citations: Citations = (),
) -> HeadcountSnapshot:
    """Record how many people worked on a date, in a unit or in the whole colony."""
    require(actor, Right.PRODUCTION_EDIT)
    snapshot = HeadcountSnapshot(unit=unit, on=on, category=category, count=count)
    full_clean_or_invalid(snapshot)
    snapshot.save()
    attach_citations(actor=actor, obj=snapshot, citations=citations)
    aggregates.bump()
    audit(
        actor=actor,
        action="production.headcount.record",
        obj=snapshot,
        changes={"count": count, "category": category},
    )
    return snapshot


@transaction.atomic
def link_decision(
    *, actor, decision_sequence: int, kpi: str, unit: Unit | None = None, note: str = ""
) -> DecisionLink:
    """Tie a decision of the register to a unit's (or the colony's) KPI, to show its impact."""
    from kuzbas.governance.models import Decision
    from kuzbas.production.kpis import MONTHLY_KPIS

    require(actor, Right.PRODUCTION_EDIT)
    problems = []
    if not Decision.objects.filter(sequence=decision_sequence).exists():
        problems.append(Problem(_("no such entry in the register"), field="decision_sequence"))
    if kpi not in MONTHLY_KPIS:
        problems.append(
            Problem(_("must be one of %(v)s") % {"v": ", ".join(MONTHLY_KPIS)}, field="kpi")
        )
    if problems:
        raise Invalid(problems=problems)
    existing = DecisionLink.objects.filter(
        decision_sequence=decision_sequence, unit=unit, kpi=kpi
    ).first()
    if existing is not None:  # linking twice is asking for what is already there
        return existing
    link = DecisionLink(decision_sequence=decision_sequence, unit=unit, kpi=kpi, note=note)
    full_clean_or_invalid(link)
    link.save()
    aggregates.bump()
    audit(
        actor=actor,
        action="production.decision.link",
        obj=link,
        changes={"decision": decision_sequence, "kpi": kpi, "unit": unit.key if unit else None},
    )
    return link
