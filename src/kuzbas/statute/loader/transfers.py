"""Read each [[transfer]] of a statute file, and the [[condition]] tables that can end one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kuzbas.statute.model import Condition, Transfer
from kuzbas.statute.reading import Reader
from kuzbas.statute.source_lines import Path


def read_transfer(reader: Reader, path: Path, table: dict[str, Any]) -> Transfer | None:
    """Return a [[transfer]] table as a transfer, or None when it has no first day."""
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
        **reader.provenance(table, path, header=header),
    )
    return transfer if starts is not None else None


def read_condition(reader: Reader, path: Path, table: dict[str, Any]) -> Condition:
    """Return a [[condition]] table as a condition."""
    header = "[[condition]]"
    reader.keys(table, path, header=header, allowed={"id", "description", "met_by"})
    return Condition(
        id=reader.text(table, path, "id", header=header, required=True),
        description=reader.text(table, path, "description", header=header, required=True),
        met_by=reader.text(table, path, "met_by", header=header),
        **reader.provenance(table, path, header=header),
    )
