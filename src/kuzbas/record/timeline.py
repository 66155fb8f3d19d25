"""The timeline's items, and the providers each area registers to put its records on it.

A register entry, a meeting, a member's arrival or a transfer is an event without being typed
again: the app that keeps it registers a provider (`register_provider`) from its
`AppConfig.ready()`, and the timeline asks every provider at read time. Nothing is copied into
the record's tables, so an item can never disagree with the row it comes from. Events entered by
hand (`record.Event`) come through the record's own provider, with their versions.

A provider is called with the reading user and the window, and returns only what that user may
see (it checks its app's view right itself).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kuzbas.core.dates import format_partial


@dataclass(frozen=True)
class Ref:
    """A person or body on an item: its key (the identifier its pages use), name and page."""

    key: str
    name: str
    url: str = ""


@dataclass(frozen=True)
class SourceRef:
    """A citation as the timeline shows it: the source (none if illustrative) and its place."""

    key: str  # "" for an illustrative mark
    reference: str
    locator: str
    status: str
    note: str = ""

    @property
    def is_illustrative(self) -> bool:
        return self.status == "illustrative"


@dataclass(frozen=True)
class Version:
    """One source's account of an event where sources disagree: its date, words and sources."""

    date: dt.date
    precision: str
    title: str
    description: str
    sources: tuple[SourceRef, ...]
    url: str = ""

    @property
    def when(self) -> str:
        return format_partial(self.date, self.precision)


@dataclass(frozen=True)
class Item:
    """One thing on the timeline, hand-entered or derived from a record."""

    uid: str  # "record.event:coke-plant", "governance.decision:1": unique on the timeline
    kind: str  # an EventKind value
    title: str
    date: dt.date
    precision: str
    url: str
    origin: str  # what it comes from, shown to the reader: "event", "register entry", …
    end: dt.date | None = None
    end_precision: str = ""
    place: str = ""
    description: str = ""
    people: tuple[Ref, ...] = ()
    bodies: tuple[Ref, ...] = ()
    records: tuple[Ref, ...] = ()  # the records it concerns: a decision, a meeting, a unit
    sources: tuple[SourceRef, ...] = ()
    versions: tuple[Version, ...] = field(default=())

    @property
    def when(self) -> str:
        start = format_partial(self.date, self.precision)
        if self.end is None:
            return start
        return f"{start} – {format_partial(self.end, self.end_precision)}"

    @property
    def last_day(self) -> dt.date:
        """Return the last day the item covers: its end, or the end of its month or year."""
        if self.end is not None:
            return self.end
        if self.precision == "year":
            return dt.date(self.date.year, 12, 31)
        if self.precision == "month":
            following = dt.date(self.date.year + self.date.month // 12, self.date.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return self.date

    @property
    def kind_label(self) -> str:
        from kuzbas.record.models import EventKind

        return str(EventKind(self.kind).label) if self.kind in EventKind.values else self.kind

    @property
    def disputed(self) -> bool:
        return bool(self.versions)

    @property
    def source_keys(self) -> set[str]:
        keys = {s.key for s in self.sources if s.key}
        for version in self.versions:
            keys |= {s.key for s in version.sources if s.key}
        return keys


@dataclass(frozen=True)
class Window:
    """The span of days the timeline shows."""

    start: dt.date
    end: dt.date

    def holds(self, item: Item) -> bool:
        return item.date <= self.end and item.last_day >= self.start


Provider = Callable[[object, Window], Iterable[Item]]
_providers: dict[str, Provider] = {}


def register_provider(name: str, provider: Provider) -> Provider:
    """Put an app's records on the timeline; called from its ready() (once per name)."""
    _providers[name] = provider
    return provider


def providers() -> dict[str, Provider]:
    return dict(_providers)


def source_refs(citations: Iterable) -> tuple[SourceRef, ...]:
    """Return the (prefetched) citations of a record as the timeline shows them."""
    return tuple(
        SourceRef(
            key=c.source.key if c.source_id else "",
            reference=c.source.reference if c.source_id else "",
            locator=c.locator,
            status=c.status,
            note=c.note,
        )
        for c in citations
    )
