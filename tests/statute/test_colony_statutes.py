"""The colony's own statutes of 1921 and October 1922, as the demo ships them."""

from __future__ import annotations

import datetime as dt

from kuzbas.statute import (
    Ballot,
    Choice,
    Competence,
    Decision,
    Refusal,
    admit_motion,
    appeal_routes,
    competence,
    electorate,
    main_check,
    statute_as_of,
    tally_ballots,
)
from kuzbas.statute.clauses import clauses
from kuzbas.statute.electorate import SeatHolding
from tests.statute.examples import DEMO_STATUTES, colony_history

MAY_1923 = dt.date(1923, 5, 1)
VOTE_OF_OCTOBER_1922 = dt.date(1922, 10, 31)

# Test data: who sits where. The article names the five who voted in October 1922 and the
# three members of the new Board; which committee seat each voter held is not stated, so the
# placement below only serves to give the joint meeting its five voters.
JOINT_MEETING = [
    SeatHolding("Rutgers", "organization-committee.member", dt.date(1922, 1, 1)),
    SeatHolding("Haywood", "organization-committee.member", dt.date(1922, 1, 1)),
    SeatHolding("Schuyler", "american-organization-committee.member", dt.date(1922, 1, 1)),
    SeatHolding("Reese", "american-organization-committee.member", dt.date(1922, 1, 1)),
    SeatHolding("Shatov", "joint-sitting.sto_representative", dt.date(1922, 1, 1)),
]
BOARD_FORMED = dt.date(1922, 11, 1)
MANAGING_BOARD = [
    SeatHolding("Rutgers", "managing-board.colony", BOARD_FORMED),
    SeatHolding("Reese", "managing-board.colony", BOARD_FORMED),
    SeatHolding("Shatov", "managing-board.sto_representative", BOARD_FORMED),
]


def test_both_statutes_pass_the_check():
    outputs = [
        main_check(str(DEMO_STATUTES / name)) for name in ("aick-1921.toml", "aick-1922-10.toml")
    ]
    assert [code for code, _ in outputs] == [0, 0]
    assert outputs[1][1].endswith(
        "version 1922-10, in force from 1922-11-01: 5 bodies, 5 seats, 7 matters, 2 procedures, "
        "2 appeal rules, 1 transfer"
    )


def test_every_clause_cites_the_article_or_says_it_is_an_assumption():
    for version in colony_history().versions:
        assert version.require_sources
        items = [*clauses(version).values(), version, version.amendment]
        cited = [i for i in items if i is not None and getattr(i, "source", "")]
        assert all(i.source.startswith("Yamanouchi 2025") for i in cited)
        assert all(getattr(i, "source", "") or getattr(i, "assumption", "") for i in items if i)


def test_the_mass_meeting_could_not_decide_the_choice_of_mine_pumps_in_1923():
    refusal = admit_motion(
        colony_history(), matter="technical", body="general-meeting", as_of=MAY_1923
    )
    assert refusal == Refusal(
        "matter.technical",
        "This is a technical matter: the Managing Board decides it. You may appeal its decision "
        "to the Council of Labor and Defense (STO) within 30 days. The Mass meeting of "
        "colonists cannot decide it.",
    )


def test_the_answer_for_1923_cites_the_october_1922_version_and_its_rules():
    answer = competence(colony_history(), matter="technical", as_of=MAY_1923)
    assert isinstance(answer, Competence)
    assert [step.rule for step in answer.rule_path] == [
        "statute.1922-10",
        "matter.technical",
        "procedure.board_vote",
        "appeal.to_sto",
    ]
    assert answer.rule_path[1].text == "a technical matter is decided by the Managing Board"


def test_before_the_reorganisation_technical_matters_went_to_the_mass_meeting():
    answer = admit_motion(
        colony_history(), matter="technical", body="general-meeting", as_of=dt.date(1922, 5, 1)
    )
    assert isinstance(answer, Competence)
    assert answer.statute.version == "1921"


def test_the_october_1922_vote_carried_three_to_two_in_the_joint_meeting():
    history = colony_history()
    version = statute_as_of(history, VOTE_OF_OCTOBER_1922)
    voters = electorate(
        version,
        body="joint-sitting",
        matter="statute_amendment",
        as_of=VOTE_OF_OCTOBER_1922,
        holdings=JOINT_MEETING,
    )
    ballots = [
        Ballot("Rutgers", Choice.YES),
        Ballot("Shatov", Choice.YES),
        Ballot("Reese", Choice.YES),
        Ballot("Haywood", Choice.NO),
        Ballot("Schuyler", Choice.NO),
    ]
    procedure = version.procedure("joint_sitting_vote")
    result = tally_ballots(procedure, ballots=ballots, electorate=voters)
    assert (version.version, result.carried, result.yes, result.no) == ("1921", True, 3, 2)
    assert [entry.voter for entry in result.roll if entry.choice is Choice.NO] == [
        "Haywood",
        "Schuyler",
    ]


def test_the_new_version_records_the_vote_that_adopted_it():
    amendment = colony_history().current.amendment
    assert amendment is not None and amendment.votes is not None
    assert (amendment.adopted_by, amendment.votes.yes, amendment.votes.no) == (
        "joint-sitting",
        3,
        2,
    )


def test_the_colonys_vote_on_the_board_is_held_by_the_sto():
    voters = electorate(
        colony_history().current, body="general-meeting", matter="board_election", as_of=MAY_1923
    )
    assert voters.transferred_to == "sto"


def test_the_colony_never_regained_its_vote_so_in_1926_the_sto_still_holds_it():
    refusal = admit_motion(
        colony_history(),
        matter="board_election",
        body="general-meeting",
        as_of=dt.date(1926, 12, 1),
    )
    assert isinstance(refusal, Refusal)
    assert refusal.rule == "transfer.colony_vote_on_board"


def test_the_managing_board_has_three_votes_one_of_them_the_stos():
    voters = electorate(
        colony_history().current, body="managing-board", as_of=MAY_1923, holdings=MANAGING_BOARD
    )
    assert {v.holder: v.weight for v in voters.voters} == {"Reese": 1, "Rutgers": 1, "Shatov": 1}


def test_a_board_decision_may_be_appealed_to_the_sto_within_thirty_days():
    decision = Decision("managing-board", "technical", dt.date(1923, 3, 1))
    (route,) = appeal_routes(colony_history().current, decision=decision)
    assert (route.to, route.deadline, route.suspends) == ("sto", dt.date(1923, 3, 31), False)
