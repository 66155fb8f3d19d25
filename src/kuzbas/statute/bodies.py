"""The bodies of the colony and the seats on them, each with the way it is filled."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from kuzbas.statute.location import NOWHERE, Location


class BodyKind(StrEnum):
    GENERAL_MEETING = "general_meeting"  # its electorate's members in good standing, one vote each
    BOARD = "board"
    COMMITTEE = "committee"
    BUREAU = "bureau"
    OFFICE = "office"  # one person deciding alone, such as a chief engineer
    JOINT = "joint"  # a joint sitting of other bodies: their seat holders vote together
    OUTSIDE_AUTHORITY = "outside_authority"  # decides by its own rules, outside the statute


class MemberCategory(StrEnum):
    """The categories of membership a statute can name as a general meeting's electorate."""

    COLONIST = "colonist"
    HIRED_WORKER = "hired_worker"
    AUTHORITY_STAFF = "authority_staff"  # staff the outside authority placed in the colony
    BUREAU_STAFF = "bureau_staff"  # staff of the colony's bureau abroad
    OTHER = "other"


class FilledBy(StrEnum):
    ELECTION = "election"
    APPOINTMENT = "appointment"
    EX_OFFICIO = "ex_officio"


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
    # A general meeting's voters by category of membership; empty: every member in good standing.
    electorate: tuple[MemberCategory, ...] = ()
    # The name per language ((code, name), sorted) where the file gives more than English.
    names: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    source: str = field(default="", compare=False)
    assumption: str = field(default="", compare=False)
    at: Location = field(default=NOWHERE, compare=False, repr=False)

    @property
    def rule(self) -> str:
        return f"body.{self.id}"

    def name_in(self, language: str) -> str:
        """Return the body's name in a language ("ru", "ru-ru"), else its English name."""
        return name_in(self.name, self.names, language)

    @property
    def electorate_rule(self) -> str:
        """Return the rule id of the clause naming who votes in the body."""
        return f"{self.rule}.electorate"

    def admits(self, category: MemberCategory | None) -> bool:
        """Return whether a member of this category votes here, as the body's electorate says."""
        return not self.electorate or category in self.electorate

    def describe_electorate(self) -> str:
        """Return who votes in a general meeting, in words: "members of the category colonist"."""
        if not self.electorate:
            return "every member in good standing"
        names = ", ".join(c.value.replace("_", " ") for c in self.electorate)
        many = "categories" if len(self.electorate) > 1 else "category"
        return f"members in good standing of the {many} {names}"


def name_in(name: str, names: tuple[tuple[str, str], ...], language: str) -> str:
    """Return the name given for a language (its first two letters), else `name`."""
    return dict(names).get(language[:2].lower(), name) if names else name
