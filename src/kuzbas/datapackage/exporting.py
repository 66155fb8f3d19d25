"""Write every public table as one Frictionless Data Package: datapackage.json and a CSV a table."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from kuzbas import __version__
from kuzbas.core.rights import Right, require
from kuzbas.core.text import spreadsheet_safe
from kuzbas.datapackage.tables import EVIDENCE, Table, public_tables
from kuzbas.record.models import Citation, Evidence

DESCRIPTION = (
    "Every public table of the enterprise: its statute versions, bodies, seats, motions, the "
    "decision register with its hashes, meetings, votes (secret ones as their published boxes), "
    "elections and their counts, production, the record's sources, citations and documents. "
    "A row's evidence column says whether a source documents it or it is illustrative "
    "(inferred or generated); record.citation.csv names the sources. Accounts, e-mail addresses, "
    "the audit trail and who voted in a secret vote are never exported."
)


def export_datapackage(
    *, actor, directory: Path, progress: Callable[[str, int], None] | None = None
) -> Path:
    """Write the package into `directory` (created if needed); return the descriptor's path."""
    require(actor, Right.DATA_EXPORT)
    directory.mkdir(parents=True, exist_ok=True)
    with translation.override("en"):  # the descriptor's titles: the same bytes in any language
        return _write(directory, progress)


def _write(directory: Path, progress: Callable[[str, int], None] | None) -> Path:
    tables = public_tables()
    names = {t.name for t in tables}
    resources = []
    for table in tables:
        path = directory / f"{table.name}.csv"
        count = 0
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            header = [c.name for c in table.columns]
            writer.writerow(header + ([EVIDENCE] if table.has_evidence else []))
            # A package's CSV is opened in spreadsheets too: no cell may run as a formula.
            for cells in _cells(table, names):
                writer.writerow([spreadsheet_safe(cell) for cell in cells])
                count += 1
        if progress:
            progress(table.name, count)
        resources.append(resource_descriptor(table, path.name))
    descriptor = {
        "profile": "tabular-data-package",
        "name": "kuzbas-public-record",
        "title": "Kuzbas: the public record",
        "description": DESCRIPTION,
        "version": __version__,
        "resources": resources,
    }
    target = directory / "datapackage.json"
    target.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


def _cells(table: Table, public: set[str]) -> Iterator[list[str]]:
    columns = table.columns
    evidence = _evidence_of(table) if table.has_evidence else None
    # A citation of a row of a private table stays private with it.
    names_table = [i for i, c in enumerate(columns) if c.names_table]
    for obj in table.rows().iterator(chunk_size=2000):
        cells = [c.cell(obj) for c in columns]
        if any(cells[i] not in public for i in names_table):
            continue
        if evidence is not None:
            cells.append(evidence.get(obj.pk, ""))
        yield cells


def _evidence_of(table: Table) -> dict[int, str]:
    """Return each cited row's evidence: documented if any source documents it."""
    ctype = ContentType.objects.get_for_model(table.model)
    evidence: dict[int, str] = {}
    for object_id, status in Citation.objects.filter(content_type=ctype).values_list(
        "object_id", "status"
    ):
        if evidence.get(object_id) != Evidence.DOCUMENTED:
            evidence[object_id] = status
    return evidence


def resource_descriptor(table: Table, path: str) -> dict:
    """Return a table's resource: its file, and its schema read from the model."""
    fields = [c.descriptor() for c in table.columns]
    if table.has_evidence:
        fields.append(
            {
                "name": EVIDENCE,
                "type": "string",
                "description": (
                    "documented: a source documents the row (record.citation); illustrative: "
                    "inferred or generated; empty: not cited. Derived, not imported."
                ),
                "constraints": {"enum": list(Evidence.values)},
            }
        )
    schema: dict = {"fields": fields, "missingValues": [""], "primaryKey": [table.key.name]}
    keys = table.foreign_keys()
    if keys:
        schema["foreignKeys"] = keys
    return {
        "name": table.name,
        "title": str(table.model._meta.verbose_name_plural),
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }
