"""Read each [[matter]] of a statute file: a kind of decision and the one body competent for it."""

from __future__ import annotations

from typing import Any

from kuzbas.statute.model import Matter, MatterKind
from kuzbas.statute.reading import Reader
from kuzbas.statute.source_lines import Path


def read_matter(reader: Reader, path: Path, table: dict[str, Any]) -> Matter:
    """Return a [[matter]] table as a matter, refusing a list of competent bodies."""
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
    name, names = reader.named(table, path, header=header)
    return Matter(
        id=reader.text(table, path, "id", header=header, required=True),
        name=name,
        names=names,
        competent=reader.text({"competent": competent}, path, "competent", header=header)
        if competent is not None
        else "",
        kind=reader.choice(table, path, "kind", MatterKind, MatterKind.ORDINARY)
        or MatterKind.ORDINARY,
        concurrence=reader.names(table, path, "concurrence"),
        procedure=reader.text(table, path, "procedure", header=header),
        description=reader.text(table, path, "description", header=header),
        **reader.provenance(table, path, header=header),
    )
