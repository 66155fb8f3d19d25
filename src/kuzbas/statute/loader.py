"""Turn a statute written in TOML into the model, or into a list of problems with their lines."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path as FilePath
from typing import Any

from kuzbas.statute.bodies import Body, BodyKind, FilledBy, Seat
from kuzbas.statute.consistency import check_statute
from kuzbas.statute.consistency.problems import in_file_order
from kuzbas.statute.errors import StatuteInvalid, StatuteProblem
from kuzbas.statute.model import (
    Amendment,
    AppealRule,
    Condition,
    Entrenchment,
    Matter,
    MatterKind,
    Statute,
    Transfer,
    Votes,
)
from kuzbas.statute.procedures import (
    Abstentions,
    BallotKind,
    Base,
    Majority,
    Procedure,
    Quorum,
    QuorumOf,
    Threshold,
    TieRule,
)
from kuzbas.statute.reading import Reader, did_you_mean, parse_fraction, shown
from kuzbas.statute.source_lines import Path, scan_lines

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
    try:
        document = tomllib.loads(text)
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
        bodies=tuple(_body(reader, p, t) for p, t in reader.tables(document, "body")),
        matters=tuple(_matter(reader, p, t) for p, t in reader.tables(document, "matter")),
        procedures=tuple(_procedure(reader, p, t) for p, t in reader.tables(document, "procedure")),
        appeals=tuple(_appeal(reader, p, t) for p, t in reader.tables(document, "appeal")),
        transfers=tuple(
            t
            for t in (_transfer(reader, p, t) for p, t in reader.tables(document, "transfer"))
            if t is not None
        ),
        conditions=tuple(_condition(reader, p, t) for p, t in reader.tables(document, "condition")),
        entrenched=tuple(
            _entrenchment(reader, p, t) for p, t in reader.tables(document, "entrenched")
        ),
        amendment=_amendment(reader, document),
    )


def _common(reader: Reader, table: Mapping[str, Any], path: Path, header: str) -> dict[str, Any]:
    return {
        "source": reader.text(table, path, "source", header=header),
        "assumption": reader.text(table, path, "assumption", header=header),
        "at": reader.location(path, table),
    }


def _body(reader: Reader, path: Path, table: dict[str, Any]) -> Body:
    header = "[[body]]"
    reader.keys(
        table,
        path,
        header=header,
        allowed={"id", "name", "kind", "seat", "joins", "procedure", "description"},
    )
    body_id = reader.text(table, path, "id", header=header, required=True)
    kind = reader.choice(table, path, "kind", BodyKind, None, header=header)
    if kind is None:
        # Guess from the seats, so that an unreadable kind is reported once, not again as
        # "a board without seats" or "a meeting with seats".
        kind = BodyKind.BOARD if table.get("seat") else BodyKind.GENERAL_MEETING
    return Body(
        id=body_id,
        name=reader.text(table, path, "name", header=header, required=True),
        kind=kind,
        seats=tuple(_seat(reader, body_id, p, t) for p, t in reader.nested(table, path, "seat")),
        joins=reader.names(table, path, "joins"),
        procedure=reader.text(table, path, "procedure", header=header),
        description=reader.text(table, path, "description", header=header),
        **_common(reader, table, path, header),
    )


def _seat(reader: Reader, body_id: str, path: Path, table: dict[str, Any]) -> Seat:
    header = f"a [[body.seat]] of {body_id}"
    reader.keys(
        table,
        path,
        header=header,
        allowed={
            "id",
            "name",
            "count",
            "votes",
            "filled_by",
            "matter",
            "appointed_by",
            "office",
            "term_months",
        },
    )
    filled_by = reader.choice(table, path, "filled_by", FilledBy, None)
    return Seat(
        id=reader.text(table, path, "id", header=header, required=True),
        body=body_id,
        filled_by=filled_by or FilledBy.APPOINTMENT,
        name=reader.text(table, path, "name", header=header),
        count=reader.integer(table, path, "count", header=header, minimum=1),
        votes=reader.integer(table, path, "votes", header=header, minimum=1) or 1,
        matter=reader.text(table, path, "matter", header=header),
        appointed_by=reader.text(table, path, "appointed_by", header=header),
        office=reader.text(table, path, "office", header=header),
        term_months=reader.integer(table, path, "term_months", header=header, minimum=1),
        **_common(reader, table, path, header),
    )


def _matter(reader: Reader, path: Path, table: dict[str, Any]) -> Matter:
    header = "[[matter]]"
    reader.keys(
        table,
        path,
        header=header,
        allowed={"id", "name", "kind", "competent", "concurrence", "procedure", "description"},
    )
    competent = table.get("competent")
    if isinstance(competent, list):
        # A list would make two bodies competent; the check explains why that is refused.
        reader.report(
            (*path, "competent"),
            "matter.competent",
            f"a matter has exactly one competent body, but {len(competent)} are given "
            f"({', '.join(map(str, competent))}); name one, and list the others under "
            '"concurrence" if their agreement is also needed',
        )
        competent = None
    return Matter(
        id=reader.text(table, path, "id", header=header, required=True),
        name=reader.text(table, path, "name", header=header, required=True),
        competent=reader.text({"competent": competent}, path, "competent", header=header)
        if competent is not None
        else "",
        kind=reader.choice(table, path, "kind", MatterKind, MatterKind.ORDINARY)
        or MatterKind.ORDINARY,
        concurrence=reader.names(table, path, "concurrence"),
        procedure=reader.text(table, path, "procedure", header=header),
        description=reader.text(table, path, "description", header=header),
        **_common(reader, table, path, header),
    )


def _quorum(reader: Reader, path: Path, value: object) -> Quorum:
    if value is None or value == "none":
        return Quorum()
    if not isinstance(value, dict):
        reader.report(
            path,
            "procedure.quorum",
            'write the quorum as "none", { count = 3 }, { at_least = "1/2", of = "members" } '
            'or { more_than = "1/2", of = "present" }',
        )
        return Quorum()
    known = {"count", "at_least", "more_than", "of"}
    for key in value:
        if key not in known:
            reader.report(path, "key.unknown", f'unknown key "{key}" in the quorum')
    if "count" in value:
        count = reader.integer(value, path, "count", header="the quorum", minimum=1)
        return Quorum(count=count) if count is not None else Quorum()
    strict = "more_than" in value
    raw = value.get("more_than" if strict else "at_least")
    share = parse_fraction(raw)
    if share is None or not 0 < share <= 1:
        reader.report(
            path,
            "procedure.quorum",
            "the quorum's share must be a fraction above 0 and at most 1, "
            f'like "1/2", not {shown(raw)}',
        )
        return Quorum()
    of = reader.choice(value, path, "of", QuorumOf, QuorumOf.MEMBERS) or QuorumOf.MEMBERS
    return Quorum(fraction=share, of=of, strict=strict)


def _majority(reader: Reader, path: Path, table: Mapping[str, Any], key: str) -> Majority:
    raw = table.get(key, "simple")
    base = reader.choice(table, path, "base", Base, Base.VOTES_CAST) or Base.VOTES_CAST
    if raw == Threshold.ABSOLUTE.value:
        if "base" in table and base is not Base.MEMBERS:
            reader.report(
                (*path, "base"),
                "procedure.majority",
                'an absolute majority is counted against all members: write base = "members", '
                'or choose majority = "simple" to count against the votes cast',
            )
        return Majority(threshold=Threshold.ABSOLUTE, base=Base.MEMBERS)
    if isinstance(raw, str) and raw in {t.value for t in Threshold if t is not Threshold.FRACTION}:
        return Majority(threshold=Threshold(raw), base=base)
    share = parse_fraction(raw)
    if share is None or not 0 < share <= 1:
        names = [t.value for t in Threshold if t is not Threshold.FRACTION]
        reader.report(
            (*path, key),
            "procedure.majority",
            f'"{key}" cannot be {shown(raw)}{did_you_mean(str(raw), names)}; write one of: '
            f'{", ".join(names)}, or a fraction such as "3/5"',
        )
        return Majority(base=base)
    return Majority(threshold=Threshold.FRACTION, base=base, fraction=share)


def _procedure(reader: Reader, path: Path, table: dict[str, Any]) -> Procedure:
    header = "[[procedure]]"
    reader.keys(
        table,
        path,
        header=header,
        allowed={
            "id",
            "quorum",
            "majority",
            "base",
            "abstentions",
            "tie",
            "ballot",
            "proxies",
            "live_counts",
        },
    )
    return Procedure(
        id=reader.text(table, path, "id", header=header, required=True),
        quorum=_quorum(reader, (*path, "quorum"), table.get("quorum")),
        majority=_majority(reader, path, table, "majority"),
        abstentions=reader.choice(table, path, "abstentions", Abstentions, Abstentions.EXCLUDED)
        or Abstentions.EXCLUDED,
        tie=reader.choice(table, path, "tie", TieRule, TieRule.FAILS) or TieRule.FAILS,
        ballot=reader.choice(table, path, "ballot", BallotKind, BallotKind.COUNTED)
        or BallotKind.COUNTED,
        proxies_per_holder=reader.integer(table, path, "proxies", header=header) or 0,
        live_counts=reader.flag(table, path, "live_counts"),
        **_common(reader, table, path, header),
    )


def _appeal(reader: Reader, path: Path, table: dict[str, Any]) -> AppealRule:
    header = "[[appeal]]"
    reader.keys(
        table,
        path,
        header=header,
        allowed={"id", "from", "to", "matters", "by", "within_days", "suspends"},
    )
    days = reader.integer(table, path, "within_days", header=header, minimum=1, required=True)
    from_bodies = reader.names(table, path, "from")
    if "from" not in table:
        reader.report(path, "key.missing", f'{header} needs "from" (the bodies appealed from)')
    return AppealRule(
        id=reader.text(table, path, "id", header=header, required=True),
        from_bodies=from_bodies,
        to=reader.text(table, path, "to", header=header, required=True),
        within_days=days or 1,
        matters=reader.names(table, path, "matters"),
        by=reader.text(table, path, "by", header=header) or "members",
        suspends=reader.flag(table, path, "suspends"),
        **_common(reader, table, path, header),
    )


def _transfer(reader: Reader, path: Path, table: dict[str, Any]) -> Transfer | None:
    header = "[[transfer]]"
    reader.keys(
        table,
        path,
        header=header,
        allowed={"id", "holder", "to", "matters", "from", "until", "until_condition"},
    )
    starts = reader.date(table, path, "from", header=header, required=True)
    transfer = Transfer(
        id=reader.text(table, path, "id", header=header, required=True),
        holder=reader.text(table, path, "holder", header=header, required=True),
        to=reader.text(table, path, "to", header=header, required=True),
        starts=starts or dt.date.min,
        matters=reader.names(table, path, "matters"),
        until=reader.date(table, path, "until", header=header),
        until_condition=reader.text(table, path, "until_condition", header=header),
        **_common(reader, table, path, header),
    )
    return transfer if starts is not None else None


def _condition(reader: Reader, path: Path, table: dict[str, Any]) -> Condition:
    header = "[[condition]]"
    reader.keys(table, path, header=header, allowed={"id", "description"})
    return Condition(
        id=reader.text(table, path, "id", header=header, required=True),
        description=reader.text(table, path, "description", header=header, required=True),
        **_common(reader, table, path, header),
    )


def _entrenchment(reader: Reader, path: Path, table: dict[str, Any]) -> Entrenchment:
    header = "[[entrenched]]"
    reader.keys(table, path, header=header, allowed={"clause", "majority", "base"})
    if "majority" not in table:
        reader.report(path, "key.missing", f'{header} needs "majority" (such as "two_thirds")')
    return Entrenchment(
        clause=reader.text(table, path, "clause", header=header, required=True),
        majority=_majority(reader, path, table, "majority"),
        **_common(reader, table, path, header),
    )


def _amendment(reader: Reader, document: Mapping[str, Any]) -> Amendment | None:
    table = document.get("amendment")
    if table is None:
        return None
    path: Path = ("amendment",)
    header = "[amendment]"
    if not isinstance(table, dict):
        reader.report(path, "value.type", "write the amendment as an [amendment] table")
        return None
    reader.keys(table, path, header=header, allowed={"adopted_by", "matter", "adopted_on", "votes"})
    adopted_on = reader.date(table, path, "adopted_on", header=header, required=True)
    votes = _votes(reader, (*path, "votes"), table.get("votes"))
    if adopted_on is None:
        return None
    return Amendment(
        adopted_by=reader.text(table, path, "adopted_by", header=header, required=True),
        matter=reader.text(table, path, "matter", header=header, required=True),
        adopted_on=adopted_on,
        votes=votes,
        **_common(reader, table, path, header),
    )


def _votes(reader: Reader, path: Path, value: object) -> Votes | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - {"yes", "no", "abstain"}:
        reader.report(path, "value.type", "write the votes as { yes = 3, no = 2, abstain = 0 }")
        return None
    counts: dict[str, Fraction] = {}
    for key in ("yes", "no", "abstain"):
        share = parse_fraction(value.get(key, 0))
        if share is None or share < 0:
            reader.report(
                path, "value.type", f'"{key}" must be a number of votes, not {shown(value[key])}'
            )
            return None
        counts[key] = share
    return Votes(yes=counts["yes"], no=counts["no"], abstain=counts["abstain"])
