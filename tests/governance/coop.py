"""A present-day cooperative founded on its template, with twelve members, and the amendments
its tests propose to its statute."""

from __future__ import annotations

import datetime as dt

from kuzbas.governance.models import Decision, Motion
from kuzbas.governance.services import ballots, decisions
from kuzbas.governance.statute_templates import TEMPLATES, with_effective

FOUNDED = dt.date(2026, 1, 5)
PROPOSED = dt.date(2026, 3, 2)
MEETING = dt.date(2026, 3, 20)


def coop_text(effective: dt.date = FOUNDED) -> str:
    return with_effective(TEMPLATES["cooperative"].text(), effective)


def proposal(*, replace: tuple[str, str, str], version: str = "2", effective="2026-04-01") -> str:
    """The template, made version 2 amending version 1, with one passage changed: the first
    `old` after the line `after`."""
    text = coop_text()
    text = text.replace('version = "1"', f'version = "{version}"\namends = "1"', 1)
    text = text.replace(f"effective = {FOUNDED.isoformat()}", f"effective = {effective}", 1)
    after, old, new = replace
    start = text.index(after)
    at = text.index(old, start)
    return text[:at] + new + text[at + len(old) :]


BOARD_OF_SEVEN = ('id = "board"', "count = 5", "count = 7")  # no entrenched clause
ADMISSION_BY_BOARD = (
    'id = "admission"',
    'competent = "general-meeting"',
    'competent = "board"',
)


def vote(members, chair, motion: Motion, yes: int, no: int) -> Decision:
    motion = ballots.open_vote(actor=chair, motion=motion, as_of=MEETING)
    for n, member in enumerate(members[: yes + no]):
        ballots.cast_ballot(actor=member, motion=motion, choice="yes" if n < yes else "no")
    return decisions.close_vote(actor=chair, motion=motion, as_of=MEETING)
