"""The error every lifecycle raises for a move its table does not allow: a motion's
(`governance/transitions.py`) and an election's (`elections/transitions.py`)."""

from __future__ import annotations

from kuzbas.core.errors import Conflict


class IllegalTransition(Conflict):
    """A motion (or an election, the `subject`) cannot move from its status to the one asked
    for, or do what its status does not allow."""

    code = "illegal_transition"

    def __init__(self, message: str, *, current: str, wanted: str, subject: str = "motion"):
        super().__init__(message, rule=f"{subject}.{current}")
        self.current = current
        self.wanted = wanted
