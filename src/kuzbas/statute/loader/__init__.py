"""Turn a statute written in TOML into the model, or into a list of problems with their lines.

This module reads the file and its [statute] table; each kind of table has its own module here
(bodies, matters, procedures, appeals, transfers, amendments).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path as FilePath
from typing import Any

from kuzbas.statute.consistency import check_statute
from kuzbas.statute.errors import StatuteInvalid, StatuteProblem
from kuzbas.statute.loader.amendments import read_amendment, read_entrenchment
from kuzbas.statute.loader.appeals import read_appeal
from kuzbas.statute.loader.bodies import read_body
from kuzbas.statute.loader.matters import read_matter
from kuzbas.statute.loader.procedures import read_procedure
from kuzbas.statute.loader.transfers import read_condition, read_transfer
from kuzbas.statute.model import Statute
from kuzbas.statute.problems import in_file_order
from kuzbas.statute.reading import Reader, did_you_mean
from kuzbas.statute.source_lines import Path, scan_lines, too_deep

# Arrays and inline tables nested deeper than any statute needs are refused before parsing.
MAX_DEPTH = 20

TOP_LEVEL = {
    "statute",
    "amendment",
    "body",
    "matter",
    "procedure",
    "appeal",
    "transfer",
    "condition",
    "entrenched",
}

# tomllib's wording for the mistakes people make most, said the way they would say it.
SYNTAX_HINTS = {
    "Illegal character '\\n'": "a text in quotes is not closed before the end of the line",
    "Unclosed array": "a list opened with [ is not closed with ]",
    "Expected '=' after a key in a key/value pair": 'a key must be followed by "=" and a value',
    "Invalid value": (
        "the value after = is not valid: put texts in quotes and write dates like 1922-10-31"
    ),
}


def load_statute(path: str | FilePath) -> Statute:
    """Read a statute file; raise StatuteInvalid listing every problem if it is not sound."""
    file = FilePath(path)
    return load_statute_text(file.read_text(encoding="utf-8"), file=str(path))


def load_statute_text(text: str, *, file: str = "<statute>") -> Statute:
    """Read a statute from TOML text; raise StatuteInvalid listing every problem."""
    statute, problems = read_statute(text, file=file)
    if statute is None or problems:
        raise StatuteInvalid(problems)
    return statute


def read_statute(
    text: str, *, file: str = "<statute>"
) -> tuple[Statute | None, list[StatuteProblem]]:
    """Return the statute and every problem found in it, reading and checking as far as possible."""
    deep = too_deep(text, MAX_DEPTH)
    if deep is not None:
        message = f"values are nested more than {MAX_DEPTH} deep (lists and tables in lists)"
        return None, [StatuteProblem(file, deep, "toml.depth", message)]
    try:
        document = tomllib.loads(text)
    except RecursionError:  # nesting the scan above did not see, as in a malformed value
        message = f"values are nested more than {MAX_DEPTH} deep (lists and tables in lists)"
        return None, [StatuteProblem(file, 1, "toml.depth", message)]
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"\(at line (\d+), column \d+\)", str(error))
        line = int(match.group(1)) if match else 1
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        message = SYNTAX_HINTS.get(message, message)
        return None, [StatuteProblem(file, line, "toml.syntax", f"not valid TOML: {message}")]
    reader = Reader(file=file, lines=scan_lines(text))
    statute = _statute(reader, document)
    if statute is None:
        return None, reader.problems
    problems = reader.problems + list(check_statute(statute))
    return statute, in_file_order(problems)


def _statute(reader: Reader, document: Mapping[str, Any]) -> Statute | None:
    for key in document:
        if key not in TOP_LEVEL:
            hint = did_you_mean(key, TOP_LEVEL)
            reader.report((key,), "key.unknown", f'unknown section "{key}"{hint}')
    head = document.get("statute")
    if not isinstance(head, dict):
        reader.report(("statute",), "key.missing", "the file needs a [statute] table")
        return None
    path: Path = ("statute",)
    header = "[statute]"
    reader.keys(
        head,
        path,
        header=header,
        allowed={"id", "title", "version", "effective", "amends", "require_sources"},
    )
    effective = reader.date(head, path, "effective", header=header, required=True)
    if effective is None:
        return None
    return Statute(
        id=reader.text(head, path, "id", header=header, required=True),
        title=reader.text(head, path, "title", header=header, required=True),
        version=reader.text(head, path, "version", header=header, required=True),
        effective=effective,
        amends=reader.text(head, path, "amends", header=header),
        require_sources=reader.flag(head, path, "require_sources"),
        source=reader.text(head, path, "source", header=header),
        assumption=reader.text(head, path, "assumption", header=header),
        at=reader.location(path, head),
        bodies=tuple(read_body(reader, p, t) for p, t in reader.tables(document, "body")),
        matters=tuple(read_matter(reader, p, t) for p, t in reader.tables(document, "matter")),
        procedures=tuple(
            read_procedure(reader, p, t) for p, t in reader.tables(document, "procedure")
        ),
        appeals=tuple(read_appeal(reader, p, t) for p, t in reader.tables(document, "appeal")),
        transfers=tuple(
            t
            for t in (read_transfer(reader, p, t) for p, t in reader.tables(document, "transfer"))
            if t is not None
        ),
        conditions=tuple(
            read_condition(reader, p, t) for p, t in reader.tables(document, "condition")
        ),
        entrenched=tuple(
            read_entrenchment(reader, p, t) for p, t in reader.tables(document, "entrenched")
        ),
        amendment=read_amendment(reader, document),
    )
