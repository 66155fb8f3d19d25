"""What a member's own page shows: rights today and why, seats, proxies, votes, receipts, account.

Read for the user who asks, and only for them: a fixed number of queries however long their
history. A secret vote shows only that the member's ballot is in the box (their participation),
never its choice: nothing here reads a secret ballot's choice, and a receipt is checked by
whether it is in a box, not by what it says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from kuzbas.audit.models import AuditEntry
from kuzbas.core.clock import colony_today
from kuzbas.core.rights import Right, RoleReason, reasons_of, rights_given_by
from kuzbas.governance.models import (
    Ballot,
    Choice,
    CountedVote,
    Participation,
    Proxy,
    SeatHolding,
    SecretBallot,
)
from kuzbas.members.models import Person
from kuzbas.record.models import Citation

INVITATION_ACTIONS = (
    "members.invitation.send",
    "members.invitation.failed",
    "members.invitation.accept",
)


@dataclass(frozen=True)
class NamedVote:
    """How the member voted where the vote was named: a ballot, or a name in a counted vote."""

    motion: object
    choice: str
    how: str  # "ballot" or "counted"

    @property
    def choice_label(self) -> str:
        return str(Choice(self.choice).label)


@dataclass
class OwnPage:
    user: object
    person: Person | None
    today: dt.date
    reasons: list[RoleReason]
    rights: list[tuple[Right, list[RoleReason]]]
    seats: list[SeatHolding] = field(default_factory=list)
    proxies_given: list[Proxy] = field(default_factory=list)
    proxies_held: list[Proxy] = field(default_factory=list)
    named_votes: list[NamedVote] = field(default_factory=list)
    secret_votes: list[Participation] = field(default_factory=list)
    invitations: list[AuditEntry] = field(default_factory=list)


def own_page(user, *, as_of: dt.date | None = None) -> OwnPage:
    """Return what the user's own page shows on a date (the colony's today by default)."""
    today = as_of or colony_today()
    reasons = reasons_of(user, today)
    page = OwnPage(
        user=user,
        person=user.person if user.person_id else None,
        today=today,
        reasons=reasons,
        rights=rights_given_by(reasons),
    )
    page.invitations = list(
        AuditEntry.objects.filter(
            Q(object_type="members.user", object_id=str(user.pk))
            | Q(object_type="members.person", object_id=str(user.person_id or "")),
            action__in=INVITATION_ACTIONS,
        ).order_by("at", "id")
    )
    if page.person is None:
        return page
    person = page.person
    page.seats = list(
        SeatHolding.objects.filter(person=person)
        .select_related("seat__body")
        .prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source__cited_in"))
        )
        .order_by("-valid_from")
    )
    for holding in page.seats:
        holding.state = _state(holding, today)
    proxies = Proxy.objects.filter(Q(giver=person) | Q(holder=person)).select_related(
        "giver", "holder", "body"
    )
    for proxy in proxies.order_by("-valid_from"):
        (page.proxies_given if proxy.giver_id == person.pk else page.proxies_held).append(proxy)
    page.named_votes = _named_votes(person)
    page.secret_votes = list(
        Participation.objects.filter(voter=person)
        .select_related("motion__body", "motion__decision")
        .order_by("-motion__number")
    )
    return page


def _state(holding: SeatHolding, today: dt.date) -> str:
    if holding.valid_from > today:
        return "coming"
    if holding.valid_to is not None and holding.valid_to < today:
        return "past"
    return "current"


def _named_votes(person: Person) -> list[NamedVote]:
    ballots = Ballot.objects.filter(voter=person).select_related("motion__body")
    votes = [NamedVote(b.motion, b.choice, "ballot") for b in ballots]
    # The named entries are JSON; the text match narrows the rows, the loop checks each name.
    counted = CountedVote.objects.filter(named__icontains=f'"{person.key}"').select_related(
        "motion__body"
    )
    votes += [
        NamedVote(c.motion, entry["choice"], "counted")
        for c in counted
        for entry in c.named
        if entry.get("person") == person.key
    ]
    return sorted(votes, key=lambda v: v.motion.number, reverse=True)


def receipt_in_box(person: Person, receipt: str):
    """Return the motion whose ballot box holds this receipt, among the member's secret votes.

    Only whether it is there: the choice on the paper is not read.
    """
    motion_ids = Participation.objects.filter(voter=person).values("motion_id")
    found = (
        SecretBallot.objects.filter(receipt=receipt.strip(), motion_id__in=motion_ids)
        .values_list("motion__number", flat=True)
        .first()
    )
    return found
