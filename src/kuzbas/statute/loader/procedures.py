"""Read each [[procedure]] of a statute file, with its quorum and its majority."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

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
from kuzbas.statute.source_lines import Path


def read_quorum(reader: Reader, path: Path, value: object) -> Quorum:
    """Return a quorum written as "none", a count, or a share of members or of those present."""
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


def read_majority(reader: Reader, path: Path, table: Mapping[str, Any], key: str) -> Majority:
    """Return the majority written under `key`: a name such as "two_thirds", or a fraction."""
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


def read_procedure(reader: Reader, path: Path, table: dict[str, Any]) -> Procedure:
    """Return a [[procedure]] table as a procedure."""
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
        quorum=read_quorum(reader, (*path, "quorum"), table.get("quorum")),
        majority=read_majority(reader, path, table, "majority"),
        abstentions=reader.choice(table, path, "abstentions", Abstentions, Abstentions.EXCLUDED)
        or Abstentions.EXCLUDED,
        tie=reader.choice(table, path, "tie", TieRule, TieRule.FAILS) or TieRule.FAILS,
        ballot=reader.choice(table, path, "ballot", BallotKind, BallotKind.COUNTED)
        or BallotKind.COUNTED,
        proxies_per_holder=reader.integer(table, path, "proxies", header=header) or 0,
        live_counts=reader.flag(table, path, "live_counts"),
        **reader.provenance(table, path, header=header),
    )
