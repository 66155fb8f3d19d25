"""Reads of a meeting that the services, the pages, the API and the minutes share."""

from __future__ import annotations

from django.db import models

from kuzbas.governance.models import Motion, MotionStatus
from kuzbas.meetings.models import AgendaItem, Amendment, Meeting, Speaker, SpeakerStatus

UNDECIDED = (MotionStatus.FILED, MotionStatus.VOTING)


def motions_of(item: AgendaItem) -> list[Motion]:
    """Return the item's motions in voting order: its amendments first, then the motion."""
    amendments = [a.motion for a in item.amendments.select_related("motion", "motion__body")]
    return [*amendments, *([item.motion] if item.motion_id else [])]


def agenda_of(meeting: Meeting) -> list[AgendaItem]:
    """Return the meeting's items as its page shows them, in a fixed number of queries.

    Each item carries `motions` (in voting order, as `motions_of`, each with its `decision`
    read), `queue` (as `queue`), `amends` (an amendment's number: the number of the motion it
    amends) and `pending`: for each of its motions, the amendments still undecided that must
    go first.
    """
    waiting = models.Prefetch(
        "speakers",
        queryset=Speaker.objects.filter(status=SpeakerStatus.WAITING)
        .select_related("person")
        .order_by("-point_of_order", "requested_at", "pk"),
        to_attr="queue",
    )
    amendments = models.Prefetch(
        "amendments",
        queryset=Amendment.objects.select_related(
            "motion", "motion__body", "motion__decision", "amends"
        ),
        to_attr="amendment_rows",
    )
    items = list(
        meeting.items.select_related("motion", "motion__decision", "election").prefetch_related(
            waiting, amendments
        )
    )
    for item in items:
        item.motions = [
            *(a.motion for a in item.amendment_rows),
            *([item.motion] if item.motion_id else []),
        ]
        item.amends = {row.motion_id: row.amends.number for row in item.amendment_rows}
        item.pending = {}
        for row in item.amendment_rows:
            if row.motion.status in UNDECIDED:
                item.pending.setdefault(row.amends_id, []).append(row.motion)
    return items


def queue(item: AgendaItem) -> list[Speaker]:
    """Return who waits to speak on an item, in the order they will be called."""
    return list(
        item.speakers.filter(status=SpeakerStatus.WAITING)
        .select_related("person")
        .order_by("-point_of_order", "requested_at", "pk")
    )


def votes_open(meeting: Meeting) -> bool:
    """Return whether any motion of the meeting, an amendment to one, or an election on its
    agenda is being voted on."""
    motions = Motion.objects.filter(
        models.Q(agenda_items__meeting=meeting) | models.Q(amendment__item__meeting=meeting),
        status=MotionStatus.VOTING,
    )
    elections = meeting.items.filter(election__status="voting")
    return motions.exists() or elections.exists()


def item_of_election(election: models.Model) -> AgendaItem | None:
    """Return the agenda item that carries an election (a `kuzbas.elections` Election), with
    its meeting, or None when the election is on no agenda."""
    return AgendaItem.objects.select_related("meeting").filter(election=election).first()
