"""Statutes and people the statute tests share: a small cooperative and the historical colony."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kuzbas.statute import StatuteHistory, build_history, load_statute, load_statute_text
from kuzbas.statute.electorate import Member, SeatHolding
from kuzbas.statute.model import Statute

DEMO_STATUTES = Path(__file__).parents[2] / "src" / "kuzbas" / "demo" / "statutes"
BAD = Path(__file__).parent / "bad"

COOP = """\
[statute]
id = "coop"
title = "Statute of a small cooperative"
version = "1"
effective = 1930-01-01

[[body]]
id = "meeting"
name = "General meeting"
kind = "general_meeting"
procedure = "meeting_vote"

[[body]]
id = "board"
name = "Board"
kind = "board"
procedure = "board_vote"

  [[body.seat]]
  id = "chair"
  count = 1
  filled_by = "election"
  matter = "board_election"

  [[body.seat]]
  id = "member"
  count = 2
  filled_by = "election"
  matter = "board_election"

  [[body.seat]]
  id = "trust_seat"
  name = "Trust's representative"
  count = 1
  filled_by = "appointment"
  appointed_by = "trust"

[[body]]
id = "engineer"
name = "Chief engineer"
kind = "office"

  [[body.seat]]
  id = "holder"
  count = 1
  filled_by = "appointment"
  appointed_by = "board"

[[body]]
id = "trust"
name = "State trust"
kind = "outside_authority"

[[procedure]]
id = "meeting_vote"
quorum = { more_than = "1/2", of = "members" }
majority = "simple"
ballot = "counted"
proxies = 1

[[procedure]]
id = "board_vote"
quorum = { count = 2 }
majority = "simple"
ballot = "named"
tie = "chair_decides"

[[procedure]]
id = "amendment_vote"
quorum = { at_least = "2/3", of = "members" }
majority = "two_thirds"
ballot = "secret"

[[matter]]
id = "technical"
name = "Technical matter"
competent = "board"

[[matter]]
id = "technical_direction"
name = "Day-to-day technical direction"
competent = "engineer"

[[matter]]
id = "admission"
name = "Admission of a member"
competent = "meeting"

[[matter]]
id = "board_election"
name = "Election of the board"
kind = "election"
competent = "meeting"

[[matter]]
id = "contract"
name = "Contract with the trust"
competent = "board"
concurrence = ["trust"]

[[matter]]
id = "amendment"
name = "Amendment of the statute"
kind = "amendment"
competent = "meeting"
procedure = "amendment_vote"

[[condition]]
id = "elections_prepared"
description = "the electoral roll of the cooperative is drawn up"

[[transfer]]
id = "meeting_vote_on_board"
holder = "meeting"
to = "trust"
matters = ["board_election"]
from = 1930-06-01
until_condition = "elections_prepared"

[[transfer]]
id = "trust_seat_to_chair"
holder = "board.trust_seat"
to = "board.chair"
from = 1931-01-01
until = 1931-07-01

[[appeal]]
id = "engineer_to_board"
from = ["engineer"]
to = "board"
within_days = 7

[[appeal]]
id = "board_to_meeting"
from = ["board"]
to = "meeting"
matters = ["technical", "contract"]
within_days = 14
suspends = true

[[appeal]]
id = "meeting_to_trust"
from = ["meeting"]
to = "trust"
within_days = 30

[[entrenched]]
clause = "appeal.meeting_to_trust"
majority = "three_quarters"
"""

# The second version: technical matters go to the general meeting.
COOP_V2 = (
    COOP.replace('version = "1"', 'version = "2"\namends = "1"')
    .replace("effective = 1930-01-01", "effective = 1932-01-01")
    .replace(
        'id = "technical"\nname = "Technical matter"\ncompetent = "board"',
        'id = "technical"\nname = "Technical matter"\ncompetent = "meeting"',
    )
    + """
[amendment]
adopted_by = "meeting"
matter = "amendment"
adopted_on = 1931-12-01
votes = { yes = 20, no = 5 }
"""
)


def coop() -> Statute:
    """Return the cooperative's first statute."""
    return load_statute_text(COOP, file="coop.toml")


def coop_history() -> StatuteHistory:
    """Return both versions of the cooperative's statute."""
    return build_history([coop(), load_statute_text(COOP_V2, file="coop-2.toml")])


def colony_history() -> StatuteHistory:
    """Return the colony's statutes of 1921 and October 1922, as the demo ships them."""
    return build_history(
        [
            load_statute(DEMO_STATUTES / "aick-1921.toml"),
            load_statute(DEMO_STATUTES / "aick-1922-10.toml"),
        ]
    )


def members(count: int, *, admitted: dt.date = dt.date(1930, 1, 1)) -> list[Member]:
    """Return `count` members in good standing named m01, m02, ..."""
    return [Member(f"m{i:02}", admitted) for i in range(1, count + 1)]


BOARD_1930 = [
    SeatHolding("anna", "board.chair", dt.date(1930, 1, 1)),
    SeatHolding("boris", "board.member", dt.date(1930, 1, 1)),
    SeatHolding("clara", "board.member", dt.date(1930, 1, 1)),
    SeatHolding("dmitri", "board.trust_seat", dt.date(1930, 1, 1)),
]
