"""Writes to the production statistics: every one with an actor, in one transaction, audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.members.models import Site
from kuzbas.production import aggregates, quantities
from kuzbas.production.models.catalogue import Product, TransferAct, Unit
from kuzbas.production.models.decisions import DecisionLink
from kuzbas.production.models.statistics import HeadcountSnapshot, OutputRecord, PeriodKind, Plan
from kuzbas.production.periods import period_end
from kuzbas.record.services import attach_citations

Citations = Iterable[Mapping[str, Any]]


@transaction.atomic
def create_transfer_act(
    *,
    actor,
    key: str,
    title: str,
    from_enterprise: str,
    date: dt.date,
    debt_share: Decimal,
    staff: int | None = None,
    output_baseline: str = "",
    note: str = "",
    citations: Citations = (),
) -> TransferAct:
    """Record that another enterprise handed units to the colony, with a share of its debts."""
    require(actor, Right.PRODUCTION_EDIT)
    act = TransferAct(
        key=key,
        title=title,
        from_enterprise=from_enterprise,
        date=date,
        debt_share=debt_share,
        staff=staff,
        output_baseline=output_baseline,
        note=note,
    )
    full_clean_or_invalid(act)
    act.save()
    attach_citations(actor=actor, obj=act, citations=citations)
    aggregates.bump()
    audit(actor=actor, action="production.transfer_act.create", obj=act, changes={"key": key})
    return act


@transaction.atomic
def create_unit(
    *,
    actor,
    key: str,
    name: str,
    kind: str,
    site: Site | None = None,
    opened: dt.date | None = None,
    taken_over: dt.date | None = None,
    closed: dt.date | None = None,
    transfer_act: TransferAct | None = None,
    description: str = "",
    citations: Citations = (),
) -> Unit:
    """Add a mine, plant or workshop."""
    require(actor, Right.PRODUCTION_EDIT)
    unit = Unit(
        key=key,
        name=name,
        kind=kind,
        site=site,
        opened=opened,
        taken_over=taken_over,
        closed=closed,
        transfer_act=transfer_act,
        description=description,
    )
    full_clean_or_invalid(unit)
    unit.save()
    attach_citations(actor=actor, obj=unit, citations=citations)
    aggregates.bump()
    audit(actor=actor, action="production.unit.create", obj=unit, changes={"key": key})
    return unit


@transaction.atomic
def create_product(*, actor, key: str, name: str, unit_of_measure: str) -> Product:
    """Add a product with the unit its quantities are kept in."""
    require(actor, Right.PRODUCTION_EDIT)
    if not quantities.is_known(unit_of_measure):
        raise Invalid(problems=[Problem(_("unknown unit of measure"), field="unit_of_measure")])
    product = Product(key=key, name=name, unit_of_measure=unit_of_measure)
    full_clean_or_invalid(product)
    product.save()
    aggregates.bump()
    audit(actor=actor, action="production.product.create", obj=product, changes={"key": key})
    return product


def _canonical(amount: Decimal, unit_entered: str, product: Product, field: str) -> Decimal:
    try:
        return quantities.convert(amount, unit_entered, product.unit_of_measure)
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
    entered = unit_entered or product.unit_of_measure
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
