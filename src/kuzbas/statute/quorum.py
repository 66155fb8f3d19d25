"""Whether enough took part for a vote to count."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from kuzbas.statute.phrases import Phrase
from kuzbas.statute.procedures import Quorum, QuorumOf

NO_QUORUM = Phrase("quorum: none required")
COUNT_MET = Phrase("quorum: {present} present, at least {count} required: met")
COUNT_NOT_MET = Phrase("quorum: {present} present, at least {count} required: not met")
VOTES_PRESENT = Phrase("{present} of {members} votes present")
VOTES_CAST = Phrase("{cast} votes cast of {present} present")
FRACTION_LINES = {
    (True, True): Phrase(
        "quorum: {counted}; more than {fraction} × {whole} = {required} required: met",
        nested=("counted",),
    ),
    (True, False): Phrase(
        "quorum: {counted}; more than {fraction} × {whole} = {required} required: not met",
        nested=("counted",),
    ),
    (False, True): Phrase(
        "quorum: {counted}; at least {fraction} × {whole} = {required} required: met",
        nested=("counted",),
    ),
    (False, False): Phrase(
        "quorum: {counted}; at least {fraction} × {whole} = {required} required: not met",
        nested=("counted",),
    ),
}


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
        return QuorumCheck(True, Fraction(0), present, NO_QUORUM())
    if quorum.count is not None:
        required = Fraction(quorum.count)
        met = present >= required
        line = COUNT_MET if met else COUNT_NOT_MET
        return QuorumCheck(met, required, present, line(present=show(present), count=quorum.count))
    assert quorum.fraction is not None
    if quorum.of is QuorumOf.MEMBERS:
        whole, actual = members, present
        counted = VOTES_PRESENT(present=show(present), members=show(members))
    else:
        whole, actual = present, cast
        counted = VOTES_CAST(cast=show(cast), present=show(present))
    required = quorum.fraction * whole
    met = actual > required if quorum.strict else actual >= required
    line = FRACTION_LINES[(quorum.strict, met)]
    text = line(
        counted=counted, fraction=show(quorum.fraction), whole=show(whole), required=show(required)
    )
    return QuorumCheck(met, required, actual, text)
