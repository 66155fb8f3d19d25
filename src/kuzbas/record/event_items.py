"""Events entered by hand, as timeline items with their links, sources and versions."""

from __future__ import annotations

from collections import defaultdict

from django.urls import reverse
from django.utils.translation import gettext as _

from kuzbas.record.access import reads_the_record
from kuzbas.record.citable import citable_of
from kuzbas.record.event_services import BODY, PERSON
from kuzbas.record.models import Event, EventLink, EventRole
from kuzbas.record.selectors import citations_prefetch
from kuzbas.record.timeline import Item, Ref, Version, Window, register_provider, source_refs


def events_query():
    """Events that stand first (not another version), with everything an item shows."""
    return Event.objects.filter(version_of=None).prefetch_related(
        citations_prefetch(),
        "links__content_type",
        "versions",
        citations_prefetch("versions__citations"),
    )


def linked(links: list[EventLink]) -> dict[int, tuple[str, str, object]]:
    """Return each link's target as (kind, role, row), fetching each kind in one query."""
    ids = defaultdict(list)
    for link in links:
        ids[link.content_type].append(link.object_id)
    rows = {}
    for ctype, pks in ids.items():
        model = ctype.model_class()
        if model is None:
            continue
        for obj in model._default_manager.filter(pk__in=pks):
            rows[(ctype.pk, obj.pk)] = obj
    out = {}
    for link in links:
        obj = rows.get((link.content_type_id, link.object_id))
        if obj is not None:
            out[link.pk] = (obj._meta.label_lower, link.role, obj)
    return out


def _ref(obj) -> Ref:
    entry = citable_of(obj)
    if entry is None:
        return Ref(key=str(obj.pk), name=str(obj))
    return Ref(key=entry.identify(obj), name=str(obj), url=entry.page(obj))


def item_of(event: Event, targets: dict[int, tuple[str, str, object]]) -> Item:
    people, bodies, records = [], [], []
    for link in event.links.all():
        if link.pk not in targets:
            continue
        kind, role, obj = targets[link.pk]
        ref = _ref(obj)
        if role == EventRole.INVOLVED and kind == PERSON:
            people.append(ref)
        elif role == EventRole.INVOLVED and kind == BODY:
            bodies.append(ref)
        else:
            records.append(ref)
    url = reverse("record:event", args=[event.key])
    versions = tuple(
        Version(
            date=v.date,
            precision=v.precision,
            title=v.title,
            description=v.description,
            sources=source_refs(v.citations.all()),
            url=reverse("record:event", args=[v.key]),
        )
        for v in sorted(event.versions.all(), key=lambda v: (v.date, v.key))
    )
    return Item(
        uid=f"record.event:{event.key}",
        kind=event.kind,
        title=event.title,
        date=event.date,
        precision=event.precision,
        end=event.end,
        end_precision=event.end_precision,
        place=event.place,
        description=event.description,
        url=url,
        origin=_("event"),
        people=tuple(people),
        bodies=tuple(bodies),
        records=tuple(records),
        sources=source_refs(event.citations.all()),
        versions=versions,
    )


def hand_entered(user, window: Window) -> list[Item]:
    """The events entered by hand, for a user who may read the record (anyone, if public)."""
    if not reads_the_record(user):
        return []
    events = list(events_query())
    links = [link for event in events for link in event.links.all()]
    targets = linked(links)
    return [item_of(event, targets) for event in events]


register_provider("record.event", hand_entered)
