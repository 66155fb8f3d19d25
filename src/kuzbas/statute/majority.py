"""Whether the yes votes reach the majority a procedure asks for."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from kuzbas.statute.procedures import Abstentions, Base, Majority
from kuzbas.statute.quorum import show


@dataclass(frozen=True)
class MajorityCheck:
    """The majority's verdict with its arithmetic; `tied` when yes and no are equal."""

    met: bool
    tied: bool
    base: Fraction
    required: Fraction
    text: tuple[str, ...]


def majority_base(
    majority: Majority,
    *,
    abstentions: Abstentions,
    yes: Fraction,
    no: Fraction,
    abstain: Fraction,
    present: Fraction,
    members: Fraction,
) -> tuple[Fraction, str]:
    """Return the number the yes votes are measured against, and how it was reached."""
    if majority.base is Base.MEMBERS:
        return members, f"base: all the votes in the body = {show(members)}"
    if majority.base is Base.PRESENT:
        return present, f"base: the votes present = {show(present)}"
    if abstentions is Abstentions.INCLUDED:
        base = yes + no + abstain
        return base, (
            f"base: votes cast = yes {show(yes)} + no {show(no)} + abstentions {show(abstain)}"
            f" = {show(base)} (abstentions count as votes cast)"
        )
    base = yes + no
    return base, (
        f"base: votes cast = yes {show(yes)} + no {show(no)} = {show(base)}"
        f" (abstentions, {show(abstain)}, are not votes cast)"
    )


def check_majority(
    majority: Majority,
    *,
    abstentions: Abstentions,
    yes: Fraction,
    no: Fraction,
    abstain: Fraction,
    present: Fraction,
    members: Fraction,
) -> MajorityCheck:
    """Return whether the yes votes carry the motion, with the arithmetic shown."""
    base, base_text = majority_base(
        majority,
        abstentions=abstentions,
        yes=yes,
        no=no,
        abstain=abstain,
        present=present,
        members=members,
    )
    required = majority.share * base
    reached = yes > required if majority.strict else yes >= required
    # Nothing is carried by nobody: an empty base or no yes vote at all is a failure.
    met = reached and base > 0 and yes > 0
    sign = ">" if yes > required else "=" if yes == required else "<"
    verdict = "reached" if met else "not reached"
    line = (
        f"majority: {majority.describe()}: {show(majority.share)} × {show(base)} = "
        f"{show(required)}; yes {show(yes)} {sign} {show(required)}: {verdict}"
    )
    return MajorityCheck(met, yes == no and yes > 0, base, required, (base_text, line))
