"""What a paper is worth in an STV count: five decimal places, exact sums, one truncation.

Arithmetic is exact: `Decimal` in a context that raises on any inexact step, and the one
truncation the rules ask for is done by integer division in units of 0.00001.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal, DivisionByZero, Inexact, InvalidOperation, Overflow

PLACES = 5
UNIT = Decimal(1).scaleb(-PLACES)  # 0.00001, the smallest value the rules keep
# Sums and products of five-place values are exact at this precision; anything else is a bug.
EXACT = Context(prec=60, traps=[Inexact, InvalidOperation, DivisionByZero, Overflow])
ZERO = Decimal(0).quantize(UNIT)


@dataclass
class Parcel:
    """All the papers with one ranking: they always travel together, at one value each."""

    ranking: tuple[str, ...]
    papers: int
    value: Decimal  # the value of each paper, 1 until a surplus transfer lowers it
    at: int  # index in the ranking of the candidate now holding the papers

    @property
    def votes(self) -> Decimal:
        return self.value * self.papers


def truncate(numerator: Decimal, denominator: Decimal) -> Decimal:
    """Return numerator ÷ denominator to five decimal places, any remainder ignored."""
    return (numerator.scaleb(PLACES) // denominator).scaleb(-PLACES).quantize(UNIT)
