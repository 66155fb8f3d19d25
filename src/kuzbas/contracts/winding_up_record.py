"""What the record already says of the enterprise's end, to fill the winding-up form.

The record's events name a liquidation and, before it, the decision of the body that ordered
it; a body of the record established when the enterprise ended is its successor. For the
colony: the STO's conference of 22 December 1926, the liquidation of 1 January 1927, and
Kuzbassugol (each event cites the seed). The winding-up page shows what running it would do on
those dates; nothing is recorded until the competent body's decision is entered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from kuzbas.governance.models import Body
from kuzbas.record.models import Event, EventKind, EventLink
from kuzbas.statute.bodies import BodyKind

DECIDING = (BodyKind.GENERAL_MEETING.value, BodyKind.OUTSIDE_AUTHORITY.value)


@dataclass
class RecordedEnd:
    """The dates, the deciding body and the successor the record gives, with its events."""

    effective_on: dt.date | None = None
    decided_on: dt.date | None = None
    body: Body | None = None
    successor: str = ""
    events: list[Event] = field(default_factory=list)


def recorded_end() -> RecordedEnd:
    """Return what the record says of the enterprise's end (empty where it says nothing)."""
    found = RecordedEnd()
    end = (
        Event.objects.filter(kind=EventKind.LIQUIDATION, version_of__isnull=True)
        .order_by("date", "pk")
        .first()
    )
    if end is None:
        return found
    found.effective_on = end.date
    found.events.append(end)
    bodies = ContentType.objects.get_for_model(Body)
    decisions = Event.objects.filter(
        kind=EventKind.DECISION, date__lte=end.date, version_of__isnull=True
    ).order_by("-date", "-pk")
    for decision in decisions[:20]:
        ids = EventLink.objects.filter(event=decision, content_type=bodies).values_list(
            "object_id", flat=True
        )
        body = Body.objects.filter(pk__in=list(ids), kind__in=DECIDING).first()
        if body is not None:
            found.decided_on, found.body = decision.date, body
            found.events.insert(0, decision)
            break
    year = dt.timedelta(days=366)
    successor = (
        Body.objects.filter(
            kind="external", established__gte=end.date, established__lt=end.date + year
        )
        .order_by("established", "pk")
        .first()
    )
    if successor is not None:
        found.successor = successor.name
    return found
