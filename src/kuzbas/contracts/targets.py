"""Whether an obligation's measurable target is met, read from production's monthly figures.

A target is a quantity of a product (in the product's unit) made over a period, by one unit
or by all. The output counted is the sum of production's kept monthly totals
(`MonthlyOutput`) for the months the period covers (from the month of its first day to the
month of its last). Then:

- counted ≥ target: met;
- else after the due date (or the period's end, where no due date is given): partly met if
  anything was counted, lapsed if nothing was;
- else open.

Production sits below contracts and does not know them, so the check is made on read: every
page, API answer and home-page item that shows obligations first calls `refresh()`, which
rechecks (in one query when nothing moved) the obligations whose last check read another
version of production's statistics (`aggregates.version()`, raised by every write to output
or plans, an import included) or another colony day. A status recorded by hand, waived by
an amendment or passed to a successor is never touched.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Q, Sum

from kuzbas.audit.services import audit
from kuzbas.contracts.models.obligations import Obligation, ObligationStatus, StatusBy
from kuzbas.contracts.models.versions import VersionStatus
from kuzbas.core.actor import Operator
from kuzbas.core.clock import colony_today
from kuzbas.production.aggregates import month_of
from kuzbas.production.aggregates import version as figures_version
from kuzbas.production.models.totals import MonthlyOutput

CHECKER = Operator("contracts.targets")
# The statuses the figures decide; the others are decided by a person or an amendment.
BY_FIGURES = (
    ObligationStatus.OPEN,
    ObligationStatus.MET,
    ObligationStatus.PARTLY_MET,
    ObligationStatus.LAPSED,
)


def counted(obligation: Obligation) -> Decimal:
    """Return the output counted towards the target over its period's months."""
    rows = MonthlyOutput.objects.filter(
        product_id=obligation.product_id,
        month__gte=month_of(obligation.period_start),
        month__lte=month_of(obligation.period_end),
    )
    if obligation.unit_id is not None:
        rows = rows.filter(unit_id=obligation.unit_id)
    return rows.aggregate(total=Sum("output"))["total"] or Decimal(0)


def status_for(obligation: Obligation, achieved: Decimal, today: dt.date) -> str:
    """Return the status the figures give an obligation with a target on a day."""
    if achieved >= obligation.target:
        return ObligationStatus.MET
    deadline = obligation.due or obligation.period_end
    if deadline is not None and today > deadline:
        return ObligationStatus.PARTLY_MET if achieved > 0 else ObligationStatus.LAPSED
    return ObligationStatus.OPEN


def _stale(version: str, today: dt.date):
    return (
        Obligation.objects.filter(
            product__isnull=False,
            status__in=BY_FIGURES,
            version__status=VersionStatus.IN_FORCE,
        )
        .filter(Q(status_by="") | Q(status_by=StatusBy.FIGURES))
        .filter(~Q(figures_version=version) | Q(checked_on__isnull=True) | ~Q(checked_on=today))
    )


def check(obligation: Obligation, *, today: dt.date, version: str) -> bool:
    """Recheck one obligation's target; return whether its status changed (audited)."""
    achieved = counted(obligation)
    status = status_for(obligation, achieved, today)
    changed = status != obligation.status
    before = obligation.status
    obligation.achieved = achieved
    obligation.checked_on = today
    obligation.figures_version = version
    fields = ["achieved", "checked_on", "figures_version"]
    if changed:
        obligation.status = status
        obligation.status_by = StatusBy.FIGURES if status != ObligationStatus.OPEN else ""
        obligation.status_on = today
        fields += ["status", "status_by", "status_on"]
    obligation.save(update_fields=fields)
    if changed:
        audit(
            actor=CHECKER,
            action="contracts.obligation.checked",
            obj=obligation,
            changes={
                "status": [before, status],
                "achieved": str(achieved),
                "target": str(obligation.target),
            },
        )
    return changed


def refresh(today: dt.date | None = None) -> int:
    """Recheck every target whose last check is stale; return how many changed status."""
    version = figures_version() or ""
    today = today or colony_today()
    stale = list(_stale(version, today).select_related("product"))
    if not stale:
        return 0
    with transaction.atomic():
        return sum(check(o, today=today, version=version) for o in stale)
