"""Writes to the catalogue: units, products and the acts that handed units to the colony.

Every one with an actor, in one transaction, audited, like the statistics' writes in
`services`. An enterprise with no demo sets itself up here (or by importing the same rows,
`imports.rows`) before it records or imports any output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import Conflict, Invalid, NotNow, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.members.models import Site
from kuzbas.production import aggregates, quantities
from kuzbas.production.models.catalogue import Product, TransferAct, Unit
from kuzbas.production.models.statistics import OutputRecord, Plan
from kuzbas.record.services import attach_citations

Citations = Iterable[Mapping[str, Any]]

# What a unit's edit may change; closing and handing over have their own services.
UNIT_FIELDS = ("name", "kind", "site", "opened", "description")
# What a product's quantities are kept in; none may change once any is kept.
MEASURE_FIELDS = ("unit_of_measure", "reference_unit", "factor")


def _closes_after_it_opens(opened: dt.date | None, closed: dt.date | None) -> None:
    if opened and closed and closed < opened:
        raise Invalid(
            problems=[
                Problem(
                    _("a unit cannot close (%(c)s) before it opens (%(o)s)")
                    % {"c": closed, "o": opened},
                    field="closed",
                )
            ]
        )


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
    units: Sequence[Unit] = (),
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
    for unit in units:
        _hand_over(act, unit)
    aggregates.bump()
    audit(
        actor=actor,
        action="production.transfer_act.create",
        obj=act,
        changes={"key": key, "units": [u.key for u in units]},
    )
    return act


def _hand_over(act: TransferAct, unit: Unit) -> None:
    """Put a unit under an act: the colony took it over on the act's date."""
    if unit.transfer_act_id and unit.transfer_act_id != act.pk:
        raise Conflict(
            _("%(u)s was already handed over by %(a)s.")
            % {"u": unit.name, "a": unit.transfer_act.title},
            field="units",
        )
    if unit.closed and unit.closed < act.date:
        raise Conflict(
            _("%(u)s closed on %(c)s, before the act of %(d)s.")
            % {"u": unit.name, "c": unit.closed, "d": act.date},
            field="units",
        )
    unit.transfer_act = act
    unit.taken_over = act.date
    unit.save(update_fields=["transfer_act", "taken_over"])


@transaction.atomic
def hand_over(*, actor, act: TransferAct, units: Sequence[Unit]) -> TransferAct:
    """Record that an act handed these units to the colony, taken over on the act's date."""
    require(actor, Right.PRODUCTION_EDIT)
    for unit in units:
        _hand_over(act, Unit.objects.select_for_update().get(pk=unit.pk))
    aggregates.bump()
    audit(
        actor=actor,
        action="production.transfer_act.hand_over",
        obj=act,
        changes={"units": [u.key for u in units], "taken_over": act.date},
    )
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
    _closes_after_it_opens(opened, closed)
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
def change_unit(*, actor, unit: Unit, **changes: Any) -> Unit:
    """Change a unit's name, kind, site, opening date or description."""
    require(actor, Right.PRODUCTION_EDIT)
    unknown = sorted(set(changes) - set(UNIT_FIELDS))
    if unknown:
        raise Invalid(
            problems=[Problem(_("this field cannot be changed here"), field=f) for f in unknown]
        )
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = {name: getattr(unit, name) for name in changes}
    for name, value in changes.items():
        setattr(unit, name, value)
    _closes_after_it_opens(unit.opened, unit.closed)
    full_clean_or_invalid(unit)
    unit.save()
    aggregates.bump()
    audit(
        actor=actor,
        action="production.unit.change",
        obj=unit,
        changes={
            name: [str(before[name]), str(value)]
            for name, value in changes.items()
            if before[name] != value
        },
    )
    return unit


@transaction.atomic
def close_unit(*, actor, unit: Unit, closed: dt.date) -> Unit:
    """Record the day a unit closed; refused while output is on record after it."""
    require(actor, Right.PRODUCTION_EDIT)
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.closed:
        raise NotNow(_("%(u)s closed on %(c)s already.") % {"u": unit.name, "c": unit.closed})
    _closes_after_it_opens(unit.opened, closed)
    later = OutputRecord.objects.filter(unit=unit, period_end__gt=closed).order_by("-period_end")
    last = later.values_list("period_end", flat=True).first()
    if last is not None:
        raise Conflict(
            _("%(u)s has output on record until %(d)s, after %(c)s.")
            % {"u": unit.name, "d": last, "c": closed},
            field="closed",
        )
    unit.closed = closed
    unit.save(update_fields=["closed"])
    aggregates.bump()
    audit(actor=actor, action="production.unit.close", obj=unit, changes={"closed": closed})
    return unit


def measure_problems(
    unit_of_measure: str, reference_unit: str, factor: Decimal | None
) -> list[Problem]:
    """Name what is wrong with a product's unit: one pint knows, or the product's own unit
    with a factor (greater than 0) to a reference unit pint knows."""
    unknown = _("%(u)r is not a unit of measure (try tonne, kilogram, pood, litre)")
    if not unit_of_measure.strip():
        return [Problem(_("required"), field="unit_of_measure")]
    if factor is None and not reference_unit.strip():
        if quantities.is_known(unit_of_measure):
            return []
        return [Problem(unknown % {"u": unit_of_measure}, field="unit_of_measure")]
    problems = []
    if factor is None:
        problems.append(Problem(_("required with a reference unit"), field="factor"))
    elif not factor > 0:
        problems.append(Problem(_("a conversion factor is greater than 0"), field="factor"))
    if not reference_unit.strip():
        problems.append(Problem(_("required with a conversion factor"), field="reference_unit"))
    elif not quantities.is_known(reference_unit):
        problems.append(Problem(unknown % {"u": reference_unit}, field="reference_unit"))
    return problems


def _measured(unit_of_measure: str, reference_unit: str, factor: Decimal | None) -> None:
    problems = measure_problems(unit_of_measure, reference_unit, factor)
    if problems:
        raise Invalid(problems=problems)


@transaction.atomic
def create_product(
    *,
    actor,
    key: str,
    name: str,
    unit_of_measure: str,
    reference_unit: str = "",
    factor: Decimal | None = None,
) -> Product:
    """Add a product with the unit its quantities are kept in (and, for the product's own
    unit, how much of a reference unit one holds)."""
    require(actor, Right.PRODUCTION_EDIT)
    _measured(unit_of_measure, reference_unit, factor)
    product = Product(
        key=key,
        name=name,
        unit_of_measure=unit_of_measure.strip(),
        reference_unit=reference_unit.strip(),
        factor=factor,
    )
    full_clean_or_invalid(product)
    product.save()
    aggregates.bump()
    audit(actor=actor, action="production.product.create", obj=product, changes={"key": key})
    return product


def has_quantities(product: Product) -> bool:
    """Whether output or plans are kept in the product's unit (which then may not change)."""
    return (
        OutputRecord.objects.filter(product=product).exists()
        or Plan.objects.filter(product=product).exists()
    )


@transaction.atomic
def change_product(*, actor, product: Product, **changes: Any) -> Product:
    """Rename a product, or change its unit of measure (its reference unit, its factor)
    while nothing is kept in it."""
    require(actor, Right.PRODUCTION_EDIT)
    unknown = sorted(set(changes) - {"name", *MEASURE_FIELDS})
    if unknown:
        raise Invalid(
            problems=[Problem(_("this field cannot be changed here"), field=f) for f in unknown]
        )
    product = Product.objects.select_for_update().get(pk=product.pk)
    before = {f: getattr(product, f) for f in changes}
    for field, value in changes.items():
        setattr(product, field, value.strip() if isinstance(value, str) else value)
    measure = [
        f for f in MEASURE_FIELDS if getattr(product, f) != before.get(f, getattr(product, f))
    ]
    if measure:
        _measured(product.unit_of_measure, product.reference_unit, product.factor)
        if has_quantities(product):
            raise Conflict(
                _("Output or plans of %(p)s are kept in %(u)s; its unit of measure cannot change.")
                % {"p": product.name, "u": before.get("unit_of_measure", product.unit_of_measure)},
                field=measure[0],
            )
    full_clean_or_invalid(product)
    product.save()
    aggregates.bump()
    audit(
        actor=actor,
        action="production.product.change",
        obj=product,
        changes={
            f: [str(before[f]), str(getattr(product, f))]
            for f in changes
            if before[f] != getattr(product, f)
        },
    )
    return product
