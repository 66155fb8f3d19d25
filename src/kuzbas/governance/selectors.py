from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery

from kuzbas.core.intervals import covering, still_running
from kuzbas.governance.models import (
    Ballot,
    Body,
    Choice,
    CountedVote,
    Decision,
    Motion,
    MotionStatus,
    Proxy,
    RollEntry,
    Seat,
    SeatFill,
    SeatHolding,
)
from kuzbas.governance.seat_places import statute_on
from kuzbas.governance.standing import with_standings
from kuzbas.governance.statutes import stored_history
from kuzbas.members.models import Person
from kuzbas.record.selectors import citations_prefetch
from kuzbas.statute import NotInForce, statute_as_of
from kuzbas.statute.model import BallotKind, Procedure
from kuzbas.statute.model import Seat as StatuteSeat


def bodies() -> QuerySet[Body]:
    """Return every body with its site and citations, in three queries."""
    return Body.objects.select_related("site").prefetch_related(citations_prefetch())


def named_votes(counted: CountedVote | None) -> list[tuple[Person | str, str]]:
    """Return (person, choice) for a counted vote whose record names the voters; a key the
    registry does not know stays a key."""
    if counted is None or not counted.named:
        return []
    people = Person.objects.in_bulk([v["person"] for v in counted.named], field_name="key")
    labels = dict(Choice.choices)  # "yes" is shown as the reader's word for it
    return [
        (people.get(v["person"], v["person"]), labels.get(v["choice"], v["choice"]))
        for v in counted.named
    ]


def register_entries(
    *,
    outcome: str = "",
    body: Body | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> QuerySet[Decision]:
    """Return the register's entries, newest first, with their motions and bodies, filtered."""
    entries = Decision.objects.select_related("motion", "motion__body").order_by("-sequence")
    if outcome:
        entries = entries.filter(outcome=outcome)
    if body:
        entries = entries.filter(motion__body=body)
    if since:
        entries = entries.filter(decided_on__gte=since)
    if until:
        entries = entries.filter(decided_on__lte=until)
    return entries


def holdings_running_into(seat: Seat, day: dt.date) -> QuerySet[SeatHolding]:
    """Return the holdings of a seat that began before a day and still run on it, with their
    holders and seat."""
    return SeatHolding.objects.filter(
        still_running(day), seat=seat, valid_from__lt=day
    ).select_related("person", "seat__body")


def proxies_on(body: Body, day: dt.date) -> QuerySet[Proxy]:
    """Return the proxies given in a body that apply on a day, with giver and holder."""
    return Proxy.objects.filter(covering(day), body=body).select_related("giver", "holder")


def _procedure_on(body: Body, matter: str, day: dt.date) -> Procedure | None:
    """Return the statute's procedure for a body and matter on a day (None: none, or no
    statute in force)."""
    try:
        statute = statute_as_of(stored_history(), day)
    except NotInForce:
        return None
    found = statute.body(body.key)
    return statute.procedure_for_body(found, matter) if found else None


def proxies_allowed(body: Body, day: dt.date) -> int:
    """Return how many proxies one voter may hold in the body on a day (0: none)."""
    procedure = _procedure_on(body, "", day)
    return procedure.proxies_per_holder if procedure else 0


def live_counts(motion: Motion) -> dict[str, str] | None:
    """Return the running totals of an open vote where the statute shows them, else None.

    Only a named (or counted) ballot may have them: the statute refuses running totals on a
    secret ballot, since watching them tick as a member votes would tell the choice.
    """
    if motion.status != MotionStatus.VOTING or motion.vote_opened_on is None:
        return None
    procedure = _procedure_on(motion.body, motion.matter, motion.vote_opened_on)
    if procedure is None or not procedure.live_counts or procedure.ballot is BallotKind.SECRET:
        return None
    # Grouped in the database by choice and weight: a few rows, however many ballots.
    weight = RollEntry.objects.filter(motion=motion, person=OuterRef("voter")).values("weight")
    groups = (
        Ballot.objects.filter(motion=motion)
        .annotate(weight=Subquery(weight[:1]))
        .values("choice", "weight")
        .annotate(n=Count("pk"))
        .order_by()
    )
    totals = dict.fromkeys(Choice.values, Fraction(0))
    for row in groups:
        totals[row["choice"]] += Fraction(row["weight"] or "1") * row["n"]
    return {choice: str(total) for choice, total in totals.items()}


@dataclass
class SeatOn:
    """A seat of a body on a day: how the statute in force fills it, who sits, its history."""

    seat: Seat
    rule: StatuteSeat | None  # None: the statute in force that day does not name the seat
    appointed_by: str = ""  # the appointing body's name, for an appointed seat
    appointed_by_key: str = ""
    holders: list[SeatHolding] = field(default_factory=list)
    history: list[SeatHolding] = field(default_factory=list)

    @property
    def filled_by(self) -> str:
        return str(SeatFill(self.rule.filled_by).label) if self.rule else ""

    @property
    def places(self) -> int | None:
        return self.rule.count if self.rule else None

    @property
    def vacant(self) -> int | None:
        """Return how many places are empty on the day (None: the statute sets no count)."""
        return None if self.places is None else max(self.places - len(self.holders), 0)


def seats_on(body: Body, day: dt.date) -> list[SeatOn]:
    """Return the body's seats on a day, with holders and every holding's citations and its
    decision's standing on the day, in a fixed number of queries however many holdings."""
    holdings = SeatHolding.objects.select_related("person", "decision").prefetch_related(
        citations_prefetch()
    )
    seats = (
        Seat.objects.filter(body=body)
        .select_related("body")
        .prefetch_related(Prefetch("holdings", queryset=holdings.order_by("valid_from", "pk")))
    )
    statute = statute_on(day)
    rows = []
    for seat in seats:
        rule = statute.seat(seat.path) if statute is not None else None
        appointer = statute.body(rule.appointed_by) if rule and rule.appointed_by else None
        history = list(seat.holdings.all())
        rows.append(
            SeatOn(
                seat=seat,
                rule=rule,
                appointed_by=appointer.name if appointer else (rule.appointed_by if rule else ""),
                appointed_by_key=rule.appointed_by if rule else "",
                holders=[h for h in history if h.covers(day)],
                history=history,
            )
        )
    # The standing on the day of each decision that seated someone (suspended, overturned).
    # Every holding's own copy of its decision gets it, even where two share one decision.
    with_standings([h.decision for r in rows for h in r.history if h.decision], as_of=day)
    # The seats the statute names that day first, in its order.
    order = (
        {s.id: n for n, s in enumerate(statute.body(body.key).seats)} if _has(statute, body) else {}
    )
    return sorted(rows, key=lambda r: (r.rule is None, order.get(r.seat.key, 0), r.seat.key))


def _has(statute, body: Body) -> bool:
    return statute is not None and statute.body(body.key) is not None
