"""What the statute engine says when something is wrong: a problem in a file, or a refusal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kuzbas.core.errors import DomainError, Invalid, NotNow, Problem, RefusedByStatute


@dataclass(frozen=True)
class StatuteProblem:
    """One thing wrong with a statute file, with the place a user must look and the rule broken."""

    file: str
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message} [{self.rule}]"


class StatuteInvalid(Invalid):
    """The statute cannot be loaded; it lists every problem with its file and line."""

    def __init__(self, problems: Sequence[StatuteProblem]):
        # The statute's problems name their file and rule besides the line.
        self.problems: tuple[StatuteProblem, ...] = tuple(problems)  # type: ignore[assignment]
        first = str(self.problems[0]) if self.problems else "invalid statute"
        more = len(self.problems) - 1
        summary = f"{first} (and {more} more)" if more > 0 else first
        DomainError.__init__(self, summary, rule=self.problems[0].rule if self.problems else None)

    def details(self) -> dict[str, object]:
        """Return every problem as plain data for the API."""
        return {
            "message": self.message,
            "problems": [
                {"file": p.file, "line": p.line, "rule": p.rule, "message": p.message}
                for p in self.problems
            ],
        }


@dataclass(frozen=True)
class Refusal:
    """The statute does not allow this: `rule` names the clause, `reason` says why in words."""

    rule: str
    reason: str

    def __str__(self) -> str:
        return self.reason

    def as_error(self) -> RefusedByStatute:
        """Return the refusal as the domain error the services raise."""
        return RefusedByStatute(self.reason, rule=self.rule)


class TallyError(Invalid):
    """The figures given for a vote cannot be counted (more votes than voters, a second ballot)."""

    def __init__(self, message: str, *, rule: str):
        super().__init__([Problem(message)])
        self.rule = rule


class NotInForce(NotNow):
    """No version of the statute was in force on the date asked about."""
