"""A present-day cooperative, without the demo: its board appoints an auditor for the term the
statute sets, and the body's page shows the term and the vacancy it leaves."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kuzbas.core.actor import Operator
from kuzbas.core.errors import Conflict
from kuzbas.governance.services import decisions, motions, seat_holdings, statute_book
from tests.factories import PersonFactory
from tests.governance.conftest import seat

COOP = """[statute]
id = "coop"
title = "Statute of a workers' cooperative"
version = "1"
effective = 2024-01-01

[[procedure]]
id = "meeting_vote"
majority = "simple"
ballot = "secret"

[[procedure]]
id = "board_vote"
majority = "simple"
ballot = "named"

[[body]]
id = "general-meeting"
name = "General meeting of members"
kind = "general_meeting"
procedure = "meeting_vote"

[[body]]
id = "board"
name = "Board"
kind = "board"
procedure = "board_vote"

  [[body.seat]]
  id = "member"
  name = "Board member"
  count = 3
  filled_by = "election"
  matter = "board_election"
  term_months = 24

[[body]]
id = "audit"
name = "Audit committee"
kind = "committee"
procedure = "board_vote"

  [[body.seat]]
  id = "auditor"
  name = "Auditor"
  count = 1
  filled_by = "appointment"
  appointed_by = "board"
  term_months = 12

[[matter]]
id = "board_election"
name = "Election of the board"
kind = "election"
competent = "general-meeting"

[[matter]]
id = "business"
name = "Day-to-day business"
competent = "board"
"""
DAY = dt.date(2025, 3, 3)


@pytest.fixture
def coop(db):
    operator = Operator("test")
    statute_book.load_statute_version(actor=operator, path_or_text=COOP, file="coop.toml")
    for key in ("ana", "ben", "cai"):
        seat_holdings.add_seat_holding(
            actor=operator,
            seat=seat("board.member"),
            person=PersonFactory(key=key, name_latin=key.capitalize()),
            valid_from=dt.date(2024, 1, 1),
            valid_to=dt.date(2025, 12, 31),
        )
    motion = motions.file_motion(
        actor=operator,
        title="Appoint Dana auditor",
        text="",
        matter="business",
        body="board",
        as_of=DAY,
    )
    return decisions.record_counted_vote(
        actor=operator, motion=motion, yes=3, no=0, abstain=0, present=3, decided_on=DAY
    )


def test_an_appointment_without_a_last_day_runs_for_the_statutes_term(coop, clerk):
    holding = seat_holdings.appoint(
        actor=clerk.user,
        seat=seat("audit.auditor"),
        person=PersonFactory(key="dana", name_latin="Dana"),
        valid_from=DAY,
        decision=coop,
    )
    assert holding.valid_to == dt.date(2026, 3, 2)


def test_a_fourth_board_member_is_refused(coop, clerk):
    with pytest.raises(Conflict) as refused:
        seat_holdings.add_seat_holding(
            actor=clerk.user,
            seat=seat("board.member"),
            person=PersonFactory(),
            valid_from=DAY,
        )
    assert "Ana, Ben, Cai" in refused.value.message


def test_the_auditors_page_shows_the_term_and_the_vacancy_after_it(coop, clerk):
    seat_holdings.appoint(
        actor=clerk.user,
        seat=seat("audit.auditor"),
        person=PersonFactory(key="dana", name_latin="Dana"),
        valid_from=DAY,
        decision=coop,
    )
    url = reverse("governance:body", args=["audit"])

    during = clerk.client.get(url, {"on": "2026-03-02"}).content.decode()
    after = clerk.client.get(url, {"on": "2026-03-03"}).content.decode()

    assert "a term of 12 months" in during and "All places filled (1)" in during
    assert "1 of 1 place vacant" in after and "Dana" in after
    assert 'href="/governance/bodies/board/"' in after  # the appointing body, linked
