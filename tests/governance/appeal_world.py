"""A colony whose Managing Board decides and whose decisions are appealed to the STO: the demo's
statutes, or a copy of them where an appeal to the STO suspends the decision."""

from __future__ import annotations

import datetime as dt

from kuzbas.core.actor import Operator
from kuzbas.governance.models import Decision
from kuzbas.governance.services import appeals, decisions, motions, statute_book
from tests.governance.conftest import sitter
from tests.statute.examples import DEMO_STATUTES

DECIDED = dt.date(1923, 5, 10)
APPEALED = dt.date(1923, 5, 20)
HEARD = dt.date(1923, 6, 15)


def load_colony(*, suspending: bool) -> None:
    """Load the demo's statutes; in a copy where an appeal to the STO suspends the decision."""
    actor = Operator("test")
    statute_book.load_statute_version(actor=actor, path_or_text=DEMO_STATUTES / "aick-1921.toml")
    text = (DEMO_STATUTES / "aick-1922-10.toml").read_text(encoding="utf-8")
    if suspending:
        text = text.replace("suspends = false", "suspends = true")
    statute_book.load_statute_version(actor=actor, path_or_text=text, file="aick-1922-10.toml")
    for key, path in [
        ("rutgers", "managing-board.colony"),
        ("reese", "managing-board.colony"),
        ("shatov", "managing-board.sto_representative"),
    ]:
        sitter(key, path)


def board_decides(title: str = "Appoint Pearson chief engineer") -> Decision:
    operator = Operator("test")
    motion = motions.file_motion(
        actor=operator,
        title=title,
        text="",
        matter="management",
        body="managing-board",
        as_of=DECIDED,
    )
    return decisions.record_counted_vote(
        actor=operator, motion=motion, yes=2, no=1, abstain=0, present=3, decided_on=DECIDED
    )


def appeal_against(decision: Decision, on: dt.date = APPEALED):
    return appeals.file_appeal(
        actor=Operator("test"), decision=decision, to_body="sto", filed_on=on
    )


def sto_decides(appeal, *, upheld: bool, on: dt.date = HEARD) -> Decision:
    return decisions.record_counted_vote(
        actor=Operator("test"),
        motion=appeal.motion,
        yes=int(upheld),
        no=int(not upheld),
        abstain=0,
        present=1,
        decided_on=on,
    )
