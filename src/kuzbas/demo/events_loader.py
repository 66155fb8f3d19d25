"""Load the colony's dated events and the two periodizations (`data/events.toml`,
`data/periodizations.toml`) through the record's services. Entries marked `[[derived]]` are
already on the timeline from other areas' records and are not entered again."""

from __future__ import annotations

from django.db import transaction

from kuzbas.demo.citing import citations_from
from kuzbas.demo.loader import Progress, read
from kuzbas.record.event_services import add_periodization, create_event
from kuzbas.record.models import Source

EVENT_FIELDS = ("key", "title", "kind", "date", "end", "place", "description", "version_of")


@transaction.atomic
def load_events(*, actor, progress: Progress | None = None) -> None:
    """Enter every hand-made event of the list, then the periodizations."""
    report = progress or (lambda *_: None)
    sources = {s.key: s for s in Source.objects.all()}
    rows = read("events.toml")["event"]
    # An event that gives another source's version comes after the one it disputes.
    rows = sorted(rows, key=lambda row: bool(row.get("version_of")))
    for n, row in enumerate(rows, 1):
        where = f"event {row['key']}"
        create_event(
            actor=actor,
            people=row.get("people", []),
            bodies=row.get("bodies", []),
            citations=citations_from(row.get("sources", []), sources, where),
            **{name: row[name] for name in EVENT_FIELDS if name in row},
        )
        report("events", n, len(rows))
    rows = read("periodizations.toml")["periodization"]
    for n, row in enumerate(rows, 1):
        where = f"periodization {row['key']}"
        periods = [
            {
                **{k: v for k, v in period.items() if k != "sources"},
                "citations": citations_from(period.get("sources", []), sources, where),
            }
            for period in row["period"]
        ]
        add_periodization(
            actor=actor,
            key=row["key"],
            author=row["author"],
            work=row["work"],
            note=row.get("note", ""),
            periods=periods,
            citations=citations_from(row.get("sources", []), sources, where),
        )
        report("periodizations", n, len(rows))
