"""Where a decision may be appealed, and until when."""

from __future__ import annotations

import datetime as dt

from kuzbas.statute import Decision, Refusal, appeal_routes, may_appeal
from kuzbas.statute.appeals import AppealRoute
from tests.statute.examples import coop

DECIDED = dt.date(1930, 3, 1)
BOARD_ON_TECHNICAL = Decision("board", "technical", DECIDED)


def test_a_board_decision_on_a_technical_matter_goes_to_the_meeting_within_fourteen_days():
    (route,) = appeal_routes(coop(), decision=BOARD_ON_TECHNICAL)
    assert (route.rule, route.to, route.deadline, route.suspends) == (
        "appeal.board_to_meeting",
        "meeting",
        dt.date(1930, 3, 15),
        True,
    )
    assert route.explanation == (
        "Any member may appeal this decision of the Board to the General meeting until "
        "1930-03-15 (14 days, appeal.board_to_meeting); the decision is suspended until the "
        "appeal is heard."
    )


def test_the_route_shows_how_far_further_appeals_climb():
    (route,) = appeal_routes(coop(), decision=BOARD_ON_TECHNICAL)
    assert route.onward == ("trust",)


def test_an_appeal_on_the_last_day_is_in_time():
    route = may_appeal(
        coop(), decision=BOARD_ON_TECHNICAL, to="meeting", filed_on=dt.date(1930, 3, 15)
    )
    assert isinstance(route, AppealRoute)


def test_it_refuses_an_appeal_a_day_late():
    refusal = may_appeal(
        coop(), decision=BOARD_ON_TECHNICAL, to="meeting", filed_on=dt.date(1930, 3, 16)
    )
    assert refusal == Refusal(
        "appeal.board_to_meeting",
        "the time to appeal ended on 1930-03-15; this appeal was filed on 1930-03-16",
    )


def test_it_refuses_an_appeal_to_the_wrong_body():
    refusal = may_appeal(coop(), decision=BOARD_ON_TECHNICAL, to="trust", filed_on=DECIDED)
    assert refusal == Refusal(
        "appeal.board_to_meeting",
        "an appeal against this decision goes to the General meeting, not to the State trust",
    )


def test_it_refuses_an_appeal_where_the_statute_gives_none():
    decision = Decision("board", "admission", DECIDED)
    refusal = may_appeal(coop(), decision=decision, to="meeting", filed_on=DECIDED)
    assert refusal == Refusal(
        "appeal.none",
        "the statute allows no appeal against decisions of the Board on this matter",
    )


def test_the_engineers_decisions_go_to_the_board_and_stand_meanwhile():
    decision = Decision("engineer", "technical_direction", DECIDED)
    (route,) = appeal_routes(coop(), decision=decision)
    assert (route.to, route.deadline, route.suspends) == ("board", dt.date(1930, 3, 8), False)
