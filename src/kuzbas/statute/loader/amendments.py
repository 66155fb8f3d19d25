"""Read what a statute file says about amending: [[entrenched]] clauses and the [amendment]."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from kuzbas.statute.loader.procedures import read_majority
from kuzbas.statute.model import Amendment, Entrenchment, Votes
from kuzbas.statute.reading import Reader, parse_fraction, shown
from kuzbas.statute.source_lines import Path


def read_entrenchment(reader: Reader, path: Path, table: dict[str, Any]) -> Entrenchment:
    """Return an [[entrenched]] table as an entrenched clause with its majority."""
    header = "[[entrenched]]"
    reader.keys(table, path, header=header, allowed={"clause", "majority", "base"})
    if "majority" not in table:
        reader.report(path, "key.missing", f'{header} needs "majority" (such as "two_thirds")')
    return Entrenchment(
        clause=reader.text(table, path, "clause", header=header, required=True),
        majority=read_majority(reader, path, table, "majority"),
        **reader.provenance(table, path, header=header),
    )


def read_amendment(reader: Reader, document: Mapping[str, Any]) -> Amendment | None:
    """Return the [amendment] table, if the file has one and it can be read."""
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
    votes = read_votes(reader, (*path, "votes"), table.get("votes"))
    if adopted_on is None:
        return None
    return Amendment(
        adopted_by=reader.text(table, path, "adopted_by", header=header, required=True),
        matter=reader.text(table, path, "matter", header=header, required=True),
        adopted_on=adopted_on,
        votes=votes,
        **reader.provenance(table, path, header=header),
    )


def read_votes(reader: Reader, path: Path, value: object) -> Votes | None:
    """Return the recorded votes of an amendment, written as { yes = 3, no = 2, abstain = 0 }."""
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
