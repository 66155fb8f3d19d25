"""Appeals: within the statute's deadline, to the body its route names, heard as a new motion."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.core.actor import Operator
from kuzbas.core.errors import RefusedByStatute
from kuzbas.governance.models import Appeal, Decision
from kuzbas.governance.services import appeals, decisions
from tests.governance.conftest import BOARD_DAY, trace

pytestmark = pytest.mark.django_db


@pytest.fixture
def pumps_decided(board, pumps) -> Decision:
    return decisions.record_counted_vote(
        actor=board.rutgers, motion=pumps, yes=2, no=1, abstain=0, present=3, decided_on=BOARD_DAY
    )


def test_an_appeal_within_the_deadline_opens_a_motion_in_the_sto(pumps_decided, personas):
    appeal = appeals.file_appeal(
        actor=personas["colonist"].user,
        decision=pumps_decided,
        to_body="sto",
        filed_on=BOARD_DAY + dt.timedelta(days=30),
    )

    assert appeal.rule == "appeal.to_sto"
    assert appeal.deadline == dt.date(1923, 5, 31)
    assert appeal.motion.body.key == "sto"
    assert appeal.motion.appeal_of == pumps_decided
    assert appeal.motion.matter == "technical"


def test_it_refuses_an_appeal_a_day_late_and_changes_nothing(pumps_decided, personas):
    before = trace()

    with pytest.raises(RefusedByStatute) as refused:
        appeals.file_appeal(
            actor=personas["colonist"].user,
            decision=pumps_decided,
            to_body="sto",
            filed_on=dt.date(1923, 6, 1),
        )

    assert refused.value.rule == "appeal.to_sto"
    assert "ended on 1923-05-31" in refused.value.message
    assert trace() == before
    assert not Appeal.objects.exists()


def test_it_refuses_an_appeal_to_a_body_the_route_does_not_name(pumps_decided, personas):
    with pytest.raises(RefusedByStatute) as refused:
        appeals.file_appeal(
            actor=personas["colonist"].user,
            decision=pumps_decided,
            to_body="general-meeting",
            filed_on=BOARD_DAY,
        )

    assert "goes to the Council of Labor and Defense (STO)" in refused.value.message


def test_the_appellate_decision_is_linked_back_to_the_appeal(pumps_decided, personas):
    appeal = appeals.file_appeal(
        actor=personas["colonist"].user, decision=pumps_decided, to_body="sto", filed_on=BOARD_DAY
    )

    outcome = decisions.record_counted_vote(
        actor=Operator(),
        motion=appeal.motion,
        yes=0,
        no=1,
        abstain=0,
        present=1,
        decided_on=BOARD_DAY + dt.timedelta(days=10),
    )

    appeal.refresh_from_db()
    assert appeal.outcome == outcome
    assert outcome.rule == "appeal.to_sto"
    assert outcome.payload["appeal_of"] == pumps_decided.sequence
    assert list(pumps_decided.appeals.all()) == [appeal]
