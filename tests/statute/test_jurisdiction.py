"""Who decides a matter on a date, why, and what a motion to the wrong body is told."""

from __future__ import annotations

import datetime as dt

from kuzbas.core.errors import RefusedByStatute
from kuzbas.statute import Competence, Refusal, admit_motion, competence
from tests.statute.examples import coop, coop_history

MARCH_1930 = dt.date(1930, 3, 1)


def test_the_board_is_competent_for_technical_matters():
    answer = competence(coop(), matter="technical", as_of=MARCH_1930)
    assert isinstance(answer, Competence)
    assert (answer.body.id, answer.decided_by, answer.rule) == (
        "board",
        "board",
        "matter.technical",
    )


def test_the_rule_path_names_the_version_the_matter_the_procedure_and_the_appeal():
    answer = competence(coop(), matter="technical", as_of=MARCH_1930)
    assert [(step.rule, step.text) for step in answer.rule_path] == [
        ("statute.1", "coop version 1 (in force from 1930-01-01)"),
        ("matter.technical", "a technical matter is decided by the Board"),
        (
            "procedure.board_vote",
            "a quorum of 2; more than half of the votes cast carries; named ballot",
        ),
        (
            "appeal.board_to_meeting",
            "its decision may be appealed to the General meeting within 14 days",
        ),
    ]


def test_it_refuses_a_technical_motion_in_the_general_meeting():
    refusal = admit_motion(coop(), matter="technical", body="meeting", as_of=MARCH_1930)
    assert refusal == Refusal(
        "matter.technical",
        "This is a technical matter: the Board decides it. You may appeal its decision to the "
        "General meeting within 14 days. The General meeting cannot decide it.",
    )


def test_it_admits_a_technical_motion_in_the_board():
    answer = admit_motion(coop(), matter="technical", body="board", as_of=MARCH_1930)
    assert isinstance(answer, Competence)


def test_a_concurring_body_is_told_to_wait_for_the_competent_one():
    refusal = admit_motion(coop(), matter="contract", body="trust", as_of=MARCH_1930)
    assert refusal == Refusal(
        "matter.contract",
        "This is a contract with the trust: the Board decides it. It also needs the concurrence "
        "of the State trust. You may appeal its decision to the General meeting within 14 days. "
        "The State trust concurs only after the Board has decided; put the motion to the Board "
        "first.",
    )


def test_it_refuses_the_election_to_the_meeting_while_its_vote_is_transferred():
    refusal = admit_motion(
        coop(), matter="board_election", body="meeting", as_of=dt.date(1930, 7, 1)
    )
    assert isinstance(refusal, Refusal)
    assert refusal.rule == "transfer.meeting_vote_on_board"
    assert refusal.reason.endswith(
        "For now the vote of the General meeting is exercised provisionally by the State trust "
        "from 1930-06-01 until the electoral roll of the cooperative is drawn up. So the General "
        "meeting cannot decide it now."
    )


def test_the_holder_of_a_transferred_vote_may_decide_in_its_place():
    answer = admit_motion(coop(), matter="board_election", body="trust", as_of=dt.date(1930, 7, 1))
    assert isinstance(answer, Competence)
    assert (answer.decided_by, answer.rule) == ("trust", "transfer.meeting_vote_on_board")


def test_the_vote_returns_to_the_meeting_on_the_day_the_condition_is_met():
    answer = admit_motion(
        coop(),
        matter="board_election",
        body="meeting",
        as_of=dt.date(1930, 9, 1),
        conditions_met={"elections_prepared": dt.date(1930, 9, 1)},
    )
    assert isinstance(answer, Competence)
    assert answer.transfer is None


def test_before_the_transfer_starts_the_meeting_elects_the_board():
    answer = admit_motion(coop(), matter="board_election", body="meeting", as_of=MARCH_1930)
    assert isinstance(answer, Competence)


def test_it_refuses_a_matter_the_statute_does_not_know():
    refusal = admit_motion(coop(), matter="pumps", body="meeting", as_of=MARCH_1930)
    assert refusal == Refusal(
        "matter.unknown",
        'version 1 of the statute knows no matter "pumps" (it knows: technical, '
        "technical_direction, admission, board_election, contract, amendment)",
    )


def test_it_refuses_a_body_the_statute_does_not_know():
    refusal = admit_motion(coop(), matter="technical", body="council", as_of=MARCH_1930)
    assert refusal == Refusal("body.unknown", 'version 1 of the statute has no body "council"')


def test_it_refuses_a_date_before_any_version_was_in_force():
    refusal = competence(coop(), matter="technical", as_of=dt.date(1929, 12, 31))
    assert refusal == Refusal(
        "statute.in_force",
        "no version of the statute was in force on 1929-12-31; the first, 1, took effect on "
        "1930-01-01",
    )


def test_the_answer_follows_the_version_in_force_on_the_date():
    history = coop_history()
    before = competence(history, matter="technical", as_of=dt.date(1931, 12, 31))
    after = competence(history, matter="technical", as_of=dt.date(1932, 1, 1))
    assert isinstance(before, Competence) and isinstance(after, Competence)
    assert (before.body.id, before.statute.version) == ("board", "1")
    assert (after.body.id, after.statute.version) == ("meeting", "2")


def test_a_refusal_becomes_the_domain_error_the_services_raise():
    refusal = admit_motion(coop(), matter="technical", body="meeting", as_of=MARCH_1930)
    assert isinstance(refusal, Refusal)
    error = refusal.as_error()
    assert isinstance(error, RefusedByStatute)
    assert (error.rule, error.message) == ("matter.technical", refusal.reason)
