"""Elections by marks: plurality for n seats and approval voting.

Under plurality each voter marks up to as many candidates as there are seats; under approval,
any number. Each mark is one vote, and the candidates with the most votes take the seats. When
candidates tie for the last seats, the lot decides (see `lot.py`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from kuzbas.statute.elections.lot import LotSource, draw_lot
from kuzbas.statute.elections.stv_result import ELECTED
from kuzbas.statute.errors import TallyError
from kuzbas.statute.phrases import Phrase


class Method(StrEnum):
    PLURALITY = "plurality"  # up to one mark per seat
    APPROVAL = "approval"  # any number of marks


@dataclass(frozen=True)
class MarkResult:
    """The outcome of an election by marks, with every candidate's votes."""

    method: Method
    rule: str
    seats: int
    candidates: tuple[str, ...]  # in ballot-paper order
    totals: tuple[tuple[str, int], ...]  # most votes first, then ballot-paper order
    elected: tuple[str, ...]  # most votes first; a tie for the last seats in the lot's order
    ballots: int  # every ballot counted, blank ones included
    blank: int
    tied: tuple[str, ...] = ()  # candidates tied for the last seats, when the votes left a tie
    by_lot: tuple[str, ...] = ()  # of those, the ones the lot seated
    lot_order: tuple[str, ...] | None = None

    def votes_for(self, candidate: str) -> int:
        """Return a candidate's votes."""
        return dict(self.totals)[candidate]

    def explain(self) -> tuple[str, ...]:
        """Return the count as lines of text."""
        lines = [
            MARKS_HEAD[self.method.value](
                rule=self.rule, seats=self.seats, ballots=self.ballots, blank=self.blank
            ),
            *(f"{candidate}: {votes}" for candidate, votes in self.totals),
        ]
        if self.tied:
            lines.append(TIE_FOR_LAST(tied=", ".join(self.tied), by_lot=", ".join(self.by_lot)))
        lines.append(ELECTED(names=", ".join(self.elected)))
        return tuple(lines)


def count_plurality(
    *,
    candidates: Sequence[str],
    seats: int,
    ballots: Iterable[Iterable[str]],
    lot: LotSource = None,
    rule: str = "election.plurality",
) -> MarkResult:
    """Return who takes the seats when each voter marks up to one candidate per seat."""
    return _count_marks(
        Method.PLURALITY, candidates=candidates, seats=seats, ballots=ballots, lot=lot, rule=rule
    )


def count_approval(
    *,
    candidates: Sequence[str],
    seats: int,
    ballots: Iterable[Iterable[str]],
    lot: LotSource = None,
    rule: str = "election.approval",
) -> MarkResult:
    """Return who takes the seats when each voter marks every candidate they approve of."""
    return _count_marks(
        Method.APPROVAL, candidates=candidates, seats=seats, ballots=ballots, lot=lot, rule=rule
    )


def check_candidates(candidates: Sequence[str], seats: int, *, rule: str) -> tuple[str, ...]:
    """Return the candidates once checked: named, distinct, at least as many as the seats."""
    names = tuple(candidates)
    if isinstance(candidates, str) or not all(isinstance(c, str) and c for c in names):
        raise TallyError("every candidate needs a name", rule=f"{rule}.candidates")
    if len(set(names)) != len(names):
        raise TallyError("a candidate stands twice", rule=f"{rule}.candidates")
    if not 1 <= seats <= len(names):
        raise TallyError(
            f"{seats} seat(s) cannot be filled from {len(names)} candidate(s)", rule=f"{rule}.seats"
        )
    return names


def check_marks(ballot: Iterable[str], names: frozenset[str], *, rule: str) -> tuple[str, ...]:
    """Return a ballot's marks, refusing a candidate who does not stand or one marked twice."""
    if isinstance(ballot, str):
        raise TallyError("a ballot lists candidates, not one string", rule=f"{rule}.ballot")
    marks = tuple(ballot)
    unknown = [mark for mark in marks if mark not in names]
    if unknown:
        raise TallyError(
            f"a ballot names {unknown[0]!r}, who does not stand", rule=f"{rule}.ballot"
        )
    if len(set(marks)) != len(marks):
        raise TallyError("a ballot marks the same candidate twice", rule=f"{rule}.ballot")
    return marks


def _count_marks(
    method: Method,
    *,
    candidates: Sequence[str],
    seats: int,
    ballots: Iterable[Iterable[str]],
    lot: LotSource,
    rule: str,
) -> MarkResult:
    names = check_candidates(candidates, seats, rule=rule)
    standing = frozenset(names)
    drawn = draw_lot(names, lot, rule=f"{rule}.lot")
    votes = dict.fromkeys(names, 0)
    counted = blank = 0
    for ballot in ballots:
        marks = check_marks(ballot, standing, rule=rule)
        if method is Method.PLURALITY and len(marks) > seats:
            raise TallyError(
                f"a ballot marks {len(marks)} candidates for {seats} seat(s)",
                rule=f"{rule}.ballot",
            )
        counted += 1
        blank += not marks
        for mark in marks:
            votes[mark] += 1
    place = {candidate: index for index, candidate in enumerate(names)}
    ranked = sorted(names, key=lambda c: (-votes[c], place[c]))
    last = votes[ranked[seats - 1]]
    sure = [c for c in ranked if votes[c] > last]
    level = [c for c in ranked if votes[c] == last]
    open_seats = seats - len(sure)
    tied: tuple[str, ...] = ()
    by_lot: tuple[str, ...] = ()
    if len(level) > open_seats:
        tied = tuple(level)
        question = f"{len(level)} candidates with {last} vote(s) each for {open_seats} seat(s)"
        by_lot = drawn.ranked(level, question=question)[:open_seats]
        level = list(by_lot)
    return MarkResult(
        method=method,
        rule=rule,
        seats=seats,
        candidates=names,
        totals=tuple((c, votes[c]) for c in ranked),
        elected=(*sure, *level),
        ballots=counted,
        blank=blank,
        tied=tied,
        by_lot=by_lot,
        lot_order=drawn.order,
    )


MARKS_HEAD = {
    "plurality": Phrase("{rule}: plurality, {seats} seat(s); {ballots} ballot(s), {blank} blank"),
    "approval": Phrase("{rule}: approval, {seats} seat(s); {ballots} ballot(s), {blank} blank"),
}
TIE_FOR_LAST = Phrase("tie for the last seat(s) between {tied}; the lot seats {by_lot}")
