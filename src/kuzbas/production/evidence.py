"""The evidence behind production figures: the documented sources of a plot or a KPI, and the
basis of a report's figure (illustrative, documented with numbered sources, or neither)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, QuerySet, Subquery
from django.utils.translation import gettext as _

from kuzbas.production.models.catalogue import Unit
from kuzbas.production.models.statistics import HeadcountSnapshot, OutputRecord, Plan
from kuzbas.production.periods import period_end
from kuzbas.record.models import Citation, Evidence


def documented(model, records: QuerySet | None) -> list[Citation]:
    """Return the documented citations of the records a queryset selects (None: of every row)."""
    cites = Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(model), status=Evidence.DOCUMENTED
    )
    if records is not None:
        cites = cites.filter(object_id__in=Subquery(records.values("pk")))
    return list(cites.select_related("source").order_by("object_id", "id"))


def reference(citation: Citation) -> str:
    return str(citation.source) + (f", {citation.locator}" if citation.locator else "")


def _headcount_scope(unit: Unit | None) -> QuerySet:
    qs = HeadcountSnapshot.objects.all()
    return qs.filter(unit=unit) if unit is not None else qs.filter(unit__isnull=True)


# Which raw rows a plot is drawn from: its documented sources are theirs.
PLOT_INPUTS = {
    "output": ("output",),
    "headcount": ("headcount",),
    "productivity": ("output", "headcount"),
    "plan": ("output", "plan"),
}
KPI_INPUTS = {
    "output_per_worker": ("output", "headcount"),
    "output_per_production_worker": ("output", "headcount"),
    "office_and_guard_share": ("headcount",),
    "plan_fulfilment": ("output", "plan"),
}


def plot_sources(
    inputs: tuple[str, ...],
    unit: Unit | None,
    first: dt.date | None = None,
    last: dt.date | None = None,
) -> list[str]:
    """Return the sources of the documented figures behind a plot, for a unit or the colony."""
    refs: list[str] = []
    end = period_end("month", last) if last else None
    for kind in inputs:
        if kind == "headcount":
            qs = _headcount_scope(unit)
            if end:
                qs = qs.filter(on__lte=end)
            if first:
                # The count carried into the first month is the latest on or before it.
                start = qs.filter(on__lte=first).aggregate(day=Max("on"))["day"] or first
                qs = qs.filter(on__gte=start)
            model = HeadcountSnapshot
        else:
            model = OutputRecord if kind == "output" else Plan
            # The whole colony's whole record: every documented row, without scanning the
            # (possibly millions of) output rows for the ones that have a citation.
            qs = model.objects.filter(unit=unit) if unit else None
            if first or end:
                qs = model.objects.all() if qs is None else qs
            if first:
                qs = qs.filter(period_start__gte=first)
            if end:
                qs = qs.filter(period_start__lte=end)
        refs += [reference(c) for c in documented(model, qs)]
    return list(dict.fromkeys(refs))


class Sources:
    """The report's numbered list of sources, in the order they are first cited."""

    def __init__(self) -> None:
        self.references: list[str] = []
        self._numbers: dict[str, int] = {}

    def number(self, citation: Citation) -> int:
        ref = reference(citation)
        if ref not in self._numbers:
            self.references.append(ref)
            self._numbers[ref] = len(self.references)
        return self._numbers[ref]

    def numbers(self, citations) -> tuple[int, ...]:
        return tuple(sorted({self.number(c) for c in citations}))


@dataclass(frozen=True)
class Basis:
    """What a figure rests on: generated values, numbered sources, or neither."""

    illustrative: bool
    sources: tuple[int, ...] = ()

    @property
    def label(self) -> str:
        cited = ", ".join(str(n) for n in self.sources)
        if self.illustrative and cited:
            return _("illustrative; documented in part [%(n)s]") % {"n": cited}
        if self.illustrative:
            return _("illustrative")
        if cited:
            return _("documented [%(n)s]") % {"n": cited}
        return _("recorded, no source cited")

    def __or__(self, other: Basis) -> Basis:
        return Basis(
            self.illustrative or other.illustrative,
            tuple(sorted(set(self.sources) | set(other.sources))),
        )


NO_BASIS = Basis(False)
