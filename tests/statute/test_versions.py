"""Amendments make new versions; any date's statute can be asked for; history must follow."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.statute import (
    NotInForce,
    StatuteInvalid,
    amend,
    build_history,
    changed_clauses,
    load_statute_text,
    statute_as_of,
)
from tests.statute.examples import COOP_V2, coop, coop_history

STRENGTHENED_APPEAL = 'id = "meeting_to_trust"\nfrom = ["meeting"]\nto = "trust"\nwithin_days = 10'


def second_version(
    *, votes: str = "votes = { yes = 20, no = 5 }", change: tuple[str, str] = ("", "")
):
    text = COOP_V2.replace("votes = { yes = 20, no = 5 }", votes)
    if change[0]:
        text = text.replace(*change)
    return load_statute_text(text, file="coop-2.toml")


def refusal_of(*versions) -> list[str]:
    with pytest.raises(StatuteInvalid) as refused:
        build_history(versions)
    return [str(problem) for problem in refused.value.problems]


def test_each_date_gets_the_version_in_force_on_it():
    history = coop_history()
    assert statute_as_of(history, dt.date(1931, 12, 31)).version == "1"
    assert statute_as_of(history, dt.date(1932, 1, 1)).version == "2"
    assert statute_as_of(history, dt.date(1950, 1, 1)).version == "2"


def test_there_is_no_statute_before_the_first_version():
    with pytest.raises(NotInForce) as refused:
        statute_as_of(coop_history(), dt.date(1929, 1, 1))
    assert refused.value.rule == "statute.in_force"


def test_the_history_lists_the_clauses_an_amendment_changed():
    assert changed_clauses(*coop_history().versions) == ("matter.technical",)


def test_a_source_note_is_not_a_change_of_substance():
    edited = load_statute_text(
        COOP_V2.replace(
            'competent = "meeting"\n\n[[matter]]\nid = "technical_direction"',
            'competent = "meeting"\nsource = "minutes, item 4"\n\n[[matter]]\n'
            'id = "technical_direction"',
        ),
        file="coop-2.toml",
    )
    assert changed_clauses(coop_history().versions[1], edited) == ()


def test_amend_adds_a_version_to_the_history():
    history = amend(build_history([coop()]), second_version())
    assert [v.version for v in history.versions] == ["1", "2"]
    assert history.current.version == "2"


def test_it_refuses_an_amendment_without_the_majority_the_procedure_asks():
    assert refusal_of(coop(), second_version(votes="votes = { yes = 10, no = 8 }")) == [
        "coop-2.toml:156: the recorded votes do not reach at least two thirds of the votes cast "
        "(procedure.amendment_vote): majority: at least two thirds of the votes cast: 2/3 × 18 = "
        "12; yes 10 < 12: not reached [amendment.majority]"
    ]


def test_it_refuses_an_amendment_adopted_by_a_body_not_competent_to_amend():
    board = second_version(change=('adopted_by = "meeting"', 'adopted_by = "board"'))
    assert refusal_of(coop(), board) == [
        "coop-2.toml:153: under version 1 the General meeting amends the statute "
        "(matter.amendment), not the Board [amendment.competent]"
    ]


def test_it_refuses_an_amendment_adopted_outside_the_time_of_the_version_it_amends():
    late = second_version(change=("adopted_on = 1931-12-01", "adopted_on = 1933-01-01"))
    assert refusal_of(coop(), late) == [
        "coop-2.toml:155: the amendment was adopted on 1933-01-01, outside the time of version 1 "
        "(1930-01-01 to 1932-01-01) [amendment.date]"
    ]


def test_it_refuses_a_change_to_an_entrenched_clause_without_its_higher_majority():
    changed = second_version(
        votes="votes = { yes = 30, no = 12 }",
        change=(STRENGTHENED_APPEAL.replace("10", "30"), STRENGTHENED_APPEAL),
    )
    assert refusal_of(coop(), changed) == [
        "coop-2.toml:156: the recorded votes do not reach at least three quarters of the votes "
        "cast (entrenched.appeal.meeting_to_trust): majority: at least three quarters of the "
        "votes cast: 3/4 × 42 = 63/2; yes 30 < 63/2: not reached [amendment.majority]"
    ]


def test_it_accepts_a_change_to_an_entrenched_clause_with_its_higher_majority():
    changed = second_version(
        votes="votes = { yes = 40, no = 10 }",
        change=(STRENGTHENED_APPEAL.replace("10", "30"), STRENGTHENED_APPEAL),
    )
    assert "appeal.meeting_to_trust" in changed_clauses(coop(), changed)
    assert build_history([coop(), changed]).current.version == "2"


def test_it_refuses_a_change_to_an_entrenched_clause_with_no_votes_recorded():
    changed = second_version(
        votes="", change=(STRENGTHENED_APPEAL.replace("10", "30"), STRENGTHENED_APPEAL)
    )
    assert refusal_of(coop(), changed) == [
        "coop-2.toml:152: appeal.meeting_to_trust is entrenched (at least three quarters of the "
        "votes cast); the amendment changes it, so its votes must be recorded: add votes = "
        "{ yes = …, no = … } [amendment.entrenched]"
    ]


def test_it_refuses_a_version_that_amends_another_than_the_one_before_it():
    stray = second_version(change=('amends = "1"', 'amends = "0"'))
    assert refusal_of(coop(), stray) == [
        'coop-2.toml:5: version 2 amends "0", but the version before it is 1 [amendment.previous]'
    ]
