"""Writing checked rows: new rows in bulk (PostgreSQL's COPY, SQLite's one prepared INSERT),
rows with evidence and their citations, changed rows, and the monthly totals they touch.

Everything here runs inside the import's transaction (`importing`), so a failure anywhere
leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils.translation import gettext as _

from kuzbas.core.errors import Conflict
from kuzbas.production import aggregates
from kuzbas.production.imports import progress
from kuzbas.production.imports.copy_format import copy_row
from kuzbas.production.imports.matching import Changes
from kuzbas.production.imports.rows import SPECS, CitationSpec, Kind, RowSpec
from kuzbas.production.models.catalogue import Product, Unit
from kuzbas.record.models import Citation


def insert(spec: RowSpec, rows: list[tuple], report, total: int) -> None:
    """Insert new rows without evidence: COPY on PostgreSQL, one prepared INSERT on SQLite."""
    if not rows:
        return
    table = spec.model._meta.db_table
    columns = ", ".join(map(connection.ops.quote_name, spec.fields))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for start in range(0, len(rows), progress.CHUNK):
                    copy.write("".join(map(copy_row, rows[start : start + progress.CHUNK])))
                    report(min(start + progress.CHUNK, len(rows)), total, "writing")
            return
        marks = ", ".join(["%s"] * len(spec.fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
        values = sqlite_row(spec)
        for start in range(0, len(rows), progress.CHUNK):
            cursor.executemany(sql, list(map(values, rows[start : start + progress.CHUNK])))
            report(min(start + progress.CHUNK, len(rows)), total, "writing")


def sqlite_row(spec: RowSpec) -> Callable[[tuple], tuple]:
    """Return a function from a row to the values SQLite is given: the row's columns as they
    are, since Django's SQLite backend adapts dates (ISO text) and decimals (`str`) itself."""
    return operator.itemgetter(slice(0, len(spec.fields)))


def _sqlite_value(value):
    return str(value) if isinstance(value, (Decimal, dt.date)) else value


def insert_cited(spec: RowSpec, rows: list[tuple], citations: dict) -> None:
    """Insert new rows with evidence, then their citations (which need the rows' ids)."""
    if not rows:
        return
    model, fields, key_length = spec.model, spec.fields, spec.key_length
    ct = ContentType.objects.get_for_model(model)
    for start in range(0, len(rows), progress.CHUNK):
        chunk = rows[start : start + progress.CHUNK]
        objs = model.objects.bulk_create(
            [model(**dict(zip(fields, r[: len(fields)], strict=True))) for r in chunk]
        )
        Citation.objects.bulk_create(
            [
                Citation(
                    content_type=ct, object_id=obj.pk, **_citation_fields(citations[r[:key_length]])
                )
                for obj, r in zip(objs, chunk, strict=True)
            ]
        )


def update(spec: RowSpec, changed: list[tuple[int, tuple]], citations: dict) -> None:
    """Write the changed rows' values and replace their evidence."""
    if not changed:
        return
    model, fields, key_length = spec.model, spec.fields, spec.key_length
    written = fields[key_length:]
    assignments = ", ".join(f"{connection.ops.quote_name(name)} = %s" for name in written)
    sql = f"UPDATE {model._meta.db_table} SET {assignments} WHERE id = %s"  # noqa: S608
    convert = _sqlite_value if connection.vendor == "sqlite" else (lambda v: v)
    ct = ContentType.objects.get_for_model(model)
    with connection.cursor() as cursor:
        for start in range(0, len(changed), progress.CHUNK):
            chunk = changed[start : start + progress.CHUNK]
            cursor.executemany(
                sql, [(*map(convert, r[key_length : len(fields)]), pk) for pk, r in chunk]
            )
            Citation.objects.filter(
                content_type=ct, object_id__in=[pk for pk, _r in chunk]
            ).delete()
            Citation.objects.bulk_create(
                [
                    Citation(
                        content_type=ct, object_id=pk, **_citation_fields(citations[r[:key_length]])
                    )
                    for pk, r in chunk
                    if r[:key_length] in citations
                ]
            )


def _citation_fields(spec: CitationSpec) -> dict:
    return {
        "source_id": spec.source_id,
        "locator": spec.locator,
        "status": spec.status,
        "note": spec.note,
    }


def hold_catalogue(unit_ids: set[int], product_ids: set[int]) -> None:
    """Lock the units and products that new output rows refer to until the import commits.

    Output rows have no foreign-key constraint (see `OutputRecord`); this is the lock the
    constraint's trigger would take, once per unit and product instead of once per row.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model, ids in ((Unit, unit_ids), (Product, product_ids)):
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT id FROM {model._meta.db_table} "  # noqa: S608
                "WHERE id = ANY(%s) FOR KEY SHARE) AS held",
                [sorted(ids)],
            )
            if cursor.fetchone()[0] != len(ids):
                raise Conflict(_("A unit or product of this file is no longer on record."))


def refresh_totals(
    kind: Kind, changes: Changes, written: int, streamed: list[tuple[int, int, dt.date]]
) -> int:
    """Recompute the monthly totals of the months the rows touch; return how many.

    Headcount and the catalogue have no monthly totals, but pages keep figures computed from
    them: a write raises the statistics' version. `streamed` holds the days of output rows
    written while the file was checked (see `streaming`), which `changes` does not hold.
    """
    if not SPECS[kind].monthly:
        if written:
            aggregates.bump()
        return 0
    touched = [(r.unit_id, r.product_id, r.period_start) for r in changes.created]
    touched += [(r.unit_id, r.product_id, r.period_start) for _pk, r in changes.changed]
    return aggregates.refresh_months(touched + streamed)
