"""Whether the yes votes reach the majority a procedure asks for."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from kuzbas.statute.phrases import Phrase
from kuzbas.statute.procedures import Abstentions, Base, Majority
from kuzbas.statute.quorum import show

BASE_MEMBERS = Phrase("base: all the votes in the body = {members}")
BASE_PRESENT = Phrase("base: the votes present = {present}")
BASE_WITH_ABSTENTIONS = Phrase(
    "base: votes cast = yes {yes} + no {no} + abstentions {abstain} = {base} "
    "(abstentions count as votes cast)"
)
BASE_WITHOUT_ABSTENTIONS = Phrase(
    "base: votes cast = yes {yes} + no {no} = {base} (abstentions, {abstain}, are not votes cast)"
)
REACHED = Phrase(
    "majority: {describe}: {share} × {base} = {required}; yes {yes} {sign} {required}: reached",
    nested=("describe",),
)
NOT_REACHED = Phrase(
    "majority: {describe}: {share} × {base} = {required}; yes {yes} {sign} {required}: not reached",
    nested=("describe",),
)


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
        return members, BASE_MEMBERS(members=show(members))
    if majority.base is Base.PRESENT:
        return present, BASE_PRESENT(present=show(present))
    if abstentions is Abstentions.INCLUDED:
        base = yes + no + abstain
        return base, BASE_WITH_ABSTENTIONS(
            yes=show(yes), no=show(no), abstain=show(abstain), base=show(base)
        )
    base = yes + no
    return base, BASE_WITHOUT_ABSTENTIONS(
        yes=show(yes), no=show(no), abstain=show(abstain), base=show(base)
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
    line = (REACHED if met else NOT_REACHED)(
        describe=majority.describe(),
        share=show(majority.share),
        base=show(base),
        required=show(required),
        yes=show(yes),
        sign=sign,
    )
    return MajorityCheck(met, yes == no and yes > 0, base, required, (base_text, line))
