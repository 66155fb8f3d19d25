"""Output files staged with COPY on PostgreSQL: the file's text into a temporary table, checked
and merged in SQL.

The usual output file (a CSV of units and products by their exact keys, shifts, days or months,
plain numbers in the product's own unit, no evidence) costs Python nothing per row here: the
file goes to PostgreSQL as it is (`COPY … FROM STDIN (FORMAT csv, HEADER)`), one statement
counts the rows SQL does not accept as `fast_path` would accept them (and rows seen twice), and
three statements write the new rows, update the changed ones (their evidence removed, as
`writing.update` does) and count the unchanged. Anything else (a file SQL does not accept whole,
XLSX, text with a control character or an apostrophe a spreadsheet put there, another column
filled in) leaves nothing behind (a savepoint) and goes the way every file went before
(`importing._import`), which names every problem by its line. So does an import that reports
its progress (the page's, a queued job's): a statement has no progress to report, while the
usual way writes rows as it checks them and says so. Both ways run in the import's transaction,
keep the double-count refusal (`aggregates.refresh_months`) and the audit entry.
"""

# ruff: noqa: S608 — the SQL here is built from model table names; values are parameters.
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction

from kuzbas.core.text import first_control
from kuzbas.production.imports.fast_path import READ
from kuzbas.production.imports.reading import MAX_CELL
from kuzbas.production.imports.writing import hold_catalogue
from kuzbas.production.models.catalogue import Product, Unit
from kuzbas.production.models.statistics import OutputRecord
from kuzbas.record.models import Citation

STAGE = "kuzbas_output_stage"
# The columns the staged path reads; a file may also carry the evidence columns, left empty.
EMPTY_ALLOWED = ("evidence", "source", "locator", "note")
_NUMBER = r"^[0-9]{1,17}(\.[0-9]{1,10})?$"


@dataclass(frozen=True)
class Staged:
    """What the staged import did: rows created, changed, unchanged, and the months touched."""

    created: int
    changed: int
    unchanged: int
    touched: list[tuple[int, int, dt.date]]


class _NotAccepted(Exception):
    """Roll the savepoint back: the file goes the usual way."""


def can_stage(data: bytes, header: list[str]) -> bool:
    """Whether a file may be tried here: PostgreSQL, not XLSX, the columns this path reads."""
    if connection.vendor != "postgresql" or data[:2] == b"PK":
        return False
    columns = set(header)
    if not {"unit", "product", "period_kind", "period_start", "quantity"} <= columns:
        return False
    return len(columns) == len(header) and columns <= set(READ) | set(EMPTY_ALLOWED)


def import_staged(data: bytes, header: list[str]) -> Staged | None:
    """Import an output file by COPY and SQL; None (nothing written) when SQL does not accept
    every row, and the caller checks the file row by row."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    # What reading refuses or changes per cell: control characters, a spreadsheet's apostrophe.
    if "'" in text or first_control(text, multiline=True) is not None:
        return None
    try:
        with transaction.atomic():
            return _stage_and_merge(text, header)
    except (_NotAccepted, DatabaseError):
        return None


def _stage_and_merge(text: str, header: list[str]) -> Staged:
    quote = connection.ops.quote_name
    columns = ", ".join(f"{quote(h)} text" for h in header)
    missing = [c for c in (*READ, *EMPTY_ALLOWED) if c not in header]
    output, units, products = (
        OutputRecord._meta.db_table,
        Unit._meta.db_table,
        Product._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {STAGE} ({columns}) ON COMMIT DROP")
        for name in missing:
            cursor.execute(f"ALTER TABLE {STAGE} ADD COLUMN {quote(name)} text DEFAULT ''")
        names = ", ".join(quote(h) for h in header)
        with cursor.cursor.copy(
            f"COPY {STAGE} ({names}) FROM STDIN (FORMAT csv, HEADER true)"
        ) as copy:
            copy.write(text)
        # Each row as `fast_path` makes it, or NULLs where it would not accept the row.
        cursor.execute(
            f"""
            CREATE TEMPORARY TABLE {STAGE}_rows ON COMMIT DROP AS
            SELECT u.id AS unit_id, p.id AS product_id, s.period_kind,
              CASE
                WHEN s.period_kind IN ('shift', 'day')
                     AND s.period_start ~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}$'
                  THEN s.period_start
                WHEN s.period_kind = 'month' AND s.period_start ~ '^[0-9]{{4}}-[0-9]{{2}}$'
                  THEN s.period_start || '-01'
                WHEN s.period_kind = 'month'
                     AND s.period_start ~ '^[0-9]{{4}}-[0-9]{{2}}-01$' THEN s.period_start
              END AS start_text,
              CASE
                WHEN s.period_kind = 'shift' AND coalesce(s.shift, '') ~ '^[1-9]$'
                  THEN s.shift::smallint
                WHEN s.period_kind IN ('day', 'month') AND coalesce(s.shift, '') = '' THEN 0
              END AS shift,
              CASE WHEN s.quantity ~ %s THEN s.quantity END AS quantity_text,
              CASE
                WHEN coalesce(s.unit_of_measure, '') = ''
                     AND p.unit_of_measure = btrim(p.unit_of_measure) THEN p.unit_of_measure
                WHEN s.unit_of_measure = btrim(p.unit_of_measure) THEN s.unit_of_measure
              END AS unit_entered,
              (coalesce(s.evidence, '') = '' AND coalesce(s.source, '') = ''
               AND coalesce(s.locator, '') = '' AND coalesce(s.note, '') = ''
               AND greatest(length(s.unit), length(s.product), length(s.period_start),
                            length(s.quantity), length(s.unit_of_measure)) <= %s) AS plain
            FROM {STAGE} s
            LEFT JOIN {units} u ON u.key = s.unit
            LEFT JOIN {products} p ON p.key = s.product
            """,
            [_NUMBER, MAX_CELL],
        )
        cursor.execute(
            f"""
            SELECT count(*),
              count(*) FILTER (WHERE unit_id IS NULL OR product_id IS NULL
                OR start_text IS NULL OR shift IS NULL OR quantity_text IS NULL
                OR unit_entered IS NULL OR NOT plain),
              count(DISTINCT (unit_id, product_id, start_text, period_kind, shift))
            FROM {STAGE}_rows
            """
        )
        total, refused, distinct = cursor.fetchone()
        if not total or refused or distinct != total:
            raise _NotAccepted
        # A date that is not one (2021-02-30) fails the cast: the savepoint takes it back.
        cursor.execute(
            f"""
            CREATE TEMPORARY TABLE {STAGE}_typed ON COMMIT DROP AS
            SELECT r.unit_id, r.product_id, r.start_text::date AS period_start, r.period_kind,
              r.shift,
              CASE WHEN r.period_kind = 'month'
                THEN (r.start_text::date + interval '1 month' - interval '1 day')::date
                ELSE r.start_text::date END AS period_end,
              r.quantity_text::numeric AS quantity, r.unit_entered, o.id AS on_record,
              (o.id IS NOT NULL AND o.quantity = r.quantity_text::numeric
               AND o.quantity_entered = r.quantity_text::numeric
               AND o.unit_entered = r.unit_entered
               AND NOT EXISTS (SELECT 1 FROM {Citation._meta.db_table} c
                               WHERE c.content_type_id = %s AND c.object_id = o.id)) AS same
            FROM {STAGE}_rows r
            LEFT JOIN {output} o ON o.unit_id = r.unit_id AND o.product_id = r.product_id
              AND o.period_start = r.start_text::date AND o.period_kind = r.period_kind
              AND o.shift = r.shift
            """,
            [ContentType.objects.get_for_model(OutputRecord).pk],
        )
        cursor.execute(
            f"SELECT DISTINCT unit_id, product_id FROM {STAGE}_typed "
            "WHERE on_record IS NULL OR NOT same"
        )
        pairs = cursor.fetchall()
        if pairs:
            hold_catalogue({u for u, _p in pairs}, {p for _u, p in pairs})
        cursor.execute(
            f"INSERT INTO {output} (unit_id, product_id, period_start, period_kind, shift, "
            "period_end, quantity, quantity_entered, unit_entered) "
            "SELECT unit_id, product_id, period_start, period_kind, shift, period_end, "
            f"quantity, quantity, unit_entered FROM {STAGE}_typed WHERE on_record IS NULL"
        )
        created = cursor.rowcount
        cursor.execute(
            f"DELETE FROM {Citation._meta.db_table} c USING {STAGE}_typed t "
            "WHERE c.content_type_id = %s AND c.object_id = t.on_record AND NOT t.same",
            [ContentType.objects.get_for_model(OutputRecord).pk],
        )
        cursor.execute(
            f"UPDATE {output} o SET quantity = t.quantity, quantity_entered = t.quantity, "
            f"unit_entered = t.unit_entered FROM {STAGE}_typed t "
            "WHERE o.id = t.on_record AND NOT t.same"
        )
        changed = cursor.rowcount
        cursor.execute(
            f"SELECT unit_id, product_id, date_trunc('month', period_start)::date "
            f"FROM {STAGE}_typed WHERE on_record IS NULL OR NOT same GROUP BY 1, 2, 3"
        )
        touched = cursor.fetchall()
        for table in (f"{STAGE}_typed", f"{STAGE}_rows", STAGE):
            cursor.execute(f"DROP TABLE {table}")
    return Staged(created, changed, total - created - changed, touched)
