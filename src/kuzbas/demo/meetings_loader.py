"""Load the colony's meetings from `data/meetings.toml` through the meetings services.

Called by the demo loader after governance (a meeting links register entries, never records
them twice), inside its transaction.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.utils import timezone

from kuzbas.core.dates import Precision, parse_partial
from kuzbas.core.errors import NotFound
from kuzbas.demo.citing import citations_from
from kuzbas.elections.services import calling
from kuzbas.governance.models import Motion
from kuzbas.meetings.models import Meeting, MeetingStatus
from kuzbas.meetings.services import agenda, attendance
from kuzbas.meetings.services.chair import close_meeting, open_meeting
from kuzbas.members.models import Person, User
from kuzbas.record.models import Source

DATA_DIR = Path(__file__).parent / "data"
Progress = Callable[[str, int, int], None]


def read(name: str) -> dict[str, Any]:
    # Not imported from the demo loader, which imports this module.
    with (DATA_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


def _convened(row: dict) -> tuple[dt.datetime, str]:
    """Return when a meeting sat, no more precisely than known, and that precision."""
    value = row["convened_for"]
    if "T" in value:
        return timezone.make_aware(dt.datetime.fromisoformat(value)), Precision.DAY
    day, precision = parse_partial(value, field=f"meeting {row['key']}: convened_for")
    # Two meetings known only to the month keep their order by a day within it.
    day += dt.timedelta(days=row.get("order_in_month", 1) - 1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12))), precision


def _registered_motion(title: str, where: str) -> Motion:
    motion = Motion.objects.filter(title=title, decision__isnull=False).first()
    if motion is None:
        raise NotFound(f"{where}: no decided motion titled {title!r} in the register")
    return motion


def load_meetings(*, actor, progress: Progress | None = None) -> list[Meeting]:
    """Load every meeting of `meetings.toml`; the caller holds the transaction."""
    tell = progress or (lambda *_: None)
    data = read("meetings.toml")
    shared = read("governance.toml")["n7"]["sources"]
    sources = {s.key: s for s in Source.objects.all()}
    rows = data["meeting"]
    loaded = []
    for n, row in enumerate(rows, 1):
        where = f"meeting {row['key']}"
        convened_for, precision = _convened(row)
        chair = User.objects.get(username=row["chair"]) if row.get("chair") else None
        specs = (shared if row.get("n7") else []) + row.get("sources", [])
        meeting = agenda.convene(
            actor=actor,
            body=row["body"],
            title=row["title"],
            convened_for=convened_for,
            convened_precision=precision,
            place=row.get("place", ""),
            notes=row.get("notes", ""),
            chair=chair,
            chair_label=None if chair else "",
            citations=citations_from(specs, sources, where),
        )
        as_of = convened_for.date()
        for item in row.get("item", []):
            motion = None
            if item.get("motion_title"):
                motion = _registered_motion(item["motion_title"], where)
            agenda.add_item(
                actor=actor,
                meeting=meeting,
                kind=item["kind"],
                title=item["title"],
                text=item.get("text", ""),
                matter=item.get("matter", ""),
                motion=motion,
                as_of=as_of,
                citations=citations_from(item.get("sources", []), sources, where),
            )
        for spec in row.get("election", []):
            calling.create_election(
                actor=actor,
                title=spec["title"],
                seat=spec["seat"],
                seats=spec["places"],
                method=spec["method"],
                candidates=spec["candidates"],
                as_of=as_of,
                meeting=meeting,
                citations=citations_from(spec.get("sources", []), sources, where),
            )
        if row["status"] in (MeetingStatus.OPEN, MeetingStatus.CLOSED):
            meeting = open_meeting(actor=actor, meeting=meeting)
        for key in row.get("present", []):
            attendance.register_attendance(
                actor=actor, meeting=meeting, person=Person.objects.get(key=key)
            )
        if row["status"] == MeetingStatus.CLOSED:
            meeting = close_meeting(actor=actor, meeting=meeting)
        loaded.append(meeting)
        tell("meetings", n, len(rows))
    return loaded
