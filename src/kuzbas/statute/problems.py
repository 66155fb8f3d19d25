"""Problems found in a statute: at a clause's key, for a name that resolves to nothing, in order."""

from __future__ import annotations

from collections.abc import Iterable

from kuzbas.statute.errors import StatuteProblem
from kuzbas.statute.location import Location
from kuzbas.statute.reading import did_you_mean


def problem(at: Location, key: str, rule: str, message: str) -> StatuteProblem:
    """Return a problem at the line of one key of a clause."""
    return StatuteProblem(at.file, at.of(key), rule, message)


def unresolved(
    at: Location, key: str, kind: str, name: str, known: Iterable[str]
) -> StatuteProblem:
    """Return the problem of a name the statute does not define, with the nearest one."""
    hint = did_you_mean(name, known)
    return problem(
        at,
        key,
        "ref.unresolved",
        f'{key} = "{name}": the statute defines no {kind} "{name}"{hint}',
    )


def in_file_order(problems: Iterable[StatuteProblem]) -> list[StatuteProblem]:
    """Return problems in the order a reader meets them in the file: by line, then rule."""
    return sorted(problems, key=lambda p: (p.line, p.rule, p.message))
