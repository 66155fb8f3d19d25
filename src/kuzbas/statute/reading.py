"""Read typed values out of parsed TOML tables, noting every problem with its line."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from enum import StrEnum
from fractions import Fraction
from typing import Any, TypeVar

from kuzbas.core.text import char_name, first_control
from kuzbas.statute.errors import StatuteProblem
from kuzbas.statute.location import Location
from kuzbas.statute.source_lines import LineMap, Path

E = TypeVar("E", bound=StrEnum)

SOURCE_KEYS = frozenset({"source", "assumption"})
# No count in a statute (seats, votes, days, months, a quorum) comes near a million.
MAX_NUMBER = 1_000_000


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ` (did you mean "x"?)` when a close choice exists, else an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' (did you mean "{close[0]}"?)' if close else ""


def shown(value: object) -> str:
    """Return a value as it would be written in the file: texts in double quotes."""
    return f'"{value}"' if isinstance(value, str) else str(value)


def parse_fraction(value: object) -> Fraction | None:
    """Return a fraction from `"2/3"`, `"1"` or an integer, or None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, str):
        numerator, _, denominator = value.strip().partition("/")
        try:
            return Fraction(int(numerator), int(denominator or "1"))
        except (ValueError, ZeroDivisionError):
            return None
    return None


class Reader:
    """Pull values out of one file's tables; collect problems instead of stopping at the first."""

    def __init__(self, *, file: str, lines: LineMap):
        self.file = file
        self.lines = lines
        self.problems: list[StatuteProblem] = []

    def report(self, path: Path, rule: str, message: str) -> None:
        """Note a problem at the line of a path."""
        line = self.lines.line_of(path)
        self.problems.append(StatuteProblem(self.file, line, rule, message))

    def location(self, path: Path, table: Mapping[str, Any]) -> Location:
        """Return where a table and each of its keys were written."""
        keys = tuple((key, self.lines.line_of((*path, key))) for key in table)
        return Location(self.file, self.lines.line_of(path), keys)

    def provenance(self, table: Mapping[str, Any], path: Path, *, header: str) -> dict[str, Any]:
        """Return what every clause carries: its source, its assumption and where it was written."""
        return {
            "source": self.text(table, path, "source", header=header),
            "assumption": self.text(table, path, "assumption", header=header),
            "at": self.location(path, table),
        }

    def keys(self, table: Mapping[str, Any], path: Path, *, header: str, allowed: set[str]) -> None:
        """Report keys the statute format does not know, with the nearest known one."""
        known = allowed | SOURCE_KEYS
        for key in table:
            if key not in known:
                hint = did_you_mean(key, known)
                self.report((*path, key), "key.unknown", f'unknown key "{key}" in {header}{hint}')

    def text(
        self, table: Mapping[str, Any], path: Path, key: str, *, header: str, required: bool = False
    ) -> str:
        """Return a string value, or an empty string after noting a problem."""
        value = table.get(key)
        if value is None:
            if required:
                self.report(path, "key.missing", f'{header} needs "{key}"')
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.report((*path, key), "value.type", f'"{key}" must be a non-empty text in quotes')
            return ""
        if not self.clean(value, (*path, key), key):
            return ""
        return value

    def named(
        self, table: Mapping[str, Any], path: Path, *, header: str
    ) -> tuple[str, tuple[tuple[str, str], ...]]:
        """Return a clause's name and its names per language.

        `name = "Managing board"`, or `name = { en = "Managing board", ru = "Правление" }`:
        the English name is the statute's own (the register, the API and the checks speak
        it); the others are what a reader in that language sees.
        """
        value = table.get("name")
        if not isinstance(value, Mapping):
            return self.text(table, path, "name", header=header, required=True), ()
        names: list[tuple[str, str]] = []
        for language, text in value.items():
            where = (*path, "name", language)
            if not (len(language) == 2 and language.isascii() and language.islower()):
                self.report(
                    where,
                    "value.language",
                    f'"name" per language takes two-letter codes (en, ru), not "{language}"',
                )
            elif not isinstance(text, str) or not text.strip():
                self.report(where, "value.type", f'"name.{language}" must be a non-empty text')
            elif self.clean(text, where, "name"):
                names.append((language, text))
        english = dict(names).get("en", "")
        if not english:
            self.report(
                (*path, "name"),
                "key.missing",
                f'{header} needs its name in English: name = {{ en = "…", ru = "…" }}',
            )
        return english, tuple(sorted(names))

    def clean(self, value: str, path: Path, key: str) -> bool:
        """Whether a text holds no control character (a NUL, an escape, a right-to-left
        override, which makes an id read otherwise than it is); note one that does."""
        char = first_control(value, multiline=True)
        if char is None:
            return True
        self.report(path, "value.control", f'"{key}" must not contain {char_name(char)}')
        return False

    def names(self, table: Mapping[str, Any], path: Path, key: str) -> tuple[str, ...]:
        """Return a list of ids, written as an array of strings."""
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.report((*path, key), "value.type", f'"{key}" must be a list of ids in quotes')
            return ()
        if not all(self.clean(v, (*path, key), key) for v in value):
            return ()
        return tuple(value)

    def date(
        self, table: Mapping[str, Any], path: Path, key: str, *, header: str, required: bool = False
    ) -> dt.date | None:
        """Return a TOML date such as 1922-10-31."""
        value = table.get(key)
        if value is None:
            if required:
                self.report(path, "key.missing", f'{header} needs "{key}" (a date like 1922-10-31)')
            return None
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            self.report(
                (*path, key),
                "value.type",
                f'"{key}" must be a date written without quotes, like 1922-10-31',
            )
            return None
        return value

    def integer(
        self,
        table: Mapping[str, Any],
        path: Path,
        key: str,
        *,
        header: str,
        minimum: int = 0,
        maximum: int = MAX_NUMBER,
        required: bool = False,
    ) -> int | None:
        """Return a whole number from `minimum` to `maximum`."""
        value = table.get(key)
        if value is None:
            if required:
                self.report(path, "key.missing", f'{header} needs "{key}" (a whole number)')
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.report(
                (*path, key),
                "value.type",
                f'"{key}" must be a whole number of at least {minimum}, not {shown(value)}',
            )
            return None
        if value > maximum:
            self.report(
                (*path, key),
                "value.range",
                f'"{key}" must be a whole number of at most {maximum:,}, not {value:,}',
            )
            return None
        return value

    def flag(self, table: Mapping[str, Any], path: Path, key: str) -> bool:
        """Return a true/false value, false when absent."""
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.report((*path, key), "value.type", f'"{key}" must be true or false')
            return False
        return value

    def choice(
        self,
        table: Mapping[str, Any],
        path: Path,
        key: str,
        kind: type[E],
        default: E | None,
        *,
        header: str = "this table",
    ) -> E | None:
        """Return one of an enumeration's values, naming the allowed ones when it is not."""
        allowed = [member.value for member in kind]
        value = table.get(key)
        if value is None:
            if default is None:
                self.report(
                    path, "key.missing", f'{header} needs "{key}" (one of: {", ".join(allowed)})'
                )
            return default
        if value in allowed:
            return kind(value)
        hint = did_you_mean(str(value), allowed)
        self.report(
            (*path, key),
            "value.choice",
            f'"{key}" cannot be {shown(value)}{hint}; write one of: {", ".join(allowed)}',
        )
        return default

    def tables(self, document: Mapping[str, Any], name: str) -> list[tuple[Path, dict[str, Any]]]:
        """Return the items of an array of tables `[[name]]` with their paths."""
        value = document.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.report((name,), "value.type", f'"{name}" must be written as [[{name}]] tables')
            return []
        return [((name, index), item) for index, item in enumerate(value)]

    def nested(
        self, table: Mapping[str, Any], path: Path, name: str
    ) -> list[tuple[Path, dict[str, Any]]]:
        """Return the items of a nested array of tables such as `[[body.seat]]`."""
        value = table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.report((*path, name), "value.type", f'"{name}" must be written as tables')
            return []
        return [((*path, name, index), item) for index, item in enumerate(value)]
