"""Filing motions: the statute says who decides, and a motion to the wrong body is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.core.errors import NotPermitted, RefusedByStatute
from kuzbas.core.lifecycle import IllegalTransition
from kuzbas.governance.models import MotionStatus, StatuteVersion
from kuzbas.governance.services import motions, statute_book
from kuzbas.governance.transitions import can_cast_ballot, can_open_vote, move
from kuzbas.statute import Competence, Refusal
from tests.governance.conftest import BOARD_DAY, trace

pytestmark = pytest.mark.django_db


def test_the_mass_meeting_could_not_decide_the_mine_pumps_in_1923(colony):
    answer = statute_book.admissibility(matter="technical", body="general-meeting", as_of=BOARD_DAY)

    assert isinstance(answer, Refusal)
    assert answer.rule == "matter.technical"
    assert "the Managing Board decides it" in answer.reason


def test_the_mass_meeting_could_decide_them_in_1922(colony):
    answer = statute_book.admissibility(
        matter="technical", body="general-meeting", as_of=dt.date(1922, 6, 1)
    )

    assert isinstance(answer, Competence)
    assert answer.rule == "matter.technical"


def test_admissibility_says_so_when_no_statute_is_loaded(db):
    answer = statute_book.admissibility(matter="technical", body="managing-board", as_of=BOARD_DAY)

    assert isinstance(answer, Refusal)
    assert answer.rule == "statute.none"


def test_a_motion_filed_with_the_competent_body_cites_the_version_in_force(pumps):
    assert pumps.status == MotionStatus.FILED
    assert pumps.statute_version == StatuteVersion.objects.get(version="1922-10")
    assert pumps.filed_by.key == "rutgers"


def test_it_refuses_a_technical_motion_in_the_general_meeting_and_changes_nothing(board):
    before = trace()

    with pytest.raises(RefusedByStatute) as refused:
        motions.file_motion(
            actor=board.rutgers,
            title="Choose the mine pumps",
            text="",
            matter="technical",
            body="general-meeting",
            as_of=BOARD_DAY,
        )

    assert refused.value.rule == "matter.technical"
    assert "The Mass meeting of colonists cannot decide it" in refused.value.message
    assert trace() == before


def test_it_refuses_a_motion_on_the_board_election_while_the_sto_holds_the_colonys_vote(board):
    with pytest.raises(RefusedByStatute) as refused:
        motions.file_motion(
            actor=board.rutgers,
            title="Elect the Board",
            text="",
            matter="board_election",
            body="general-meeting",
            as_of=BOARD_DAY,
        )

    assert refused.value.rule == "transfer.colony_vote_on_board"


def test_a_person_without_a_seat_or_membership_may_not_file(colony, personas):
    with pytest.raises(NotPermitted):
        motions.file_motion(
            actor=personas["outsider"].user,
            title="Pumps",
            text="",
            matter="technical",
            body="managing-board",
            as_of=BOARD_DAY,
        )


def test_a_decided_motion_cannot_be_reopened(pumps):
    pumps.status = MotionStatus.CARRIED

    with pytest.raises(IllegalTransition):
        move(pumps, MotionStatus.VOTING)
    assert can_open_vote(pumps) == (
        False,
        f"Motion No. {pumps.number} is carried; it cannot become voting.",
    )


def test_a_filed_motion_says_it_may_be_opened_but_not_yet_voted_on(pumps):
    assert can_open_vote(pumps) == (True, "")
    assert can_cast_ballot(pumps)[0] is False
    assert "has not been opened" in can_cast_ballot(pumps)[1]


def test_the_filer_may_withdraw_a_motion_before_the_vote(board, pumps):
    withdrawn = motions.withdraw_motion(actor=board.rutgers, motion=pumps)

    assert withdrawn.status == MotionStatus.WITHDRAWN
