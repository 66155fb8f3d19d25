"""An election on a meeting's agenda, on the meeting's "vote now" screen and its projector
(registered with `meetings.screen` from `ElectionsConfig.ready`): the ballot paper while voting
is open, the names elected once counted, and the turnout for the hall."""

from __future__ import annotations

from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from kuzbas.elections.models import Election, ElectionResult, ElectionStatus
from kuzbas.elections.paper import paper_context
from kuzbas.meetings.models import AgendaItem
from kuzbas.meetings.screen import ScreenKind, register_kind


def _election(item: AgendaItem) -> Election:
    return Election.objects.select_related("seat").get(pk=item.election_id)


def _result(election: Election) -> dict:
    """The names elected, in the order elected, once the election is counted."""
    if election.status != ElectionStatus.CLOSED:
        return {}
    result = ElectionResult.objects.filter(election=election).first()
    if result is None:
        return {}
    names = {c.person.key: str(c.person) for c in election.candidates.select_related("person")}
    return {"result": result, "elected": [names.get(k, k) for k in result.elected]}


def ballot(request, item: AgendaItem) -> str:
    election = _election(item)
    context = {**_result(election), "csrf_token": get_token(request)}
    if election.status == ElectionStatus.VOTING:
        context.update(paper_context(request, election, item))
    context["election"] = election
    # The screen is rendered without context processors (it is what phones poll).
    return mark_safe(render_to_string("elections/_vote_now.html", context))  # noqa: S308


def projector(item: AgendaItem) -> str:
    election = _election(item)
    context = {"election": election, **_result(election)}
    counts = turnout(item)
    if counts is not None:
        context["voted"], context["roll"] = counts
    return mark_safe(render_to_string("elections/_projector.html", context))  # noqa: S308


def turnout(item: AgendaItem) -> tuple[int, int] | None:
    """Return how many on the roll have voted, and how many are on it, while voting is open."""
    election = Election.objects.get(pk=item.election_id)
    if election.status != ElectionStatus.VOTING:
        return None
    return election.participations.count(), election.roll.count()


KIND = register_kind(
    ScreenKind(
        name="election",
        carries=lambda item: item.election_id is not None,
        ballot=ballot,
        projector=projector,
        turnout=turnout,
    )
)
