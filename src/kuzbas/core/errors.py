"""Domain errors shared by every app, named for what went wrong, not for how HTTP says it.

Six kinds, each a class a service raises and a user can be told about:

- `NotPermitted`: the actor lacks a right (or is not logged in).
- `RefusedByStatute`: the statute does not allow this; `rule` names the clause.
- `NotNow`: a precondition is not met: not yet, no longer, not in this state, check in first.
- `NotFound`: the object does not exist, or the actor may not see it.
- `Conflict`: the request contradicts what is stored (an overlap, a duplicate, a race lost).
- `Invalid`: the input is wrong in one or more places; each `Problem` names its field or line.

Pure Python: no Django import, so the statute engine raises them too. The web layer's table
(`kuzbas.web.errors`) maps each kind to a status, a page and an API code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class DomainError(Exception):
    """Base of every error a user can cause and should be told about."""

    def __init__(self, message: str, *, field: str | None = None, rule: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule

    def details(self) -> dict[str, object]:
        """Return what the error says as plain data: the message, and its field and rule."""
        data: dict[str, object] = {"message": self.message}
        if self.field:
            data["field"] = self.field
        if self.rule:
            data["rule"] = self.rule
        return data


class NotPermitted(DomainError):
    """The actor lacks the right to do this (or is not logged in)."""


class RefusedByStatute(DomainError):
    """The statute does not allow this; `rule` names the clause that says so."""


class NotNow(DomainError):
    """A precondition is not met: not yet, no longer, not in this state."""


class NotFound(DomainError):
    """The object does not exist or the actor may not see it."""


class Conflict(DomainError):
    """The request contradicts the current state (an overlap, a duplicate)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where it is and what is wrong."""

    message: str
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(self.field)
        return f"{', '.join(where)}: {self.message}" if where else self.message


class Invalid(DomainError):
    """The input is wrong in one or more places; nothing was changed."""

    def __init__(self, problems: Iterable[Problem] = ()):
        self.problems: Sequence[Problem] = list(problems)
        summary = "; ".join(str(p) for p in self.problems[:5])
        more = len(self.problems) - 5
        if more > 0:
            summary += f"; and {more} more"
        super().__init__(summary or "invalid input")

    def details(self) -> dict[str, object]:
        """Return every problem with its field and line."""
        return {
            "message": self.message,
            "problems": [
                {"message": p.message, "field": p.field, "line": p.line} for p in self.problems
            ],
        }


# The kinds in the order the web layer's table lists them; every DomainError is one of these.
KINDS: tuple[type[DomainError], ...] = (
    NotPermitted,
    RefusedByStatute,
    NotNow,
    NotFound,
    Conflict,
    Invalid,
)
