"""Tallies, quorum and thresholds checked against the plain reference count in reference.py."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kuzbas.statute.electorate import Electorate, Voter
from kuzbas.statute.model import (
    Abstentions,
    BallotKind,
    Base,
    Majority,
    Procedure,
    Quorum,
    QuorumOf,
    Threshold,
    TieRule,
)
from kuzbas.statute.tally import Ballot, Choice, Outcome, tally_ballots, tally_counts
from tests.statute.reference import reference_outcome

shares = st.fractions(min_value=Fraction(1, 10), max_value=1, max_denominator=12).filter(
    lambda f: f > 0
)
quorums = st.one_of(
    st.just(Quorum()),
    st.builds(Quorum, count=st.integers(1, 40)),
    st.builds(Quorum, fraction=shares, of=st.sampled_from(QuorumOf), strict=st.booleans()),
)
majorities = st.one_of(
    st.builds(
        Majority,
        threshold=st.sampled_from(
            [t for t in Threshold if t not in (Threshold.FRACTION, Threshold.ABSOLUTE)]
        ),
        base=st.sampled_from(Base),
    ),
    st.just(Majority(Threshold.ABSOLUTE, Base.MEMBERS)),
    st.builds(
        Majority, threshold=st.just(Threshold.FRACTION), base=st.sampled_from(Base), fraction=shares
    ),
)


@st.composite
def procedures(draw: st.DrawFn) -> Procedure:
    majority = draw(majorities)
    abstentions = draw(st.sampled_from(Abstentions))
    simple_of_cast = (
        majority.threshold is Threshold.SIMPLE
        and majority.base is Base.VOTES_CAST
        and abstentions is Abstentions.EXCLUDED
    )
    tie = draw(st.sampled_from(TieRule)) if simple_of_cast else TieRule.FAILS
    return Procedure(
        id="vote",
        quorum=draw(quorums),
        majority=majority,
        abstentions=abstentions,
        tie=tie,
        ballot=draw(st.sampled_from(BallotKind)),
    )


@st.composite
def counts(draw: st.DrawFn) -> dict[str, int]:
    # Small bodies land exactly on thresholds (2 of 3, 3 of 4) often, where mistakes hide.
    members = draw(st.one_of(st.integers(0, 9), st.integers(0, 60)))
    present = draw(st.integers(0, members))
    yes = draw(st.integers(0, present))
    no = draw(st.integers(0, present - yes))
    abstain = draw(st.integers(0, present - yes - no))
    return {"yes": yes, "no": no, "abstain": abstain, "present": present, "members": members}


def casting_for(procedure: Procedure, figures: dict[str, int], vote: Choice) -> Choice | None:
    """Return the chair's casting vote where the procedure needs one, else None."""
    tied = figures["yes"] == figures["no"] and figures["yes"] > 0
    return vote if procedure.tie is TieRule.CHAIR_DECIDES and tied else None


@settings(max_examples=600, deadline=None)
@given(procedure=procedures(), figures=counts(), vote=st.sampled_from([Choice.YES, Choice.NO]))
def test_the_outcome_of_counted_votes_agrees_with_the_reference(procedure, figures, vote):
    casting = casting_for(procedure, figures, vote)
    result = tally_counts(procedure, casting_vote=casting, **figures)
    expected = reference_outcome(
        procedure, casting_vote=casting.value if casting else None, **figures
    )
    assert result.outcome.value == expected


@settings(max_examples=300, deadline=None)
@given(
    procedure=procedures(),
    figures=counts(),
    unit=st.integers(2, 7),
    vote=st.sampled_from([Choice.YES, Choice.NO]),
)
def test_fractional_votes_agree_with_the_reference_counting_whole_parts(
    procedure, figures, unit, vote
):
    # A fixed count of heads is not scale-free; every other rule is.
    assume(procedure.quorum.count is None)
    # Given every vote, present or absent, weighs 1/unit (as when votes are shared out)
    weighted = {k: Fraction(v, unit) for k, v in figures.items()}
    casting = casting_for(procedure, figures, vote)
    # When the engine counts the fractions
    result = tally_counts(procedure, casting_vote=casting, **weighted)
    # Then it agrees with the reference counting whole parts
    expected = reference_outcome(
        procedure, casting_vote=casting.value if casting else None, **figures
    )
    assert result.outcome.value == expected


@settings(max_examples=300, deadline=None)
@given(procedure=procedures(), figures=counts())
def test_turning_a_no_into_a_yes_never_defeats_a_motion(procedure, figures):
    casting = casting_for(procedure, figures, Choice.YES)
    before = tally_counts(procedure, casting_vote=casting, **figures)
    assume(figures["no"] > 0)
    changed = dict(figures, yes=figures["yes"] + 1, no=figures["no"] - 1)
    after = tally_counts(
        procedure, casting_vote=casting_for(procedure, changed, Choice.YES), **changed
    )
    assert not (before.outcome is Outcome.CARRIED and after.outcome is Outcome.FAILED)


@settings(max_examples=300, deadline=None)
@given(procedure=procedures(), figures=counts())
def test_the_arithmetic_uses_exact_fractions_and_ends_with_the_outcome(procedure, figures):
    casting = casting_for(procedure, figures, Choice.NO)
    result = tally_counts(procedure, casting_vote=casting, **figures)
    assert result.arithmetic[-1].startswith("outcome: ")
    assert all(
        "." not in word for line in result.arithmetic for word in line.split() if word[:1].isdigit()
    )
    assert isinstance(result.yes, Fraction)


@st.composite
def ballot_boxes(draw: st.DrawFn) -> tuple[Electorate, list[Ballot]]:
    weights = draw(st.lists(st.integers(1, 3), min_size=1, max_size=12))
    voters = tuple(Voter(f"v{i}", Fraction(w)) for i, w in enumerate(weights))
    electorate = Electorate("board", "", dt.date(1930, 1, 1), voters)
    voting = draw(st.lists(st.sampled_from(voters), unique=True))
    ballots = [Ballot(v.holder, draw(st.sampled_from(Choice))) for v in voting]
    return electorate, ballots


@settings(max_examples=300, deadline=None)
@given(procedure=procedures(), box=ballot_boxes(), vote=st.sampled_from([Choice.YES, Choice.NO]))
def test_ballots_are_counted_as_the_reference_counts_their_totals(procedure, box, vote):
    electorate, ballots = box
    totals = {
        c: sum(int(electorate.weight_of(b.voter)) for b in ballots if b.choice is c) for c in Choice
    }
    figures = {
        "yes": totals[Choice.YES],
        "no": totals[Choice.NO],
        "abstain": totals[Choice.ABSTAIN],
        "present": sum(totals.values()),
        "members": int(electorate.total),
    }
    casting = casting_for(procedure, figures, vote)
    result = tally_ballots(procedure, ballots=ballots, electorate=electorate, casting_vote=casting)
    expected = reference_outcome(
        procedure, casting_vote=casting.value if casting else None, **figures
    )
    assert result.outcome.value == expected
