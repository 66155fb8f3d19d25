"""The outcome of a vote with its arithmetic; ballots the electorate does not allow are refused."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from kuzbas.statute import (
    Ballot,
    Choice,
    Outcome,
    TallyError,
    electorate,
    tally_ballots,
    tally_counts,
)
from kuzbas.statute.model import Abstentions, Base, Majority, Procedure, Threshold
from tests.statute.examples import BOARD_1930, coop

MARCH_1930 = dt.date(1930, 3, 1)


def meeting_vote() -> Procedure:
    procedure = coop().procedure("meeting_vote")
    assert procedure is not None
    return procedure


def board_vote() -> Procedure:
    procedure = coop().procedure("board_vote")
    assert procedure is not None
    return procedure


def board():
    return electorate(coop(), body="board", as_of=MARCH_1930, holdings=BOARD_1930)


def test_a_motion_carries_with_more_yes_than_half_the_votes_cast_and_shows_the_arithmetic():
    result = tally_counts(meeting_vote(), yes=12, no=7, abstain=3, present=22, members=40)
    assert result.outcome is Outcome.CARRIED
    assert result.arithmetic == (
        "procedure.meeting_vote: votes: yes 12, no 7, abstain 3; present 22 of 40",
        "quorum: 22 of 40 votes present; more than 1/2 × 40 = 20 required: met",
        "base: votes cast = yes 12 + no 7 = 19 (abstentions, 3, are not votes cast)",
        "majority: more than half of the votes cast: 1/2 × 19 = 19/2; yes 12 > 19/2: reached",
        "outcome: carried",
    )


def test_without_quorum_nothing_is_decided():
    result = tally_counts(meeting_vote(), yes=12, no=7, present=20, members=40)
    assert result.outcome is Outcome.NO_QUORUM
    assert result.arithmetic[1:] == (
        "quorum: 20 of 40 votes present; more than 1/2 × 40 = 20 required: not met",
        "outcome: no quorum, so nothing is decided",
    )


def test_abstentions_counted_as_votes_cast_can_defeat_a_motion():
    procedure = Procedure("vote", abstentions=Abstentions.INCLUDED)
    result = tally_counts(procedure, yes=5, no=4, abstain=2, present=11, members=11)
    assert result.outcome is Outcome.FAILED
    assert result.majority is not None and result.majority.base == 11


def test_a_two_thirds_majority_is_reached_exactly_at_two_thirds():
    procedure = Procedure("vote", majority=Majority(Threshold.TWO_THIRDS, Base.VOTES_CAST))
    assert tally_counts(procedure, yes=2, no=1, present=3, members=3).carried
    assert not tally_counts(procedure, yes=5, no=3, present=8, members=8).carried


def test_an_absolute_majority_counts_against_every_member_present_or_not():
    procedure = Procedure("vote", majority=Majority(Threshold.ABSOLUTE, Base.MEMBERS))
    result = tally_counts(procedure, yes=10, no=0, present=10, members=21)
    assert (result.outcome, result.majority.required) == (Outcome.FAILED, Fraction(21, 2))


def test_unanimity_needs_every_vote_of_the_base():
    procedure = Procedure("vote", majority=Majority(Threshold.UNANIMITY, Base.PRESENT))
    assert not tally_counts(procedure, yes=9, no=0, abstain=1, present=10, members=10).carried
    assert tally_counts(procedure, yes=10, no=0, present=10, members=12).carried


def test_nobody_carries_a_motion_with_no_votes_at_all():
    procedure = Procedure("vote", majority=Majority(Threshold.TWO_THIRDS, Base.VOTES_CAST))
    assert tally_counts(procedure, yes=0, no=0, present=0, members=5).outcome is Outcome.FAILED


def test_a_tie_goes_to_the_chairs_casting_vote_where_the_statute_says_so():
    ballots = [
        Ballot("anna", Choice.YES),
        Ballot("boris", Choice.NO),
        Ballot("clara", Choice.YES),
        Ballot("dmitri", Choice.NO),
    ]
    result = tally_ballots(
        board_vote(), ballots=ballots, electorate=board(), casting_vote=Choice.NO
    )
    assert result.outcome is Outcome.FAILED
    assert result.arithmetic[-2:] == ("tie: the chair's casting vote is no", "outcome: failed")


def test_a_tie_without_the_chairs_casting_vote_cannot_be_counted():
    with pytest.raises(TallyError) as refused:
        tally_counts(board_vote(), yes=2, no=2, present=4, members=4)
    assert refused.value.rule == "procedure.board_vote.tie"


def test_it_refuses_a_casting_vote_the_statute_does_not_give():
    with pytest.raises(TallyError) as refused:
        tally_counts(meeting_vote(), yes=2, no=2, present=4, members=4, casting_vote=Choice.YES)
    assert (
        refused.value.message
        == "procedure.meeting_vote gives the chair no casting vote: a tie fails"
    )


def test_it_refuses_more_votes_than_voters_present():
    with pytest.raises(TallyError) as refused:
        tally_counts(meeting_vote(), yes=12, no=9, present=20, members=40)
    assert refused.value.message == "more votes (21) than votes present (20)"


def test_it_refuses_a_ballot_from_outside_the_electorate():
    with pytest.raises(TallyError) as refused:
        tally_ballots(board_vote(), ballots=[Ballot("egor", Choice.YES)], electorate=board())
    assert (refused.value.rule, refused.value.message) == (
        "procedure.board_vote.electorate",
        "egor may not vote in the board",
    )


def test_it_refuses_a_second_ballot():
    ballots = [Ballot("anna", Choice.YES), Ballot("anna", Choice.NO)]
    with pytest.raises(TallyError) as refused:
        tally_ballots(board_vote(), ballots=ballots, electorate=board())
    assert refused.value.message == "anna has already voted"


def test_it_refuses_a_ballot_from_someone_not_recorded_present():
    with pytest.raises(TallyError) as refused:
        tally_ballots(
            board_vote(),
            ballots=[Ballot("anna", Choice.YES)],
            electorate=board(),
            present={"boris", "clara"},
        )
    assert refused.value.message == "anna voted but is not recorded as present"


def test_a_named_ballot_keeps_who_voted_how():
    ballots = [Ballot("anna", Choice.YES), Ballot("boris", Choice.NO), Ballot("clara", Choice.YES)]
    result = tally_ballots(board_vote(), ballots=ballots, electorate=board())
    assert [(e.voter, e.choice) for e in result.roll] == [
        ("anna", Choice.YES),
        ("boris", Choice.NO),
        ("clara", Choice.YES),
    ]


def test_a_secret_ballot_keeps_only_the_totals():
    procedure = Procedure("vote", ballot=coop().procedure("amendment_vote").ballot)
    ballots = [Ballot("anna", Choice.YES), Ballot("boris", Choice.NO), Ballot("clara", Choice.YES)]
    result = tally_ballots(procedure, ballots=ballots, electorate=board())
    assert (result.roll, result.yes, result.no) == ((), 2, 1)


def test_those_present_who_do_not_vote_still_count_towards_the_quorum():
    result = tally_ballots(
        board_vote(),
        ballots=[Ballot("anna", Choice.YES)],
        electorate=board(),
        present={"anna", "boris"},
    )
    assert (result.present, result.outcome) == (2, Outcome.CARRIED)
