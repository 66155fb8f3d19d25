"""Domain errors shared by every app; the web layer and the API map them to responses.

Pure Python: no Django import, so the statute core and the services can both raise them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class DomainError(Exception):
    """Base of every error a user can cause and should be told about."""

    status = 400
    code = "invalid"

    def __init__(self, message: str, *, field: str | None = None, rule: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule

    def as_dict(self) -> dict[str, object]:
        """Return the error as plain data for the API."""
        data: dict[str, object] = {"code": self.code, "message": self.message}
        if self.field:
            data["field"] = self.field
        if self.rule:
            data["rule"] = self.rule
        return data


class Refused(DomainError):
    """The actor may not do this."""

    status = 403
    code = "refused"


class NotFound(DomainError):
    """The object does not exist or the actor may not see it."""

    status = 404
    code = "not_found"


class Conflict(DomainError):
    """The request contradicts the current state (an overlap, a duplicate)."""

    status = 409
    code = "conflict"


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


@dataclass
class Invalid(DomainError):
    """The input is wrong in one or more places; nothing was changed."""

    problems: list[Problem] = field(default_factory=list)
    status = 422
    code = "invalid"

    def __post_init__(self) -> None:
        summary = "; ".join(str(p) for p in self.problems[:5])
        more = len(self.problems) - 5
        if more > 0:
            summary += f"; and {more} more"
        DomainError.__init__(self, summary or "invalid input")

    def as_dict(self) -> dict[str, object]:
        """Return every problem with its field and line."""
        return {
            "code": self.code,
            "message": self.message,
            "problems": [
                {"message": p.message, "field": p.field, "line": p.line} for p in self.problems
            ],
        }
