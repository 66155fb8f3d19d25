"""The election's item on a meeting's agenda, changed only through meetings' services."""

from __future__ import annotations

import datetime as dt

from kuzbas.elections.models import Election
from kuzbas.meetings import selectors
from kuzbas.meetings.models import AgendaItem, ItemKind, Meeting
from kuzbas.meetings.services import agenda, preconditions


def require_the_chair(*, actor, election: Election) -> None:
    """Refuse unless the actor chairs the meeting whose agenda holds the election, if one does:
    its candidates, opening and count are that meeting's business, on the page and the API."""
    item = selectors.item_of_election(election)
    if item is not None:
        preconditions.require_the_chair(actor, item.meeting)


def move_item(*, actor, election: Election, to: str) -> None:
    """Move the election's agenda item (voting when it opens, done when counted), if it has one."""
    item = selectors.item_of_election(election)
    if item is not None:
        agenda.move_item(actor=actor, item=item, to=to)


def add_item(*, actor, meeting: Meeting, election: Election, as_of: dt.date) -> AgendaItem:
    """Put the election on the meeting's agenda, last."""
    item = agenda.add_item(
        actor=actor, meeting=meeting, kind=ItemKind.ELECTION, title=election.title, as_of=as_of
    )
    return agenda.attach_election(actor=actor, item=item, election=election)
