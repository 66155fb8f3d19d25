"""Conditions: which body records one as met, and the statute check that makes it clear."""

from __future__ import annotations

import pytest

from kuzbas.statute import Refusal, StatuteInvalid, load_statute_text, may_record_met, recorder
from kuzbas.statute.model import Condition
from tests.statute.examples import COOP, coop

TRANSFER_TO_BOARD = """
[[transfer]]
id = "second_wait"
holder = "board.trust_seat"
to = "board.chair"
from = 1930-06-01
until_condition = "elections_prepared"
"""


def test_a_condition_is_recorded_by_the_body_holding_the_votes_that_wait_on_it():
    statute = coop()

    assert recorder(statute, statute.condition("elections_prepared")) == "trust"


def test_a_condition_names_its_recorder_with_met_by():
    text = COOP.replace(
        'description = "the electoral roll of the cooperative is drawn up"',
        'description = "the electoral roll of the cooperative is drawn up"\nmet_by = "meeting"',
    )
    statute = load_statute_text(text, file="coop.toml")

    assert statute.condition("elections_prepared").met_by == "meeting"
    assert isinstance(
        may_record_met(statute, condition="elections_prepared", body="meeting"), Condition
    )


def test_it_refuses_another_body_recording_the_condition_with_its_rule():
    answer = may_record_met(coop(), condition="elections_prepared", body="meeting")

    assert isinstance(answer, Refusal)
    assert answer.rule == "condition.elections_prepared"
    assert "not the General meeting" in answer.reason


def test_it_refuses_a_condition_the_statute_does_not_know():
    answer = may_record_met(coop(), condition="roll_ready", body="trust")

    assert isinstance(answer, Refusal)
    assert answer.rule == "condition.unknown"
    assert "elections_prepared" in answer.reason


def test_the_check_names_the_line_of_an_unknown_recorder():
    text = COOP.replace(
        'description = "the electoral roll of the cooperative is drawn up"',
        'description = "the electoral roll of the cooperative is drawn up"\nmet_by = "bord"',
    )
    line = text.splitlines().index('met_by = "bord"') + 1

    with pytest.raises(StatuteInvalid) as invalid:
        load_statute_text(text, file="coop.toml")

    [found] = invalid.value.problems
    assert (found.line, found.rule) == (line, "ref.unresolved")
    assert 'did you mean "board"' in found.message


def test_the_check_asks_for_met_by_when_the_waiting_votes_go_to_two_bodies():
    text = COOP.replace("[[transfer]]", TRANSFER_TO_BOARD.strip() + "\n\n[[transfer]]", 1)
    line = text.splitlines().index('id = "elections_prepared"')  # the [[condition]] header

    with pytest.raises(StatuteInvalid) as invalid:
        load_statute_text(text, file="coop.toml")

    [found] = [p for p in invalid.value.problems if p.rule == "condition.met_by"]
    assert found.line == line
    assert 'met_by = "<body id>"' in found.message
