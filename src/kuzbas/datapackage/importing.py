"""Load a data package written by the export into an empty database: all of it, or nothing.

The package is checked first (its tables and columns against this version's, then every cell by
`frictionless`: types, keys, links), then each cell is read back into its field, and only then is
anything written, in one transaction. Each problem names its table, row (the CSV's line) and
column. The rows keep their keys, so that the package exported again is the same, byte for byte.
This is a restore, below the apps' services: it writes their rows as the package holds them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import Conflict, Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.text import from_spreadsheet
from kuzbas.datapackage.exporting import resource_descriptor
from kuzbas.datapackage.tables import EVIDENCE, CellError, Table, public_tables

MAX_PROBLEMS = 50


def import_datapackage(
    *, actor, directory: Path, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    """Load the package in `directory` into an empty database; return the rows a table."""
    require(actor, Right.DATA_IMPORT)
    ContentType.objects.clear_cache()  # a citation's table is looked up by name, afresh
    tables = {t.name: t for t in public_tables()}
    _refuse_a_database_in_use(tables.values())
    descriptor = directory / "datapackage.json"
    paths = _resources(descriptor, tables)
    _validate(directory, tables, paths)
    rows = {name: _read(tables[name], directory / path) for name, path in paths.items()}
    counts: dict[str, int] = {}
    try:
        with transaction.atomic():
            for name, objs in rows.items():
                tables[name].model._default_manager.bulk_create(objs, batch_size=500)
                counts[name] = len(objs)
                if progress:
                    progress(name, len(objs))
            # Links were deferred to the end of the transaction: check them now, by name.
            connection.check_constraints(
                table_names=[t.model._meta.db_table for t in tables.values()]
            )
            _reset_sequences(tables.values())
            audit(
                actor=actor,
                action="datapackage.import",
                changes={"package": str(directory), "rows": counts},
            )
    except IntegrityError as error:
        raise Invalid(
            problems=[Problem(_("The package's rows clash: %(error)s") % {"error": error})]
        ) from None
    return counts


def _refuse_a_database_in_use(tables) -> None:
    for table in tables:
        count = table.model._default_manager.count()
        if count:
            raise Conflict(
                _(
                    "The database is not empty (%(table)s holds %(count)s rows): a package is "
                    "imported only into a new database, just migrated."
                )
                % {"table": table.name, "count": count}
            )


def _resources(descriptor: Path, tables: dict[str, Table]) -> dict[str, str]:
    """Return each table's CSV path; Invalid unless the package has this version's tables."""
    if not descriptor.is_file():
        raise Invalid(
            problems=[Problem(_("There is no datapackage.json here."), field=str(descriptor))]
        )
    try:
        package = json.loads(descriptor.read_text(encoding="utf-8"))
        resources = {r["name"]: r for r in package["resources"]}
    except (ValueError, KeyError, TypeError) as error:
        raise Invalid(
            problems=[
                Problem(
                    _("Not a data package: %(error)s") % {"error": error}, field="datapackage.json"
                )
            ]
        ) from None
    problems = [
        Problem(_("This version of Kuzbas has no such table."), field=name)
        for name in sorted(set(resources) - set(tables))
    ]
    problems += [
        Problem(_("The package has no such table."), field=name)
        for name in sorted(set(tables) - set(resources))
    ]
    for name in sorted(set(tables) & set(resources)):
        table = tables[name]
        schema = resources[name].get("schema")
        fields = schema.get("fields") if isinstance(schema, dict) else None
        given = (
            [f.get("name") for f in fields if isinstance(f, dict)]
            if isinstance(fields, list)
            else []
        )
        wanted = [c.name for c in table.columns] + ([EVIDENCE] if table.has_evidence else [])
        if given != wanted:
            missing = [c for c in wanted if c not in given]
            extra = [c for c in given if c not in wanted]
            problems.append(
                Problem(
                    _(
                        "The columns differ from this version's: "
                        "missing %(missing)s; unknown %(extra)s."
                    )
                    % {
                        "missing": ", ".join(missing) or "-",
                        "extra": ", ".join(map(str, extra)) or "-",
                    },
                    field=name,
                )
            )
        path = resources[name].get("path")
        if not isinstance(path, str) or "/" in path or "\\" in path or path.startswith("."):
            problems.append(
                Problem(_("A table's path must be a file beside datapackage.json."), field=name)
            )
    if problems:
        raise Invalid(problems=problems)
    return {name: resources[name]["path"] for name in tables}


def _validate(directory: Path, tables: dict[str, Table], paths: dict[str, str]) -> None:
    """Validate the CSVs against this version's schemas, never the package's own word for them
    (which could name a schema or a profile at an address to fetch)."""
    from frictionless import Package

    package = Package.from_descriptor(
        {
            "profile": "tabular-data-package",
            "resources": [resource_descriptor(tables[name], path) for name, path in paths.items()],
        },
        basepath=str(directory),
    )
    # frictionless lifts the csv module's cell limit for the whole process: put it back, the
    # production and people imports rely on it.
    limit = csv.field_size_limit()
    try:
        report = package.validate()
    finally:
        csv.field_size_limit(limit)
    if report.valid:
        return
    problems = [Problem(error.message) for error in report.errors]
    for task in report.tasks:
        for error in task.errors:
            # A cell's error names its column; a broken link, the columns that make it.
            names = getattr(error, "field_names", None) or []
            column = getattr(error, "field_name", None) or ",".join(names)
            problems.append(
                Problem(
                    error.note or error.message,
                    field=f"{task.name}.{column}" if column else task.name,
                    line=getattr(error, "row_number", None),
                )
            )
    raise Invalid(problems=problems[:MAX_PROBLEMS])


def _read(table: Table, path: Path) -> list:
    """Return the table's rows as unsaved model objects; Invalid naming every bad cell."""
    columns = table.columns
    objs = []
    problems = []
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        for line, cells in enumerate(reader, start=2):
            values = {}
            for column, text in zip(columns, cells, strict=False):
                try:
                    values[column.field.attname] = column.value(from_spreadsheet(text))
                except CellError as error:
                    problems.append(
                        Problem(str(error), field=f"{table.name}.{column.name}", line=line)
                    )
            key = values.get(table.model._meta.pk.attname)
            for field in table.withheld_keys:
                values[field.attname] = f"withheld-{key}"
            objs.append(table.model(**values))
    if problems:
        raise Invalid(problems=problems[:MAX_PROBLEMS])
    return objs


def _reset_sequences(tables) -> None:
    """Set each table's key sequence past the imported keys (PostgreSQL; SQLite needs none)."""
    statements = connection.ops.sequence_reset_sql(no_style(), [t.model for t in tables])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
