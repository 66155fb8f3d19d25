"""The statute as data: matters, appeals, transfers, entrenched clauses, the whole version.

Every object remembers where it was written (`at`), so that a problem found later can point to
the file and line. Locations, sources and assumptions never take part in comparisons: two
versions of a clause are equal when what they rule is the same.

Bodies and seats are in `bodies`, how a body decides (quorum, majority, procedure) in
`procedures`, and locations in `location`; their names are imported here too, for the callers
that have always found them here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from kuzbas.statute.bodies import Body, BodyKind, FilledBy, Seat, name_in
from kuzbas.statute.location import NOWHERE, Location
from kuzbas.statute.phrases import Phrase
from kuzbas.statute.procedures import (
    Abstentions,
    BallotKind,
    Base,
    Majority,
    Procedure,
    Quorum,
    QuorumOf,
    Threshold,
    TieRule,
)

__all__ = [
    "NOWHERE",
    "Abstentions",
    "Amendment",
    "AppealRule",
    "BallotKind",
    "Base",
    "Body",
    "BodyKind",
    "Condition",
    "Entrenchment",
    "FilledBy",
    "Location",
    "Majority",
    "Matter",
    "MatterKind",
    "Procedure",
    "Quorum",
    "QuorumOf",
    "Seat",
    "Statute",
    "Threshold",
    "TieRule",
    "Transfer",
    "Votes",
]


class MatterKind(StrEnum):
    ORDINARY = "ordinary"
    ELECTION = "election"  # fills seats; its competent body is their electorate
    AMENDMENT = "amendment"  # changes the statute itself
    ADMISSION = "admission"  # admits a member: the membership starts when the decision carries
    EXPULSION = "expulsion"  # expels a member: the membership ends when the decision carries
    CONTRACT = "contract"  # concludes or amends a contract: its version comes into force


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
    names: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # as a Body's
    source: str = field(default="", compare=False)
    assumption: str = field(default="", compare=False)
    at: Location = field(default=NOWHERE, compare=False, repr=False)

    def name_in(self, language: str) -> str:
        """Return the matter's name in a language, else its English name."""
        return name_in(self.name, self.names, language)

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
    met_by: str = ""  # the body whose decision records it as met; empty: see statute.conditions
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
        return VERSION_LABEL(
            statute=self.id, version=self.version, effective=self.effective.isoformat()
        )


VERSION_LABEL = Phrase("{statute} version {version} (in force from {effective})")
