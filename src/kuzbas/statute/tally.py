"""The outcome of a vote, from the ballots or from the totals a chair recorded."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from kuzbas.statute.electorate import Electorate
from kuzbas.statute.errors import TallyError
from kuzbas.statute.majority import MajorityCheck, check_majority
from kuzbas.statute.phrases import Phrase
from kuzbas.statute.procedures import BallotKind, Procedure, TieRule
from kuzbas.statute.quorum import QuorumCheck, check_quorum, show


class Outcome(StrEnum):
    CARRIED = "carried"
    FAILED = "failed"
    NO_QUORUM = "no_quorum"


class Choice(StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


@dataclass(frozen=True)
class Ballot:
    """One voter's choice."""

    voter: str
    choice: Choice


@dataclass(frozen=True)
class RollEntry:
    """How one voter voted, kept only for named ballots."""

    voter: str
    choice: Choice
    weight: Fraction


@dataclass(frozen=True)
class Result:
    """The outcome of a vote and every step of the arithmetic behind it."""

    outcome: Outcome
    rule: str
    yes: Fraction
    no: Fraction
    abstain: Fraction
    present: Fraction
    members: Fraction
    quorum: QuorumCheck
    majority: MajorityCheck | None
    arithmetic: tuple[str, ...]
    roll: tuple[RollEntry, ...] = ()

    @property
    def carried(self) -> bool:
        return self.outcome is Outcome.CARRIED

    def explain(self) -> str:
        """Return the arithmetic as lines of text."""
        return "\n".join(self.arithmetic)


def _as_fraction(value: int | Fraction, name: str, rule: str) -> Fraction:
    number = Fraction(value)
    if number < 0:
        raise TallyError(NEGATIVE(name=name, value=show(number)), rule=rule)
    return number


def tally_counts(
    procedure: Procedure,
    *,
    yes: int | Fraction,
    no: int | Fraction,
    abstain: int | Fraction = 0,
    present: int | Fraction,
    members: int | Fraction,
    casting_vote: Choice | None = None,
    roll: tuple[RollEntry, ...] = (),
) -> Result:
    """Return the outcome of a vote from its totals; votes, present and members are in votes."""
    rule = procedure.rule
    yes_, no_, abstain_ = (
        _as_fraction(v, n, rule) for v, n in ((yes, "yes"), (no, "no"), (abstain, "abstentions"))
    )
    present_ = _as_fraction(present, "present", rule)
    members_ = _as_fraction(members, "members", rule)
    cast = yes_ + no_ + abstain_
    if cast > present_:
        raise TallyError(MORE_CAST_THAN_PRESENT(cast=show(cast), present=show(present_)), rule=rule)
    if present_ > members_:
        raise TallyError(
            MORE_PRESENT_THAN_MEMBERS(present=show(present_), members=show(members_)), rule=rule
        )
    quorum = check_quorum(procedure.quorum, present=present_, cast=cast, members=members_)
    totals = TOTALS(
        rule=rule,
        yes=show(yes_),
        no=show(no_),
        abstain=show(abstain_),
        present=show(present_),
        members=show(members_),
    )
    lines = [totals, quorum.text]
    common = dict(yes=yes_, no=no_, abstain=abstain_, present=present_, members=members_)
    if not quorum.met:
        lines.append(NOTHING_DECIDED())
        return Result(
            Outcome.NO_QUORUM,
            rule,
            quorum=quorum,
            majority=None,
            arithmetic=tuple(lines),
            roll=roll,
            **common,
        )
    majority = check_majority(procedure.majority, abstentions=procedure.abstentions, **common)
    lines += majority.text
    outcome = Outcome.CARRIED if majority.met else Outcome.FAILED
    if casting_vote is not None and procedure.tie is not TieRule.CHAIR_DECIDES:
        raise TallyError(NO_CASTING_VOTE(rule=rule), rule=f"{rule}.tie")
    if majority.tied and procedure.tie is TieRule.CHAIR_DECIDES:
        if casting_vote is None or casting_vote is Choice.ABSTAIN:
            raise TallyError(
                TIED_CHAIR_DECIDES(yes=show(yes_), no=show(no_)),
                rule=f"{rule}.tie",
            )
        outcome = Outcome.CARRIED if casting_vote is Choice.YES else Outcome.FAILED
        lines.append((CASTING_YES if casting_vote is Choice.YES else CASTING_NO)())
    elif majority.tied:
        lines.append(TIE_FAILS())
    lines.append(OUTCOME[outcome]())
    return Result(
        outcome,
        rule,
        quorum=quorum,
        majority=majority,
        arithmetic=tuple(lines),
        roll=roll,
        **common,
    )


def tally_ballots(
    procedure: Procedure,
    *,
    ballots: Iterable[Ballot],
    electorate: Electorate,
    present: Collection[str] | None = None,
    casting_vote: Choice | None = None,
) -> Result:
    """Return the outcome from individual ballots, refusing any the electorate does not allow."""
    rule = procedure.rule
    there = set(present) if present is not None else None
    seen: set[str] = set()
    counts = {choice: Fraction(0) for choice in Choice}
    roll: list[RollEntry] = []
    for ballot in ballots:
        if ballot.voter not in electorate:
            raise TallyError(
                MAY_NOT_VOTE(voter=ballot.voter, body=electorate.body), rule=f"{rule}.electorate"
            )
        if ballot.voter in seen:
            raise TallyError(ALREADY_VOTED(voter=ballot.voter), rule=f"{rule}.one_ballot")
        if there is not None and ballot.voter not in there:
            raise TallyError(VOTED_NOT_PRESENT(voter=ballot.voter), rule=f"{rule}.present")
        seen.add(ballot.voter)
        weight = electorate.weight_of(ballot.voter)
        counts[ballot.choice] += weight
        roll.append(RollEntry(ballot.voter, ballot.choice, weight))
    for person in there or ():
        if person not in electorate:
            raise TallyError(PRESENT_MAY_NOT_VOTE(person=person), rule=f"{rule}.electorate")
    weight_present = sum(
        (electorate.weight_of(v) for v in (there if there is not None else seen)), Fraction(0)
    )
    return tally_counts(
        procedure,
        yes=counts[Choice.YES],
        no=counts[Choice.NO],
        abstain=counts[Choice.ABSTAIN],
        present=weight_present,
        members=electorate.total,
        casting_vote=casting_vote,
        # Only a named ballot keeps who voted how; a secret or counted vote keeps the totals.
        roll=tuple(roll) if procedure.ballot is BallotKind.NAMED else (),
    )


NEGATIVE = Phrase("{name} cannot be negative ({value})")
MORE_CAST_THAN_PRESENT = Phrase("more votes ({cast}) than votes present ({present})")
MORE_PRESENT_THAN_MEMBERS = Phrase("more votes present ({present}) than in the body ({members})")
TOTALS = Phrase(
    "{rule}: votes: yes {yes}, no {no}, abstain {abstain}; present {present} of {members}"
)
NOTHING_DECIDED = Phrase("outcome: no quorum, so nothing is decided")
NO_CASTING_VOTE = Phrase("{rule} gives the chair no casting vote: a tie fails")
TIED_CHAIR_DECIDES = Phrase(
    "the votes are tied ({yes} to {no}): the chair's casting vote, yes or no, decides"
)
CASTING_YES = Phrase("tie: the chair's casting vote is yes")
CASTING_NO = Phrase("tie: the chair's casting vote is no")
TIE_FAILS = Phrase("tie: a tied vote fails")
OUTCOME = {
    Outcome.CARRIED: Phrase("outcome: carried"),
    Outcome.FAILED: Phrase("outcome: failed"),
    Outcome.NO_QUORUM: Phrase("outcome: no_quorum"),
}
MAY_NOT_VOTE = Phrase("{voter} may not vote in the {body}")
ALREADY_VOTED = Phrase("{voter} has already voted")
VOTED_NOT_PRESENT = Phrase("{voter} voted but is not recorded as present")
PRESENT_MAY_NOT_VOTE = Phrase("{person} is recorded as present but may not vote")
