"""The timeline as one read: every provider's items, filtered, in a window, with the
periodizations that stand above it. The page, its image and PDF, and the API share this."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from kuzbas.core.errors import Invalid, Problem
from kuzbas.record.access import require_record_reader
from kuzbas.record.event_services import partial_date
from kuzbas.record.models import EventKind, Period, Periodization
from kuzbas.record.selectors import citations_prefetch
from kuzbas.record.timeline import Item, Ref, Window, providers


@dataclass(frozen=True)
class Filters:
    """What the reader asked for; empty strings mean "any"."""

    kind: str = ""
    person: str = ""
    body: str = ""
    source: str = ""
    start: str = ""  # partial dates bounding the window
    end: str = ""

    @classmethod
    def read(cls, params) -> Filters:
        """Read the filters from a query string ("from" and "to" bound the window)."""
        get = lambda name: str(params.get(name, "") or "").strip()  # noqa: E731
        return cls(
            kind=get("kind"),
            person=get("person"),
            body=get("body"),
            source=get("source"),
            start=get("from"),
            end=get("to"),
        )

    def matches(self, item: Item) -> bool:
        return (
            (not self.kind or item.kind == self.kind)
            and (not self.person or any(p.key == self.person for p in item.people))
            and (not self.body or any(b.key == self.body for b in item.bodies))
            and (not self.source or self.source in item.source_keys)
        )

    @property
    def any(self) -> bool:
        return any((self.kind, self.person, self.body, self.source))


@dataclass(frozen=True)
class Timeline:
    items: list[Item]  # in the window and matching the filters, by date
    outside: int  # items matching the filters but outside the window
    window: Window
    whole: Window  # the span the timeline shows unzoomed
    periodizations: list[Periodization]
    people: list[Ref]  # everyone on any item: the person filter's choices
    bodies: list[Ref]
    sources: list[tuple[str, str]]  # (key, reference) of every source cited on an item


def periodizations() -> list[Periodization]:
    """Every periodization with its periods and citations, in a fixed number of queries."""
    periods = Period.objects.prefetch_related(citations_prefetch()).order_by("order")
    return list(
        Periodization.objects.prefetch_related(
            citations_prefetch(), Prefetch("periods", queryset=periods)
        )
    )


def gather(user) -> list[Item]:
    """Every item every provider gives this user, by date (the window applied later)."""
    everything = Window(dt.date.min, dt.date.max)
    items: list[Item] = []
    for provide in providers().values():
        items += provide(user, everything)
    return sorted(items, key=lambda i: (i.date, i.last_day, i.title, i.uid))


def _whole(items: list[Item], bands: list[Periodization]) -> Window:
    """The enterprise's life: the periodizations' span if there are any, else the items'."""
    periods = [p for pz in bands for p in pz.periods.all()]
    if periods:
        return Window(min(p.start for p in periods), max(p.end for p in periods))
    if items:
        return Window(items[0].date, max(i.last_day for i in items))
    today = dt.date.today()
    return Window(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))


def timeline_for(user, filters: Filters) -> Timeline:
    """Return the timeline a user may see, filtered and windowed; Invalid naming a bad filter.

    With the record public (`KUZBAS_PUBLIC_RECORD`) a visitor sees the history entered by hand
    and the periodizations; each other area's items still need that area's right.
    """
    require_record_reader(user)
    problems = []
    if filters.kind and filters.kind not in EventKind.values:
        problems.append(Problem(_("Choose a kind of event."), field="kind"))
    start = end = None
    for name, text, is_end in (("from", filters.start, False), ("to", filters.end, True)):
        if text:
            try:
                day, _precision = partial_date(text, field=name, end=is_end)
            except Invalid as error:
                problems += error.problems
            else:
                start, end = (start, day) if is_end else (day, end)
    if start and end and end < start:
        problems.append(Problem(_("The end of the window comes before its start."), field="to"))
    if problems:
        raise Invalid(problems=problems)
    items = gather(user)
    bands = periodizations()
    whole = _whole(items, bands)
    window = Window(start or whole.start, end or whole.end)
    matching = [i for i in items if filters.matches(i)]
    shown = [i for i in matching if window.holds(i)]
    people = {p.key: p for i in items for p in i.people}
    bodies = {b.key: b for i in items for b in i.bodies}
    sources = {}
    for item in items:
        for ref in (*item.sources, *(s for v in item.versions for s in v.sources)):
            if ref.key:
                sources[ref.key] = ref.reference
    return Timeline(
        items=shown,
        outside=len(matching) - len(shown),
        window=window,
        whole=whole,
        periodizations=bands,
        people=sorted(people.values(), key=lambda r: r.name),
        bodies=sorted(bodies.values(), key=lambda r: r.name),
        sources=sorted(sources.items()),
    )
