"""The election's item on a meeting's agenda: the one place elections write meetings' rows.

These writes go through meetings' services once meetings offers them."""

from __future__ import annotations

import datetime as dt

from kuzbas.elections.models import Election
from kuzbas.meetings.models import AgendaItem, Meeting


def item_of(election: Election) -> AgendaItem | None:
    return AgendaItem.objects.select_related("meeting").filter(election=election).first()


def set_item_status(election: Election, status: str) -> None:
    AgendaItem.objects.filter(election=election).update(status=status)


def add_item(*, actor, meeting: Meeting, election: Election, as_of: dt.date) -> AgendaItem:
    """Put the election on the meeting's agenda, last."""
    from kuzbas.meetings import services as meetings

    item = meetings.add_item(
        actor=actor, meeting=meeting, kind="election", title=election.title, as_of=as_of
    )
    AgendaItem.objects.filter(pk=item.pk).update(election=election)
    return item
