"""Whether enough took part for a vote to count."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from kuzbas.statute.procedures import Quorum, QuorumOf


def show(value: Fraction) -> str:
    """Return a fraction as people write it: "3", "5/2"."""
    return (
        str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"
    )


@dataclass(frozen=True)
class QuorumCheck:
    """The quorum's verdict with its arithmetic."""

    met: bool
    required: Fraction
    actual: Fraction
    text: str


def check_quorum(
    quorum: Quorum, *, present: Fraction, cast: Fraction, members: Fraction
) -> QuorumCheck:
    """Return whether the votes present (or cast) reach the quorum, and how that was counted."""
    if quorum.is_none:
        return QuorumCheck(True, Fraction(0), present, "quorum: none required")
    if quorum.count is not None:
        required = Fraction(quorum.count)
        met = present >= required
        text = f"quorum: {show(present)} present, at least {quorum.count} required"
        return QuorumCheck(met, required, present, f"{text}: {'met' if met else 'not met'}")
    assert quorum.fraction is not None
    if quorum.of is QuorumOf.MEMBERS:
        whole, actual = members, present
        counted = f"{show(present)} of {show(members)} votes present"
    else:
        whole, actual = present, cast
        counted = f"{show(cast)} votes cast of {show(present)} present"
    required = quorum.fraction * whole
    met = actual > required if quorum.strict else actual >= required
    words = "more than" if quorum.strict else "at least"
    text = (
        f"quorum: {counted}; {words} {show(quorum.fraction)} × {show(whole)} = "
        f"{show(required)} required: {'met' if met else 'not met'}"
    )
    return QuorumCheck(met, required, actual, text)
