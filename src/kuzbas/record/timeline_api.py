"""The timeline through the API: events (read and entered by hand) and periodizations.

Routes on the record's router (`kuzbas.record.api.router`), kept in their own module.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Schema, Status

from kuzbas.core.errors import NotFound
from kuzbas.core.rights import Right, require
from kuzbas.record import access
from kuzbas.record.api import CitationOut, CitedObject, citations_out, router
from kuzbas.record.models import Evidence


class RefOut(Schema):
    key: str
    name: str
    url: str


class SourceRefOut(Schema):
    source: str | None
    reference: str | None
    locator: str
    status: str
    note: str


class VersionOut(Schema):
    when: str
    date: str
    precision: str
    title: str
    description: str
    url: str
    sources: list[SourceRefOut]


class EventOut(Schema):
    """An item of the timeline: an event entered by hand or one derived from a record."""

    id: str
    kind: str
    title: str
    when: str
    date: str
    precision: str
    end: str | None
    end_precision: str
    place: str
    description: str
    url: str
    origin: str
    people: list[RefOut]
    bodies: list[RefOut]
    records: list[RefOut]
    sources: list[SourceRefOut]
    disputed: bool
    versions: list[VersionOut]


def _source_refs(refs) -> list[dict]:
    return [
        {
            "source": r.key or None,
            "reference": r.reference or None,
            "locator": r.locator,
            "status": r.status,
            "note": r.note,
        }
        for r in refs
    ]


def _event_out(item) -> dict:
    refs = lambda rows: [{"key": r.key, "name": r.name, "url": r.url} for r in rows]  # noqa: E731
    return {
        "id": item.uid,
        "kind": item.kind,
        "title": item.title,
        "when": item.when,
        "date": item.date.isoformat(),
        "precision": item.precision,
        "end": item.end.isoformat() if item.end else None,
        "end_precision": item.end_precision,
        "place": item.place,
        "description": item.description,
        "url": item.url,
        "origin": str(item.origin),
        "people": refs(item.people),
        "bodies": refs(item.bodies),
        "records": refs(item.records),
        "sources": _source_refs(item.sources),
        "disputed": item.disputed,
        "versions": [
            {
                "when": v.when,
                "date": v.date.isoformat(),
                "precision": v.precision,
                "title": v.title,
                "description": v.description,
                "url": v.url,
                "sources": _source_refs(v.sources),
            }
            for v in item.versions
        ],
    }


class EventFilters(Schema):
    kind: str = ""
    person: str = ""
    body: str = ""
    source: str = ""
    # The window, as partial dates (YYYY, YYYY-MM or YYYY-MM-DD), named as on the page.
    start: str = Field("", alias="from")
    end: str = Field("", alias="to")


@router.get("/events", response=list[EventOut], summary="The timeline's events, filtered")
def list_events(request: HttpRequest, filters: Query[EventFilters]):
    """Every event the user may see (entered by hand or derived from the register, meetings,
    memberships, production), in the window `start`–`end` (default: the enterprise's life)."""
    from kuzbas.record.chronology import Filters, timeline_for

    timeline = timeline_for(
        request.user,
        Filters(
            kind=filters.kind.strip(),
            person=filters.person.strip(),
            body=filters.body.strip(),
            source=filters.source.strip(),
            start=filters.start.strip(),
            end=filters.end.strip(),
        ),
    )
    return [_event_out(item) for item in timeline.items]


class EventIn(Schema):
    key: str
    title: str
    kind: str
    date: str
    end: str = ""
    place: str = ""
    description: str = ""
    people: list[str] = []
    bodies: list[str] = []
    # Records the event concerns: [{"type": "governance.decision", "id": "1"}].
    concerns: list[CitedObject] = []
    version_of: str = ""
    # Citations: [{"source": key, "locator": "p. 3"}] or {"status": "illustrative", "note": ...}.
    citations: list[dict[str, str]] = []


@router.post("/events", response={201: EventOut}, summary="Enter an event by hand")
def create_event(request: HttpRequest, payload: EventIn):
    from kuzbas.core.errors import Invalid, Problem
    from kuzbas.record.event_items import events_query, item_of, linked
    from kuzbas.record.event_services import create_event as create

    require(request.user, Right.RECORD_EDIT)
    citations = []
    for n, spec in enumerate(payload.citations, 1):
        key = (spec.get("source") or "").strip()
        try:
            source = access.source_named(key, field=f"citations[{n}].source") if key else None
        except NotFound as error:
            raise Invalid(
                problems=[Problem(error.message, field=f"citations[{n}].source")]
            ) from None
        citations.append(
            {
                "source": source,
                "locator": spec.get("locator", "").strip(),
                "status": spec.get("status", Evidence.DOCUMENTED),
                "note": spec.get("note", "").strip(),
            }
        )
    event = create(
        actor=request.user,
        key=payload.key,
        title=payload.title,
        kind=payload.kind,
        date=payload.date,
        end=payload.end,
        place=payload.place,
        description=payload.description,
        people=payload.people,
        bodies=payload.bodies,
        concerns=[(c.type, c.id) for c in payload.concerns],
        version_of=payload.version_of,
        citations=citations,
    )
    first = events_query().get(pk=(event.version_of_id or event.pk))
    return Status(201, _event_out(item_of(first, linked(list(first.links.all())))))


class PeriodOut(Schema):
    order: int
    number: str
    track: str
    name: str
    when: str
    start: str
    start_precision: str
    end: str
    end_precision: str
    bounds_as_printed: str
    characterisation: str
    wording: str
    citations: list[CitationOut]


class PeriodizationOut(Schema):
    key: str
    author: str
    work: str
    note: str
    citations: list[CitationOut]
    periods: list[PeriodOut]


@router.get(
    "/periodizations", response=list[PeriodizationOut], summary="Periodizations and their periods"
)
def list_periodizations(request: HttpRequest):
    from kuzbas.record.chronology import periodizations

    require(request.user, Right.RECORD_VIEW)
    return [
        {
            "key": pz.key,
            "author": pz.author,
            "work": pz.work,
            "note": pz.note,
            "citations": citations_out(pz),
            "periods": [
                {
                    "order": p.order,
                    "number": p.number,
                    "track": p.track,
                    "name": p.name,
                    "when": p.when,
                    "start": p.start.isoformat(),
                    "start_precision": p.start_precision,
                    "end": p.end.isoformat(),
                    "end_precision": p.end_precision,
                    "bounds_as_printed": p.bounds_as_printed,
                    "characterisation": p.characterisation,
                    "wording": p.wording,
                    "citations": citations_out(p),
                }
                for p in pz.periods.all()
            ],
        }
        for pz in periodizations()
    ]
