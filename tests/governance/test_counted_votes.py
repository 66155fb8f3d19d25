"""Counted votes for the historical mode: a chair records the totals and, where known, the names."""

from __future__ import annotations

import pytest

from kuzbas.core.errors import DomainError, Invalid
from kuzbas.governance.models import CountedVote, MotionStatus, Outcome
from kuzbas.governance.services import decisions
from tests.governance.conftest import BOARD_DAY, trace

pytestmark = pytest.mark.django_db


def test_a_chair_records_the_totals_and_the_decision_is_appended(board, pumps):
    decision = decisions.record_counted_vote(
        actor=board.rutgers,
        motion=pumps,
        yes=1,
        no=2,
        abstain=0,
        present=3,
        decided_on=BOARD_DAY,
    )

    pumps.refresh_from_db()
    assert pumps.status == MotionStatus.FAILED
    assert decision.outcome == Outcome.FAILED
    assert decision.payload["kind"] == "counted"
    assert CountedVote.objects.get().present == 3


def test_the_named_votes_are_kept_with_the_totals(board, pumps):
    named = [{"person": "reese", "choice": "yes"}, {"person": "shatov", "choice": "no"}]

    decision = decisions.record_counted_vote(
        actor=board.rutgers,
        motion=pumps,
        yes=2,
        no=1,
        abstain=0,
        present=3,
        named=named,
        decided_on=BOARD_DAY,
    )

    assert decision.payload["named"] == named


def test_it_refuses_a_named_vote_from_outside_the_electorate_and_changes_nothing(
    board, pumps, personas
):
    before = trace()

    with pytest.raises(Invalid) as refused:
        decisions.record_counted_vote(
            actor=board.rutgers,
            motion=pumps,
            yes=1,
            no=0,
            abstain=0,
            present=1,
            named=[{"person": "persona-colonist", "choice": "yes"}],
            decided_on=BOARD_DAY,
        )

    assert "may not vote in this body" in refused.value.message
    assert trace() == before


def test_it_refuses_more_named_votes_than_the_totals(board, pumps):
    with pytest.raises(Invalid) as refused:
        decisions.record_counted_vote(
            actor=board.rutgers,
            motion=pumps,
            yes=1,
            no=0,
            abstain=0,
            present=2,
            named=[{"person": "reese", "choice": "yes"}, {"person": "shatov", "choice": "yes"}],
            decided_on=BOARD_DAY,
        )

    assert "more than the total of 1" in refused.value.message


def test_it_refuses_more_present_than_the_body_has_votes(board, pumps):
    before = trace()

    with pytest.raises(DomainError) as refused:
        decisions.record_counted_vote(
            actor=board.rutgers,
            motion=pumps,
            yes=3,
            no=1,
            abstain=0,
            present=4,
            decided_on=BOARD_DAY,
        )

    assert "more votes present (4) than in the body (3)" in refused.value.message
    assert trace() == before
    pumps.refresh_from_db()
    assert pumps.status == MotionStatus.FILED
