"""How a body decides: its quorum, the majority that carries a motion, ties, ballots, proxies."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from kuzbas.statute.location import NOWHERE, Location
from kuzbas.statute.phrases import Phrase

MORE_THAN_HALF = Phrase("more than half")
TWO_THIRDS = Phrase("at least two thirds")
THREE_QUARTERS = Phrase("at least three quarters")
ALL = Phrase("all")
AT_LEAST = Phrase("at least {n}")


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
            Threshold.SIMPLE: MORE_THAN_HALF,
            Threshold.ABSOLUTE: MORE_THAN_HALF,
            Threshold.TWO_THIRDS: TWO_THIRDS,
            Threshold.THREE_QUARTERS: THREE_QUARTERS,
            Threshold.UNANIMITY: ALL,
        }
        head = words[self.threshold]() if self.threshold in words else AT_LEAST(n=self.fraction)
        return OF_BASE[self.base](head=head)


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


OF_BASE = {
    Base.VOTES_CAST: Phrase("{head} of the votes cast", nested=("head",)),
    Base.PRESENT: Phrase("{head} of the votes present", nested=("head",)),
    Base.MEMBERS: Phrase("{head} of all the votes in the body", nested=("head",)),
}
