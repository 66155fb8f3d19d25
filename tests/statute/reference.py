"""A second, deliberately plain way to count a vote: whole numbers and cross-multiplication.

It shares nothing with kuzbas.statute's arithmetic but the procedure it is given: no Fraction,
no shares looked up from the model, no helper functions from the engine. Property tests compare
the engine with it.
"""

from __future__ import annotations

from kuzbas.statute.model import Procedure

# threshold name -> (numerator, denominator, must the yes votes exceed rather than reach it?)
THRESHOLDS = {
    "simple": (1, 2, True),
    "absolute": (1, 2, True),
    "two_thirds": (2, 3, False),
    "three_quarters": (3, 4, False),
    "unanimity": (1, 1, False),
}


def reference_outcome(
    procedure: Procedure,
    *,
    yes: int,
    no: int,
    abstain: int,
    present: int,
    members: int,
    casting_vote: str | None = None,
) -> str:
    """Return "carried", "failed" or "no_quorum", counting with integers only."""
    cast = yes + no + abstain
    quorum = procedure.quorum
    if quorum.count is not None:
        quorate = present >= quorum.count
    elif quorum.fraction is not None:
        p, q = quorum.fraction.numerator, quorum.fraction.denominator
        counted, whole = (present, members) if quorum.of.value == "members" else (cast, present)
        quorate = counted * q > p * whole if quorum.strict else counted * q >= p * whole
    else:
        quorate = True
    if not quorate:
        return "no_quorum"

    threshold = procedure.majority.threshold.value
    if threshold == "fraction":
        fraction = procedure.majority.fraction
        assert fraction is not None
        p, q, strict = fraction.numerator, fraction.denominator, False
    else:
        p, q, strict = THRESHOLDS[threshold]

    base_kind = "members" if threshold == "absolute" else procedure.majority.base.value
    if base_kind == "members":
        base = members
    elif base_kind == "present":
        base = present
    elif procedure.abstentions.value == "included":
        base = cast
    else:
        base = yes + no

    reached = yes * q > p * base if strict else yes * q >= p * base
    carried = reached and base > 0 and yes > 0
    tied = yes == no and yes > 0
    if tied and procedure.tie.value == "chair_decides":
        return "carried" if casting_vote == "yes" else "failed"
    return "carried" if carried else "failed"
