"""What each kind of job runs, registered at start-up by the app that owns the work.

A kind names the right that lets someone other than its starter read a job, and what the
job's page offers next: where its result is (once done) and where to start again (once failed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kuzbas.core.rights import Right

# (job, report) -> (outcome, message): the work, run in one transaction; `report(done, total,
# stage)` says how far it has got; the message says what was done, in the starter's language.
Run = Callable[[Any, Callable[[int, int, str], None]], tuple[dict, str]]


@dataclass(frozen=True)
class JobKind:
    name: str
    title: Any  # a lazy translation: "Import of people"
    right: Right
    run: Run
    result_url: str = ""  # a URL name: where the result is read, once done
    again_url: str = ""  # a URL name: where to start again, once failed


_KINDS: dict[str, JobKind] = {}


def register(kind: JobKind) -> None:
    """Make a kind of job known; called from the owning app's `ready()`."""
    _KINDS[kind.name] = kind


def kind_of(name: str) -> JobKind:
    """Return the registered kind of this name (KeyError: a job of a kind no app registers)."""
    return _KINDS[name]
