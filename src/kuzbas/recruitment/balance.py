"""The political balance of applicants, as counts per group only: a cell under five is shown
as "<5", and where that one small cell could be worked out from the others and the total, the
next smallest is withheld too. No function here returns anything about one person."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from kuzbas.recruitment.models import Affiliation

SMALL = 5
HIDDEN = "<5"
WITHHELD = "—"


@dataclass(frozen=True)
class Cell:
    group: str
    shown: str  # a number, "<5", or "—" (withheld so that a small cell cannot be worked out)


def cells(counts: dict[str, int]) -> list[Cell]:
    """Return the groups' counts as they may be shown."""
    shown = {g: (HIDDEN if n < SMALL else str(n)) for g, n in counts.items()}
    small = [g for g, s in shown.items() if s == HIDDEN]
    if len(small) == 1:
        larger = sorted((n, g) for g, n in counts.items() if shown[g] != HIDDEN)
        if larger:
            shown[larger[0][1]] = WITHHELD
    return [Cell(g, shown[g]) for g in counts]


def of_applications(applications, groups: list[str]) -> list[Cell]:
    """Return the balance of a set of applications over the groups given, and those who did not
    say, each as it may be shown."""
    counted = dict(
        Affiliation.objects.filter(application__in=applications)
        .values_list("group")
        .annotate(n=Count("id"))
        .values_list("group", "n")
    )
    counts = {g: counted.get(g, 0) for g in [*groups, *sorted(set(counted) - set(groups))]}
    counts[str(_("not given"))] = applications.count() - sum(counted.values())
    return cells(counts)
