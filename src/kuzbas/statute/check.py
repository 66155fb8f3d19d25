"""`kuzbas statute check FILE`: every problem with its file and line, or a short summary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kuzbas.statute.errors import StatuteProblem
from kuzbas.statute.loader import read_statute
from kuzbas.statute.model import Statute

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_UNREADABLE = 2


@dataclass(frozen=True)
class CheckReport:
    """What the check found in one file."""

    file: str
    statute: Statute | None
    problems: tuple[StatuteProblem, ...]

    @property
    def ok(self) -> bool:
        return self.statute is not None and not self.problems

    def text(self) -> str:
        """Return the report as the command prints it."""
        if not self.ok:
            lines = [str(p) for p in self.problems]
            count = len(self.problems)
            lines.append(f"{self.file}: {count} problem{'s' if count != 1 else ''}; not loaded")
            return "\n".join(lines)
        assert self.statute is not None
        return f"{self.file}: OK: {summary(self.statute)}"


def summary(statute: Statute) -> str:
    """Return a one-line description of a valid statute."""
    fixed = sum(s.count for b in statute.bodies for s in b.seats if s.count is not None)
    open_ended = sum(1 for b in statute.bodies for s in b.seats if s.count is None)
    parts = [
        (len(statute.bodies), "body", "bodies"),
        (fixed, "seat", "seats"),
        (open_ended, "seat group of open size", "seat groups of open size"),
        (len(statute.matters), "matter", "matters"),
        (len(statute.procedures), "procedure", "procedures"),
        (len(statute.appeals), "appeal rule", "appeal rules"),
        (len(statute.transfers), "transfer", "transfers"),
        (len(statute.entrenched), "entrenched clause", "entrenched clauses"),
    ]
    counted = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in parts if n)
    in_force = f"in force from {statute.effective.isoformat()}"
    return f'"{statute.title}", version {statute.version}, {in_force}: {counted}'


def check_text(text: str, *, file: str = "<statute>") -> CheckReport:
    """Check statute text as if it had been read from `file`."""
    statute, problems = read_statute(text, file=file)
    return CheckReport(file, statute, tuple(problems))


def check_file(path: str | Path) -> CheckReport:
    """Check one statute file."""
    return check_text(Path(path).read_text(encoding="utf-8"), file=str(path))


def main_check(path: str) -> tuple[int, str]:
    """Return the exit code and the text `kuzbas statute check FILE` prints."""
    try:
        report = check_file(path)
    except FileNotFoundError:
        return EXIT_UNREADABLE, f"{path}: no such file"
    except (OSError, UnicodeDecodeError) as error:
        return EXIT_UNREADABLE, f"{path}: cannot be read ({error})"
    return (EXIT_OK if report.ok else EXIT_PROBLEMS), report.text()
