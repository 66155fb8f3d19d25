"""Ballots: only while the vote is open, only from the electorate, only once; else no trace."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from kuzbas.core.actor import Operator
from kuzbas.core.errors import Conflict, NotPermitted, RefusedByStatute
from kuzbas.core.lifecycle import IllegalTransition
from kuzbas.governance.models import Ballot, MotionStatus, Outcome, StatuteVersion
from kuzbas.governance.services import ballots, decisions, motions
from tests.governance.conftest import BOARD_DAY, trace

pytestmark = pytest.mark.django_db


def test_a_board_member_casts_a_ballot_on_an_open_vote(board, open_pumps):
    ballot = ballots.cast_ballot(actor=board.reese, motion=open_pumps, choice="yes")

    assert ballot.voter.key == "reese"
    assert ballot.choice == "yes"


def test_it_refuses_a_ballot_from_outside_the_electorate_and_leaves_no_trace(open_pumps, personas):
    before = trace()

    with pytest.raises(RefusedByStatute) as refused:
        ballots.cast_ballot(actor=personas["colonist"].user, motion=open_pumps, choice="yes")

    assert "may not vote in the Managing Board" in refused.value.message
    assert trace() == before


def test_it_refuses_a_second_ballot_and_keeps_the_first(board, open_pumps):
    ballots.cast_ballot(actor=board.reese, motion=open_pumps, choice="yes")
    before = trace()

    with pytest.raises(Conflict):
        ballots.cast_ballot(actor=board.reese, motion=open_pumps, choice="no")

    assert trace() == before
    assert Ballot.objects.get().choice == "yes"


def test_the_database_itself_refuses_a_second_ballot(board, open_pumps):
    Ballot.objects.create(motion=open_pumps, voter=board.reese.person, choice="yes")

    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(motion=open_pumps, voter=board.reese.person, choice="no")


def test_it_refuses_a_ballot_before_the_vote_opens(board, pumps):
    before = trace()

    with pytest.raises(IllegalTransition) as refused:
        ballots.cast_ballot(actor=board.reese, motion=pumps, choice="yes")

    assert "has not been opened" in refused.value.message
    assert trace() == before


def test_it_refuses_a_ballot_after_the_vote_closes_and_leaves_no_trace(board, open_pumps):
    ballots.cast_ballot(actor=board.reese, motion=open_pumps, choice="yes")
    ballots.cast_ballot(actor=board.shatov, motion=open_pumps, choice="yes")
    decisions.close_vote(actor=board.rutgers, motion=open_pumps, as_of=BOARD_DAY)
    before = trace()

    with pytest.raises(IllegalTransition) as refused:
        ballots.cast_ballot(actor=board.rutgers, motion=open_pumps, choice="no")

    assert "is closed" in refused.value.message
    assert trace() == before


def test_a_vote_cannot_open_when_the_body_is_no_longer_competent(colony, personas):
    # Filed with the mass meeting under the 1921 arrangement, opened after the reorganisation.
    motion = motions.file_motion(
        actor=personas["colonist"].user,
        title="Pumps",
        text="",
        matter="technical",
        body="general-meeting",
        as_of=dt.date(1922, 10, 1),
    )
    before = trace()

    with pytest.raises(RefusedByStatute) as refused:
        ballots.open_vote(actor=Operator(), motion=motion, as_of=BOARD_DAY)

    assert refused.value.rule == "matter.technical"
    assert trace() == before


def test_closing_the_vote_counts_it_and_appends_the_decision(board, open_pumps):
    ballots.cast_ballot(actor=board.reese, motion=open_pumps, choice="yes")
    ballots.cast_ballot(actor=board.shatov, motion=open_pumps, choice="yes")
    ballots.cast_ballot(actor=board.rutgers, motion=open_pumps, choice="no")

    decision = decisions.close_vote(actor=board.rutgers, motion=open_pumps, as_of=BOARD_DAY)

    open_pumps.refresh_from_db()
    assert open_pumps.status == MotionStatus.CARRIED
    assert decision.outcome == Outcome.CARRIED
    assert decision.counts == {
        "yes": "2",
        "no": "1",
        "abstain": "0",
        "present": "3",
        "members": "3",
    }
    assert decision.rule == "matter.technical"
    assert decision.statute_hash == StatuteVersion.objects.get(version="1922-10").content_hash
    assert "yes 2 > 3/2" in decision.arithmetic
    assert [n["person"] for n in decision.payload["named"]] == ["reese", "shatov", "rutgers"]


def test_one_ballot_of_three_is_no_quorum_on_the_board(board, open_pumps):
    ballots.cast_ballot(actor=board.reese, motion=open_pumps, choice="yes")

    decision = decisions.close_vote(actor=board.rutgers, motion=open_pumps, as_of=BOARD_DAY)

    assert decision.outcome == Outcome.NO_QUORUM


def test_a_colonist_may_not_open_or_close_a_vote(pumps, personas):
    with pytest.raises(NotPermitted):
        ballots.open_vote(actor=personas["colonist"].user, motion=pumps, as_of=BOARD_DAY)


def test_a_named_ballot_retried_with_its_key_is_returned_not_doubled(board, open_pumps):
    key = "named-retry-key-0001"
    first = ballots.cast_ballot(actor=board.reese, motion=open_pumps, choice="yes", key=key)
    again = ballots.cast_ballot(actor=board.reese, motion=open_pumps, choice="yes", key=key)

    assert again.pk == first.pk and again.replayed
    with pytest.raises(Conflict):
        ballots.cast_ballot(actor=board.reese, motion=open_pumps, choice="no", key="x" * 16)
    assert Ballot.objects.filter(voter__key="reese").count() == 1
