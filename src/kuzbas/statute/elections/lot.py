"""Ties the count cannot break are decided by lot: one order, drawn before the count, written down.

The order lists the candidates from the luckiest to the unluckiest. Wherever a rule says "by
lot", the candidate drawn earlier is favoured: it takes the tied seat, has its surplus transferred
first, and stays in when one of several tied candidates must be excluded (the one drawn last goes).
A caller either passes the order itself (drawn by the chair in the hall and typed in) or a
`random.Random` it has seeded; the engine then shuffles the candidates' ballot-paper order once,
before counting, so the same seed always gives the same order.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from kuzbas.core.errors import NotNow
from kuzbas.statute.errors import TallyError

LotSource = Sequence[str] | random.Random | None


class LotNeeded(NotNow):
    """The rules call for a lot and none was supplied: draw one and count again."""

    def __init__(self, tied: Sequence[str], *, question: str, rule: str):
        self.tied = tuple(tied)
        names = ", ".join(self.tied)
        super().__init__(
            f"{question}: {names} cannot be separated by the votes, so the lot decides; "
            "draw an order of the candidates by lot and count again with it",
            rule=rule,
        )


@dataclass(frozen=True)
class Lot:
    """The order drawn by lot, luckiest first, or None when the caller supplied none."""

    order: tuple[str, ...] | None
    rule: str

    def luckiest(self, tied: Collection[str], *, question: str) -> str:
        """Return the tied candidate drawn first."""
        return self.ranked(tied, question=question)[0]

    def unluckiest(self, tied: Collection[str], *, question: str) -> str:
        """Return the tied candidate drawn last."""
        return self.ranked(tied, question=question)[-1]

    def ranked(self, tied: Collection[str], *, question: str) -> tuple[str, ...]:
        """Return the tied candidates in the order drawn, or ask for a lot when none was drawn."""
        if self.order is None:
            raise LotNeeded(sorted(tied, key=str), question=question, rule=self.rule)
        place = {candidate: index for index, candidate in enumerate(self.order)}
        return tuple(sorted(tied, key=place.__getitem__))


def draw_lot(candidates: Sequence[str], source: LotSource, *, rule: str) -> Lot:
    """Return the lot: the order given, one shuffled by the caller's generator, or none."""
    if source is None:
        return Lot(None, rule)
    if isinstance(source, random.Random):
        order = list(candidates)
        source.shuffle(order)
        return Lot(tuple(order), rule)
    if isinstance(source, str) or sorted(source) != sorted(candidates):
        raise TallyError("the order drawn by lot must name every candidate exactly once", rule=rule)
    return Lot(tuple(source), rule)
