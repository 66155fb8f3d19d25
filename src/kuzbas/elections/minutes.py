"""What an election adds to the minutes of the meeting that held it: the names elected, the
count, and its entry in the decision register (registered with the minutes in `apps`)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from kuzbas.elections.models import ElectionResult
from kuzbas.governance.models import Decision
from kuzbas.meetings.minutes import ItemSection, named
from kuzbas.meetings.models import AgendaItem


def election_section(item: AgendaItem) -> ItemSection | None:
    """Return an election item's count for the minutes, or None before it is counted."""
    if item.election_id is None:
        return None
    result = (
        ElectionResult.objects.select_related("election__motion__decision")
        .filter(election_id=item.election_id)
        .first()
    )
    if result is None:
        return None
    names = {
        c.person.key: str(c.person) for c in result.election.candidates.select_related("person")
    }
    elected = ", ".join(names.get(key, key) for key in result.elected)
    motion_id = result.election.motion_id
    return ItemSection(
        name="election-result",
        url=reverse("elections:election", args=[item.election_id]),
        label=_("Election"),
        outcome=elected,
        verb=_("elected"),
        summary=f"Election: {elected} elected",
        text=named(result.explanation, names),
        decision=Decision.objects.filter(motion_id=motion_id).first() if motion_id else None,
    )
