"""Reads more than one caller needs: the contracts list, a contract's page, what is due.

Each is a fixed number of queries. Lists of obligations call `targets.refresh()` first, so a
status the production figures decide is current when it is read.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from kuzbas.contracts import targets
from kuzbas.contracts.models.contracts import Act, Contract, ContractParty
from kuzbas.contracts.models.obligations import Obligation, ObligationStatus
from kuzbas.contracts.models.versions import Version, VersionStatus
from kuzbas.record.models import Citation

# How long before its due date an obligation is "due soon" on the home page and the due page.
DUE_SOON_DAYS = 30


def _citations() -> Prefetch:
    return Prefetch("citations", queryset=Citation.objects.select_related("source"))


def contracts() -> QuerySet[Contract]:
    return Contract.objects.prefetch_related(
        Prefetch("parties", queryset=ContractParty.objects.select_related("party")),
        Prefetch(
            "versions",
            queryset=Version.objects.filter(status=VersionStatus.IN_FORCE),
            to_attr="in_force",
        ),
    ).order_by("in_force_from", "key")


def acts_of(contract: Contract) -> QuerySet[Act]:
    return (
        contract.acts.select_related("by", "version", "decision")
        .prefetch_related("signatories__party", _citations())
        .order_by("date", "id")
    )


def versions_of(contract: Contract) -> QuerySet[Version]:
    return contract.versions.select_related("motion", "decision", "replaces").order_by("number")


def obligations_of(contract: Contract) -> QuerySet[Obligation]:
    targets.refresh()
    return (
        contract.obligations.select_related(
            "version", "clause", "party", "product", "unit", "waived_by", "transferred_to"
        )
        .prefetch_related(_citations())
        .order_by("due", "id")
    )


def open_obligations() -> QuerySet[Obligation]:
    """Open obligations of versions in force, by due date (refreshing the targets first)."""
    targets.refresh()
    return (
        Obligation.objects.filter(
            status=ObligationStatus.OPEN, version__status=VersionStatus.IN_FORCE
        )
        .select_related("contract", "version", "clause", "product", "unit", "party")
        .order_by("due", "id")
    )


@dataclass
class Due:
    """What is owed, grouped for the due page: overdue, due soon, later, without a date."""

    today: dt.date
    overdue: list[Obligation] = field(default_factory=list)
    soon: list[Obligation] = field(default_factory=list)
    later: list[Obligation] = field(default_factory=list)
    undated: list[Obligation] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.soon) + len(self.later) + len(self.undated)


def due(today: dt.date, *, debtor: str = "") -> Due:
    """Return the open obligations, grouped by how near their due date is."""
    rows = open_obligations()
    if debtor:
        rows = rows.filter(debtor=debtor)
    grouped = Due(today=today)
    horizon = today + dt.timedelta(days=DUE_SOON_DAYS)
    for obligation in rows:
        if obligation.due is None:
            grouped.undated.append(obligation)
        elif obligation.due < today:
            grouped.overdue.append(obligation)
        elif obligation.due <= horizon:
            grouped.soon.append(obligation)
        else:
            grouped.later.append(obligation)
    return grouped


def recently_decided(today: dt.date, days: int = DUE_SOON_DAYS) -> QuerySet[Obligation]:
    """Obligations whose status changed in the last days (met, partly met, lapsed, waived)."""
    return (
        Obligation.objects.exclude(status=ObligationStatus.OPEN)
        .filter(status_on__gte=today - dt.timedelta(days=days), status_on__lte=today)
        .select_related("contract", "product")
        .order_by("-status_on", "id")
    )
