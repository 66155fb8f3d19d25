"""The error every lifecycle raises for a move its table does not allow.

Each app keeps its lifecycles as data in its own `transitions.py` (a motion's, an election's, a
meeting's, an agenda item's, a speaker's): a table of the moves allowed from each status,
`can_move(obj, to)` with the reason for a refusal, and `move(obj, to)`, which raises this.
A move the table forbids is a precondition not met ("not now"), so it is a `NotNow`.
"""

from __future__ import annotations

from kuzbas.core.errors import NotNow


class IllegalTransition(NotNow):
    """The subject (a motion, an election, a meeting...) cannot move from its status to the one
    asked for, or do what its status does not allow; the rule is `<subject>.<status>`."""

    def __init__(self, message: str, *, current: str, wanted: str, subject: str = "motion"):
        super().__init__(message, rule=f"{subject}.{current}")
        self.current = current
        self.wanted = wanted
