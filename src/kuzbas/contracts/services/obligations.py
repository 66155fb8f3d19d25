"""Obligations: recorded from a clause of a version (a draft, or the version in force), and
their status recorded by hand where no figures decide it (a transfer made, a report sent)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.contracts import targets
from kuzbas.contracts.models.obligations import Obligation, ObligationStatus, StatusBy
from kuzbas.contracts.models.parties import Party
from kuzbas.contracts.models.versions import Clause, Version, VersionStatus
from kuzbas.core.clock import colony_today
from kuzbas.core.dates import Precision
from kuzbas.core.errors import Invalid, NotNow, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.production import quantities
from kuzbas.production.aggregates import version as figures_version
from kuzbas.production.models.catalogue import Product, Unit
from kuzbas.record.services import attach_citations

# Where obligations are recorded: a draft being written, or the text in force being read.
OPEN_FOR_OBLIGATIONS = (VersionStatus.DRAFT, VersionStatus.IN_FORCE)
BY_HAND = (
    ObligationStatus.OPEN,
    ObligationStatus.MET,
    ObligationStatus.PARTLY_MET,
    ObligationStatus.LAPSED,
)


def _target(
    product: Product | None, amount: Decimal | None, unit_entered: str
) -> tuple[Decimal | None, Decimal | None, str]:
    """Return the target in the product's unit, as entered, and the unit entered."""
    if product is None and amount is None:
        return None, None, ""
    if product is None or amount is None:
        field = "product" if product is None else "target"
        message = _("A target needs both a product and a quantity.")
        raise Invalid(problems=[Problem(message, field=field)])
    entered = unit_entered.strip() or product.unit_of_measure
    try:
        stored = quantities.convert_for(amount, entered, product)
    except quantities.UnknownUnit:
        raise Invalid(
            problems=[
                Problem(
                    _("%(u)s cannot be converted to %(p)s")
                    % {"u": entered, "p": product.unit_of_measure},
                    field="unit_entered",
                )
            ]
        ) from None
    return stored, amount, entered


@transaction.atomic
def add_obligation(
    *,
    actor,
    version: Version,
    debtor: str,
    kind: str,
    title: str,
    clause: Clause | None = None,
    party: Party | None = None,
    description: str = "",
    due: dt.date | None = None,
    due_precision: str = Precision.DAY,
    product: Product | None = None,
    unit: Unit | None = None,
    target: Decimal | None = None,
    unit_entered: str = "",
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    proof: str = "",
    note: str = "",
    citations: Iterable[Mapping[str, Any]] = (),
) -> Obligation:
    """Record what one side owes under a clause, by when, with a measurable target if any."""
    require(actor, Right.CONTRACTS_EDIT)
    if version.status not in OPEN_FOR_OBLIGATIONS:
        raise NotNow(
            _("Obligations are recorded on a draft or on the version in force; this one is %(s)s.")
            % {"s": version.get_status_display()},
            rule=f"contract_version.{version.status}",
        )
    if clause is not None and clause.version_id != version.pk:
        raise Invalid(problems=[Problem(_("That clause is of another version."), field="clause")])
    stored, entered, unit_name = _target(product, target, unit_entered)
    if product is not None and (period_start is None or period_end is None):
        raise Invalid(
            problems=[
                Problem(
                    _("A target needs the period its output is counted over."),
                    field="period_start" if period_start is None else "period_end",
                )
            ]
        )
    obligation = Obligation(
        contract_id=version.contract_id,
        version=version,
        clause=clause,
        debtor=debtor,
        party=party,
        kind=kind,
        title=title.strip(),
        description=description.strip(),
        due=due,
        due_precision=due_precision,
        product=product,
        unit=unit,
        target=stored,
        target_entered=entered,
        unit_entered=unit_name,
        period_start=period_start,
        period_end=period_end,
        proof=proof.strip(),
        note=note.strip(),
    )
    full_clean_or_invalid(obligation)
    obligation.save()
    if obligation.has_target and version.status == VersionStatus.IN_FORCE:
        targets.check(obligation, today=colony_today(), version=figures_version() or "")
    attach_citations(actor=actor, obj=obligation, citations=citations)
    audit(
        actor=actor,
        action="contracts.obligation.add",
        obj=obligation,
        changes={
            "contract": version.contract.key,
            "version": version.number,
            "clause": clause.number if clause else None,
            "debtor": debtor,
            "kind": kind,
            "due": due.isoformat() if due else None,
            "target": str(stored) if stored is not None else None,
            "product": product.key if product else None,
        },
    )
    return obligation


@transaction.atomic
def record_status(
    *,
    actor,
    obligation: Obligation,
    status: str,
    proof: str = "",
    on: dt.date | None = None,
    citations: Iterable[Mapping[str, Any]] = (),
) -> Obligation:
    """Record by hand that an obligation is met, partly met, lapsed, or open again, with its
    proof; the figures no longer decide a status recorded so."""
    require(actor, Right.CONTRACTS_EDIT)
    citations = list(citations)
    obligation = Obligation.objects.select_for_update().get(pk=obligation.pk)
    if status not in BY_HAND:
        raise Invalid(problems=[Problem(_("That status is not recorded by hand."), field="status")])
    if obligation.status not in BY_HAND:
        raise NotNow(
            _("The obligation is %(s)s; its status is no longer recorded.")
            % {"s": obligation.get_status_display()},
            rule=f"obligation.{obligation.status}",
        )
    if status != ObligationStatus.OPEN and not proof.strip() and not citations:
        raise Invalid(
            problems=[Problem(_("Say what shows it: the evidence or a source."), field="proof")]
        )
    before = obligation.status
    obligation.status = status
    obligation.status_by = StatusBy.HAND if status != ObligationStatus.OPEN else ""
    obligation.status_on = on or colony_today()
    if proof.strip():
        obligation.proof = proof.strip()
    full_clean_or_invalid(obligation)
    obligation.save()
    attach_citations(actor=actor, obj=obligation, citations=citations)
    audit(
        actor=actor,
        action="contracts.obligation.status",
        obj=obligation,
        changes={"status": [before, status], "on": obligation.status_on.isoformat()},
    )
    return obligation
