"""The statute as data: bodies and their seats, matters, procedures, appeals, transfers.

Every object remembers where it was written (`at`), so that a problem found later can point to
the file and line. Locations, sources and assumptions never take part in comparisons: two
versions of a clause are equal when what they rule is the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction


@dataclass(frozen=True)
class Location:
    """Where something was written: a file, a line, and the lines of its keys."""

    file: str = "<statute>"
    line: int = 1
    keys: tuple[tuple[str, int], ...] = ()

    def of(self, key: str) -> int:
        """Return the line of one key, or of the table when the key was not written."""
        return dict(self.keys).get(key, self.line)


NOWHERE = Location()


class BodyKind(StrEnum):
    GENERAL_MEETING = "general_meeting"  # every member in good standing has a vote
    BOARD = "board"
    COMMITTEE = "committee"
    BUREAU = "bureau"
    OFFICE = "office"  # one person deciding alone, such as a chief engineer
    JOINT = "joint"  # a joint sitting of other bodies: their seat holders vote together
    OUTSIDE_AUTHORITY = "outside_authority"  # decides by its own rules, outside the statute


class FilledBy(StrEnum):
    ELECTION = "election"
    APPOINTMENT = "appointment"
    EX_OFFICIO = "ex_officio"


class MatterKind(StrEnum):
    ORDINARY = "ordinary"
    ELECTION = "election"  # fills seats; its competent body is their electorate
    AMENDMENT = "amendment"  # changes the statute itself


class QuorumOf(StrEnum):
    MEMBERS = "members"  # the votes present, against all the votes in the body
    PRESENT = "present"  # the votes cast, against the votes present


class Threshold(StrEnum):
    SIMPLE = "simple"  # more than half of the base
    ABSOLUTE = "absolute"  # more than half of all members
    TWO_THIRDS = "two_thirds"
    THREE_QUARTERS = "three_quarters"
    UNANIMITY = "unanimity"
    FRACTION = "fraction"  # at least a fraction written in the statute, such as "3/5"


class Base(StrEnum):
    VOTES_CAST = "votes_cast"
    PRESENT = "present"
    MEMBERS = "members"


class Abstentions(StrEnum):
    EXCLUDED = "excluded"  # an abstention is not a vote cast
    INCLUDED = "included"  # an abstention is a vote cast, so it weighs like a vote against


class TieRule(StrEnum):
    FAILS = "fails"
    CHAIR_DECIDES = "chair_decides"


class BallotKind(StrEnum):
    COUNTED = "counted"  # a show of hands; only the totals are kept
    NAMED = "named"  # every vote is recorded with the voter's name
    SECRET = "secret"  # noqa: S105 - one ballot per voter, but nobody learns who voted how


@dataclass(frozen=True)
class Quorum:
    """How many must take part: nobody, a count, or a fraction of members or of those present."""

    count: int | None = None
    fraction: Fraction | None = None
    of: QuorumOf = QuorumOf.MEMBERS
    strict: bool = False  # "more than" rather than "at least"

    @property
    def is_none(self) -> bool:
        return self.count is None and self.fraction is None


@dataclass(frozen=True)
class Majority:
    """How many votes carry a motion, and counted against what."""

    threshold: Threshold = Threshold.SIMPLE
    base: Base = Base.VOTES_CAST
    fraction: Fraction | None = None  # only for Threshold.FRACTION

    @property
    def share(self) -> Fraction:
        """Return the share of the base the yes votes must reach."""
        shares = {
            Threshold.SIMPLE: Fraction(1, 2),
            Threshold.ABSOLUTE: Fraction(1, 2),
            Threshold.TWO_THIRDS: Fraction(2, 3),
            Threshold.THREE_QUARTERS: Fraction(3, 4),
            Threshold.UNANIMITY: Fraction(1),
        }
        if self.threshold is Threshold.FRACTION:
            assert self.fraction is not None
            return self.fraction
        return shares[self.threshold]

    @property
    def strict(self) -> bool:
        """Return whether the yes votes must exceed the share rather than reach it."""
        return self.threshold in (Threshold.SIMPLE, Threshold.ABSOLUTE)

    def describe(self) -> str:
        """Return the threshold in words."""
        words = {
            Threshold.SIMPLE: "more than half",
            Threshold.ABSOLUTE: "more than half",
            Threshold.TWO_THIRDS: "at least two thirds",
            Threshold.THREE_QUARTERS: "at least three quarters",
            Threshold.UNANIMITY: "all",
        }
        head = words.get(self.threshold, f"at least {self.fraction}")
        base = {
            Base.VOTES_CAST: "the votes cast",
            Base.PRESENT: "the votes present",
            Base.MEMBERS: "all the votes in the body",
        }[self.base]
        return f"{head} of {base}"


@dataclass(frozen=True)
class Procedure:
    """How a body decides a kind of matter."""

    id: str
    quorum: Quorum = Quorum()
    majority: Majority = Majority()
    abstentions: Abstentions = Abstentions.EXCLUDED
    tie: TieRule = TieRule.FAILS
    ballot: BallotKind = BallotKind.COUNTED
    proxies_per_holder: int = 0  # 0: no proxies
    live_counts: bool = False  # running totals shown while the vote is open
    source: str = field(default="", compare=False)
    assumption: str = field(default="", compare=False)
    at: Location = field(default=NOWHERE, compare=False, repr=False)

    @property
    def rule(self) -> str:
        return f"procedure.{self.id}"


@dataclass(frozen=True)
class Seat:
    """A place on a body, and the way it is filled."""

    id: str
    body: str
    filled_by: FilledBy
    name: str = ""
    count: int | None = None  # None: the statute does not fix how many
    votes: int = 1
    matter: str = ""  # the election matter, for elected seats
    appointed_by: str = ""  # a body, for appointed seats
    office: str = ""  # the office that carries the seat, for ex officio seats
    term_months: int | None = None
    source: str = field(default="", compare=False)
    assumption: str = field(default="", compare=False)
    at: Location = field(default=NOWHERE, compare=False, repr=False)

    @property
    def path(self) -> str:
        """Return the seat's name across the statute: body id, a dot, seat id."""
        return f"{self.body}.{self.id}"

    @property
    def rule(self) -> str:
        return f"seat.{self.path}"


@dataclass(frozen=True)
class Body:
    """A meeting, board, committee, office or outside authority."""

    id: str
    name: str
    kind: BodyKind
    seats: tuple[Seat, ...] = ()
    joins: tuple[str, ...] = ()
    procedure: str = ""  # the default procedure of the body
    description: str = ""
    source: str = field(default="", compare=False)
    assumption: str = field(default="", compare=False)
    at: Location = field(default=NOWHERE, compare=False, repr=False)

    @property
    def rule(self) -> str:
        return f"body.{self.id}"


@dataclass(frozen=True)
class Matter:
    """A kind of decision, and the one body competent for it."""

    id: str
    name: str
    competent: str
    kind: MatterKind = MatterKind.ORDINARY
    concurrence: tuple[str, ...] = ()
    procedure: str = ""  # overrides the competent body's default
    description: str = ""
    source: str = field(default="", compare=False)
    assumption: str = field(default="", compare=False)
    at: Location = field(default=NOWHERE, compare=False, repr=False)

    @property
    def rule(self) -> str:
        return f"matter.{self.id}"


@dataclass(frozen=True)
class AppealRule:
    """Which decisions may be taken to which higher body, by whom, and within what time."""

    id: str
    from_bodies: tuple[str, ...]
    to: str
    within_days: int
    matters: tuple[str, ...] = ()  # empty: every matter the bodies decide
    by: str = "members"
    suspends: bool = False
    source: str = field(default="", compare=False)
    assumption: str = field(default="", compare=False)
    at: Location = field(default=NOWHERE, compare=False, repr=False)

    @property
    def rule(self) -> str:
        return f"appeal.{self.id}"


@dataclass(frozen=True)
class Condition:
    """An event named in the statute, such as the end of a provisional arrangement."""

    id: str
    description: str
    source: str = field(default="", compare=False)
    assumption: str = field(default="", compare=False)
    at: Location = field(default=NOWHERE, compare=False, repr=False)

    @property
    def rule(self) -> str:
        return f"condition.{self.id}"


@dataclass(frozen=True)
class Transfer:
    """A body's or seat's vote exercised by another holder, from a date until a date or event."""

    id: str
    holder: str  # a body id, or a seat path "body.seat"
    to: str  # a body id, or a seat path
    starts: dt.date
    matters: tuple[str, ...] = ()  # empty: in every matter
    until: dt.date | None = None  # the first day the transfer no longer applies
    until_condition: str = ""
    source: str = field(default="", compare=False)
    assumption: str = field(default="", compare=False)
    at: Location = field(default=NOWHERE, compare=False, repr=False)

    @property
    def rule(self) -> str:
        return f"transfer.{self.id}"


@dataclass(frozen=True)
class Entrenchment:
    """A clause that only a higher majority may change."""

    clause: str  # a rule id such as "appeal.to_sto"
    majority: Majority
    source: str = field(default="", compare=False)
    assumption: str = field(default="", compare=False)
    at: Location = field(default=NOWHERE, compare=False, repr=False)

    @property
    def rule(self) -> str:
        return f"entrenched.{self.clause}"


@dataclass(frozen=True)
class Votes:
    """Totals of a recorded vote."""

    yes: Fraction = Fraction(0)
    no: Fraction = Fraction(0)
    abstain: Fraction = Fraction(0)


@dataclass(frozen=True)
class Amendment:
    """The decision that made this version out of the one before."""

    adopted_by: str
    matter: str
    adopted_on: dt.date
    votes: Votes | None = None
    source: str = field(default="", compare=False)
    assumption: str = field(default="", compare=False)
    at: Location = field(default=NOWHERE, compare=False, repr=False)


@dataclass(frozen=True)
class Statute:
    """One version of the colony's statute."""

    id: str
    title: str
    version: str
    effective: dt.date
    bodies: tuple[Body, ...] = ()
    matters: tuple[Matter, ...] = ()
    procedures: tuple[Procedure, ...] = ()
    appeals: tuple[AppealRule, ...] = ()
    transfers: tuple[Transfer, ...] = ()
    conditions: tuple[Condition, ...] = ()
    entrenched: tuple[Entrenchment, ...] = ()
    amends: str = ""
    amendment: Amendment | None = None
    require_sources: bool = False
    source: str = field(default="", compare=False)
    assumption: str = field(default="", compare=False)
    at: Location = field(default=NOWHERE, compare=False, repr=False)

    def body(self, body_id: str) -> Body | None:
        """Return the body with this id, if the statute has one."""
        return next((b for b in self.bodies if b.id == body_id), None)

    def matter(self, matter_id: str) -> Matter | None:
        """Return the matter with this id, if the statute has one."""
        return next((m for m in self.matters if m.id == matter_id), None)

    def procedure(self, procedure_id: str) -> Procedure | None:
        """Return the procedure with this id, if the statute has one."""
        return next((p for p in self.procedures if p.id == procedure_id), None)

    def seat(self, path: str) -> Seat | None:
        """Return the seat named "body.seat", if the statute has one."""
        return next((s for b in self.bodies for s in b.seats if s.path == path), None)

    def condition(self, condition_id: str) -> Condition | None:
        """Return the condition with this id, if the statute has one."""
        return next((c for c in self.conditions if c.id == condition_id), None)

    def procedure_for(self, matter: Matter) -> Procedure | None:
        """Return the procedure the competent body follows for a matter."""
        body = self.body(matter.competent)
        procedure_id = matter.procedure or (body.procedure if body else "")
        return self.procedure(procedure_id) if procedure_id else None

    def procedure_for_body(self, body: Body, matter_id: str = "") -> Procedure | None:
        """Return the procedure a body follows for a matter, or its own default."""
        matter = self.matter(matter_id) if matter_id else None
        if matter is not None and matter.procedure:
            return self.procedure(matter.procedure)
        return self.procedure(body.procedure) if body.procedure else None

    def name_of(self, holder: str) -> str:
        """Return the readable name of a body or seat, or the id itself."""
        body = self.body(holder)
        if body is not None:
            return body.name
        seat = self.seat(holder)
        if seat is not None:
            owner = self.body(seat.body)
            label = seat.name or seat.id
            return f"{label} on the {owner.name}" if owner else label
        return holder

    @property
    def label(self) -> str:
        """Return the version's name as the rule path shows it."""
        return f"{self.id} version {self.version} (in force from {self.effective.isoformat()})"
