"""Read each [[appeal]] of a statute file: from which bodies, to which, by whom and how soon."""

from __future__ import annotations

from typing import Any

from kuzbas.statute.model import AppealRule
from kuzbas.statute.reading import Reader
from kuzbas.statute.source_lines import Path


def read_appeal(reader: Reader, path: Path, table: dict[str, Any]) -> AppealRule:
    """Return an [[appeal]] table as an appeal rule."""
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
        **reader.provenance(table, path, header=header),
    )
