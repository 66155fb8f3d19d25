from __future__ import annotations

import datetime as dt
from fractions import Fraction

from django.db.models import QuerySet

from kuzbas.governance.models import (
    Ballot,
    Body,
    Choice,
    Motion,
    MotionStatus,
    Proxy,
    RollEntry,
)
from kuzbas.governance.statutes import stored_history
from kuzbas.members.selectors import covering
from kuzbas.record.selectors import citations_prefetch
from kuzbas.statute import NotInForce, statute_as_of
from kuzbas.statute.model import BallotKind


def bodies() -> QuerySet[Body]:
    """Return every body with its site and citations, in three queries."""
    return Body.objects.select_related("site").prefetch_related(citations_prefetch())


def proxies_on(body: Body, day: dt.date) -> QuerySet[Proxy]:
    """Return the proxies given in a body that apply on a day, with giver and holder."""
    return Proxy.objects.filter(covering(day), body=body).select_related("giver", "holder")


def proxies_allowed(body: Body, day: dt.date) -> int:
    """Return how many proxies one voter may hold in the body on a day (0: none)."""
    try:
        statute = statute_as_of(stored_history(), day)
    except NotInForce:
        return 0
    found = statute.body(body.key)
    procedure = statute.procedure_for_body(found) if found else None
    return procedure.proxies_per_holder if procedure else 0


def live_counts(motion: Motion) -> dict[str, str] | None:
    """Return the running totals of an open vote where the statute shows them, else None.

    Only a named (or counted) ballot may have them: the statute refuses running totals on a
    secret ballot, since watching them tick as a member votes would tell the choice.
    """
    if motion.status != MotionStatus.VOTING or motion.vote_opened_on is None:
        return None
    try:
        statute = statute_as_of(stored_history(), motion.vote_opened_on)
    except NotInForce:
        return None
    found = statute.body(motion.body.key)
    procedure = statute.procedure_for_body(found, motion.matter) if found else None
    if procedure is None or not procedure.live_counts or procedure.ballot is BallotKind.SECRET:
        return None
    weights = dict(RollEntry.objects.filter(motion=motion).values_list("person_id", "weight"))
    totals = dict.fromkeys(Choice.values, Fraction(0))
    for voter, choice in Ballot.objects.filter(motion=motion).values_list("voter_id", "choice"):
        totals[choice] += Fraction(weights.get(voter, "1"))
    return {choice: str(total) for choice, total in totals.items()}
