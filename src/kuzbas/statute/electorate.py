"""Who may vote in a body on a date, and with what weight.

The caller passes the people as plain data (members, seat holdings, proxies); nothing is fetched.
Every end date is the first day on which something no longer holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

from kuzbas.core.errors import NotFound
from kuzbas.statute.bodies import Body, BodyKind, MemberCategory, Seat
from kuzbas.statute.errors import Refusal
from kuzbas.statute.model import Statute
from kuzbas.statute.transfers import ConditionsMet, describe_transfer, transfers_in_force


@dataclass(frozen=True)
class Member:
    """A member of the colony, admitted on a date and perhaps gone since.

    `category` is the membership's (a colonist, a hired worker...); None where it is not known,
    which only a general meeting open to every member counts.
    """

    person: str
    admitted: dt.date
    left: dt.date | None = None
    in_good_standing: bool = True
    category: MemberCategory | None = None

    def is_member_on(self, as_of: dt.date) -> bool:
        """Return whether the person is a member in good standing on a date."""
        gone = self.left is not None and as_of >= self.left
        return self.in_good_standing and self.admitted <= as_of and not gone


@dataclass(frozen=True)
class SeatHolding:
    """A person sitting in a seat ("body.seat") from a date."""

    person: str
    seat: str
    since: dt.date
    until: dt.date | None = None

    def holds_on(self, as_of: dt.date) -> bool:
        """Return whether the seat is held on a date."""
        return self.since <= as_of and (self.until is None or as_of < self.until)


@dataclass(frozen=True)
class Proxy:
    """A voter's vote in a body given to another voter of the same body for a period."""

    giver: str
    holder: str
    body: str
    since: dt.date
    until: dt.date | None = None

    def valid_on(self, as_of: dt.date) -> bool:
        """Return whether the proxy applies on a date."""
        return self.since <= as_of and (self.until is None or as_of < self.until)


@dataclass(frozen=True)
class Voter:
    """One holder of votes: a person, or a body such as an outside authority."""

    holder: str
    weight: Fraction
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exclusion:
    """A member in good standing whose category the body's electorate leaves out, and why."""

    person: str
    category: MemberCategory | None
    refusal: Refusal


@dataclass(frozen=True)
class Electorate:
    """Everyone who may vote in a body on a matter on a date."""

    body: str
    matter: str
    as_of: dt.date
    voters: tuple[Voter, ...]
    transferred_to: str = ""  # the body's whole vote is exercised by this holder
    refused: tuple[Refusal, ...] = ()  # seat holdings or proxies the statute does not allow
    excluded: tuple[Exclusion, ...] = ()  # members whose category has no vote in the body

    @property
    def total(self) -> Fraction:
        """Return the sum of all the votes: what "all members" means in a tally."""
        return sum((v.weight for v in self.voters), Fraction(0))

    @cached_property
    def _weights(self) -> dict[str, Fraction]:
        # An index built once: a tally asks for every voter's weight, and a general meeting
        # has thousands of voters.
        weights: dict[str, Fraction] = {}
        for voter in self.voters:
            weights.setdefault(voter.holder, voter.weight)
        return weights

    def weight_of(self, holder: str) -> Fraction:
        """Return a holder's votes, or zero when the holder may not vote."""
        return self._weights.get(holder, Fraction(0))

    def __contains__(self, holder: object) -> bool:
        return holder in self._weights

    def exclusion_of(self, person: str) -> Refusal | None:
        """Return why a member has no vote here by the electorate clause, or None."""
        return next((e.refusal for e in self.excluded if e.person == person), None)


def electorate(
    statute: Statute,
    *,
    body: str,
    as_of: dt.date,
    matter: str = "",
    members: Iterable[Member] = (),
    holdings: Iterable[SeatHolding] = (),
    proxies: Iterable[Proxy] = (),
    conditions_met: ConditionsMet | None = None,
) -> Electorate:
    """Return who may vote in a body on a date, counting transfers and the proxies allowed."""
    found = statute.body(body)
    if found is None:
        raise NotFound(f'the statute has no body "{body}"', rule="body.unknown")
    whole = transfers_in_force(
        statute, holder=body, matter=matter, as_of=as_of, conditions_met=conditions_met
    )
    if whole:
        transfer = whole[0]
        reason = f"{transfer.rule}: {describe_transfer(statute, transfer)}"
        voter = Voter(transfer.to, Fraction(1), (reason,))
        return Electorate(body, matter, as_of, (voter,), transferred_to=transfer.to)
    ledger = _Ledger()
    if found.kind is BodyKind.GENERAL_MEETING:
        _member_votes(found, members, as_of=as_of, ledger=ledger)
    elif found.kind is BodyKind.OUTSIDE_AUTHORITY:
        ledger.give(found.id, Fraction(1), f"{found.rule}: decides by its own rules")
    else:
        _seat_votes(statute, found, as_of=as_of, holdings=holdings, ledger=ledger)
    _seat_transfers(
        statute, found, as_of=as_of, matter=matter, conditions_met=conditions_met, ledger=ledger
    )
    procedure = statute.procedure_for_body(found, matter)
    allowed = procedure.proxies_per_holder if procedure else 0
    given = [p for p in proxies if p.body == body and p.valid_on(as_of)]
    _proxies(statute, found, given, allowed=allowed, ledger=ledger)
    return Electorate(
        body,
        matter,
        as_of,
        ledger.voters(),
        refused=tuple(ledger.refused),
        excluded=tuple(ledger.excluded),
    )


@dataclass
class _Ledger:
    """The votes as they are being worked out: who holds how many, and why."""

    weights: dict[str, Fraction] = field(default_factory=dict)
    reasons: dict[str, list[str]] = field(default_factory=dict)
    seat_holders: dict[str, list[str]] = field(default_factory=dict)
    refused: list[Refusal] = field(default_factory=list)
    excluded: list[Exclusion] = field(default_factory=list)

    def exclusion_of(self, person: str) -> Refusal | None:
        return next((e.refusal for e in self.excluded if e.person == person), None)

    def give(self, holder: str, weight: Fraction, reason: str) -> None:
        self.weights[holder] = self.weights.get(holder, Fraction(0)) + weight
        self.reasons.setdefault(holder, []).append(reason)

    def take(self, holder: str, weight: Fraction, reason: str) -> None:
        self.weights[holder] = self.weights.get(holder, Fraction(0)) - weight
        self.reasons.setdefault(holder, []).append(reason)

    def voters(self) -> tuple[Voter, ...]:
        return tuple(
            Voter(holder, weight, tuple(self.reasons[holder]))
            for holder, weight in sorted(self.weights.items())
            if weight > 0
        )


def _member_votes(
    found: Body, members: Iterable[Member], *, as_of: dt.date, ledger: _Ledger
) -> None:
    """Give each member in good standing of the electorate's categories one vote; note why each
    other member in good standing has none (unless another membership that day gives one)."""
    left_out: list[Exclusion] = []
    for member in members:
        if not member.is_member_on(as_of):
            continue
        category = member.category.value.replace("_", " ") if member.category else "unknown"
        if not found.electorate:
            ledger.give(member.person, Fraction(1), f"{found.rule}: member in good standing")
        elif found.admits(member.category):
            reason = f"{found.electorate_rule}: {category} in good standing"
            ledger.give(member.person, Fraction(1), reason)
        else:
            reason = (
                f"{member.person} is a member of the category {category}; only "
                f"{found.describe_electorate()} vote in the {found.name}"
            )
            refusal = Refusal(found.electorate_rule, reason)
            left_out.append(Exclusion(member.person, member.category, refusal))
    ledger.excluded += [e for e in left_out if e.person not in ledger.weights]


def _seat_votes(
    statute: Statute,
    found: Body,
    *,
    as_of: dt.date,
    holdings: Iterable[SeatHolding],
    ledger: _Ledger,
) -> None:
    """Give each seat holder the seat's votes, refusing holdings beyond the seats there are."""
    bodies = {found.id, *found.joins}
    for holding in sorted(holdings, key=lambda h: (h.since, h.person)):
        if not holding.holds_on(as_of) or holding.seat.partition(".")[0] not in bodies:
            continue
        seat = statute.seat(holding.seat)
        if seat is None:
            ledger.refused.append(
                Refusal(
                    "seat.unknown",
                    f'{holding.person} holds "{holding.seat}", which the statute does not define',
                )
            )
            continue
        holders = ledger.seat_holders.setdefault(seat.path, [])
        if seat.count is not None and len(holders) >= seat.count:
            ledger.refused.append(
                Refusal(
                    seat.rule,
                    f"{holding.person} cannot vote in seat {seat.path}: all {seat.count} of it "
                    f"are already held on {as_of.isoformat()}",
                )
            )
            continue
        holders.append(holding.person)
        where = statute.name_of(seat.body)
        ledger.give(
            holding.person, Fraction(seat.votes), f"{seat.rule}: holds a seat on the {where}"
        )


def _seat_transfers(
    statute: Statute,
    found: Body,
    *,
    as_of: dt.date,
    matter: str,
    conditions_met: ConditionsMet | None,
    ledger: _Ledger,
) -> None:
    """Move the votes of seats whose vote is held by someone else to that holder."""
    for seat in (s for b in (found.id, *found.joins) for s in _seats_of(statute, b)):
        for transfer in transfers_in_force(
            statute, holder=seat.path, matter=matter, as_of=as_of, conditions_met=conditions_met
        ):
            reason = f"{transfer.rule}: {describe_transfer(statute, transfer)}"
            places = seat.count or max(1, len(ledger.seat_holders.get(seat.path, [])))
            for person in ledger.seat_holders.get(seat.path, []):
                ledger.take(person, Fraction(seat.votes), reason)
            receivers = ledger.seat_holders.get(transfer.to, [transfer.to])
            share = Fraction(seat.votes * places, len(receivers))
            for receiver in receivers:
                ledger.give(receiver, share, reason)


def _seats_of(statute: Statute, body_id: str) -> tuple[Seat, ...]:
    body = statute.body(body_id)
    return body.seats if body else ()


def _proxies(
    statute: Statute, found: Body, proxies: list[Proxy], *, allowed: int, ledger: _Ledger
) -> None:
    """Move the votes of givers to their proxy holders, refusing proxies the statute forbids."""
    own = {holder for holder, weight in ledger.weights.items() if weight > 0}
    carried: dict[str, int] = {}
    gave: set[str] = set()
    for proxy in sorted(proxies, key=lambda p: (p.since, p.giver)):
        # A giver or holder left out by the electorate clause is refused under that clause.
        outside = ledger.exclusion_of(proxy.giver) or ledger.exclusion_of(proxy.holder)
        reason = _proxy_refusal(found, proxy, allowed=allowed, own=own, carried=carried, gave=gave)
        if reason and outside is not None and allowed:
            ledger.refused.append(outside)
            continue
        if reason:
            ledger.refused.append(Refusal(f"{found.rule}.proxies", reason))
            continue
        weight = ledger.weights[proxy.giver]
        ledger.take(proxy.giver, weight, f"gave a proxy to {proxy.holder}")
        ledger.give(proxy.holder, weight, f"holds the proxy of {proxy.giver}")
        carried[proxy.holder] = carried.get(proxy.holder, 0) + 1
        gave.add(proxy.giver)


def _proxy_refusal(
    found: Body,
    proxy: Proxy,
    *,
    allowed: int,
    own: set[str],
    carried: dict[str, int],
    gave: set[str],
) -> str:
    """Return why a proxy cannot be used, or an empty string when it can."""
    if allowed == 0:
        return f"the statute allows no proxies in the {found.name}"
    if proxy.giver not in own:
        return f"{proxy.giver} has no vote in the {found.name} to give"
    if proxy.holder not in own or proxy.holder == proxy.giver:
        return f"{proxy.holder} cannot hold a proxy: only another voter of the {found.name} can"
    if proxy.giver in gave:
        return f"{proxy.giver} has already given a proxy"
    if proxy.holder in gave or proxy.giver in carried:
        return "a proxy cannot be passed on: the holder must vote in person"
    if carried.get(proxy.holder, 0) >= allowed:
        many = "proxy" if allowed == 1 else "proxies"
        return f"{proxy.holder} already holds {allowed} {many}, the most the statute allows"
    return ""
