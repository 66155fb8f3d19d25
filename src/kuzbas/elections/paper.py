"""The ballot paper as a member sees it, on the election's ballot page and on the meeting's
"vote now" screen alike: who may vote, whether they have, and a refused ballot kept as posted."""

from __future__ import annotations

import re

from django.http import HttpRequest
from django.utils.translation import gettext as _

from kuzbas.core.errors import DomainError
from kuzbas.core.rights import Right, has_right
from kuzbas.elections.models import (
    Election,
    ElectionParticipation,
    ElectionRoll,
    ElectionStatus,
    Method,
)
from kuzbas.meetings.models import AgendaItem, Attendance
from kuzbas.meetings.selectors import item_of_election

_PLACE = re.compile(r"^marks\[(\d+)\]$")


def may_vote(user, election: Election) -> bool:
    person = getattr(user, "person_id", None)
    return bool(
        person
        and election.status == ElectionStatus.VOTING
        and has_right(user, Right.GOVERNANCE_VOTE)
        and ElectionRoll.objects.filter(election=election, person_id=person).exists()
    )


def voted(user, election: Election) -> bool:
    person = getattr(user, "person_id", None)
    return bool(
        person and ElectionParticipation.objects.filter(election=election, voter_id=person).exists()
    )


def marks_posted(request: HttpRequest, election: Election) -> list[str]:
    """Return the ballot as posted: STV choices in rank order, blanks skipped; or the ticks."""
    field = "rank" if election.method == Method.STV else "mark"
    return [value.strip() for value in request.POST.getlist(field) if value.strip()]


def problems_of(error: DomainError) -> list[str]:
    """Return one line per problem of a refused ballot, each saying which choice it is about."""
    lines = []
    for problem in getattr(error, "problems", []):
        place = _PLACE.match(problem.field or "")
        message = problem.message[:1].upper() + problem.message[1:]
        if place:
            message = _("Choice %(n)s: %(problem)s") % {"n": place[1], "problem": problem.message}
        lines.append(message)
    return lines


def paper_context(
    request: HttpRequest, election: Election, item: AgendaItem | None = None, *, marks=()
) -> dict:
    """Return what the paper shows this member; `marks` are a refused ballot's, kept."""
    item = item if item is not None else item_of_election(election)
    person = getattr(request.user, "person_id", None)
    checked_in = item is None or (
        person is not None
        and Attendance.objects.filter(meeting=item.meeting, person_id=person).exists()
    )
    candidates = list(election.candidates.select_related("person"))
    ranked = list(marks) + [""] * (len(candidates) - len(marks))
    return {
        "election": election,
        "candidates": candidates,
        "ranks": list(enumerate(ranked[: len(candidates)], 1)),
        "marks": list(marks),
        "item": item,
        "checked_in": checked_in,
        "may_vote": may_vote(request.user, election),
        "voted": voted(request.user, election),
    }
