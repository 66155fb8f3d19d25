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
from kuzbas.production.models.totals import MonthlyOutput
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
    columns += "".join(f", {quote(name)} text DEFAULT ''" for name in missing)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE {STAGE} ({columns}) ON COMMIT DROP")
        names = ", ".join(quote(h) for h in header)
        with cursor.cursor.copy(
            f"COPY {STAGE} ({names}) FROM STDIN (FORMAT csv, HEADER true)"
        ) as copy:
            copy.write(text)
        cursor.execute(f"ANALYZE {STAGE}")  # what the planner knows of a table just made
        _hold_catalogue(cursor)
        # One statement: rows as `fast_path` makes them (NULL where it would not accept one),
        # the new ones inserted, the changed ones updated and their evidence removed. A date
        # that is not one (1923-02-30) fails its cast; a refused row or one seen twice makes
        # the caller roll the savepoint back.
        if _months_on_record(cursor):
            # Rows may be on record: matched by the unique index, one probe a row.
            cursor.execute("SET LOCAL enable_hashjoin = off")
            cursor.execute(MERGE, [_NUMBER, MAX_CELL, _output_type(), _output_type()])
            found = cursor.fetchone()
            cursor.execute("RESET enable_hashjoin")
        else:
            # No output on record in the file's months (the monthly totals are kept in the
            # same transaction as every write): every row is new, none is looked up.
            cursor.execute(INSERT_ONLY, [_NUMBER, MAX_CELL, _output_type()])
            found = cursor.fetchone()
        total, refused, twice, created, changed, touched = found
        if not total or refused or twice:
            raise _NotAccepted
        cursor.execute(f"DROP TABLE {STAGE}")
    months = [
        (int(unit_id), int(product_id), dt.date.fromisoformat(month))
        for unit_id, product_id, month in (item.split(":") for item in touched or ())
    ]
    return Staged(created, changed, total - created - changed, months)


def _months_on_record(cursor) -> bool:
    """Whether any unit, product and month of the file has output on record."""
    cursor.execute(
        f"""
        SELECT EXISTS (
          SELECT 1 FROM (SELECT DISTINCT unit, product, left(period_start, 7) AS month
                         FROM {STAGE}) f
          JOIN {Unit._meta.db_table} u ON u.key = f.unit
          JOIN {Product._meta.db_table} p ON p.key = f.product
          JOIN {MonthlyOutput._meta.db_table} m ON m.unit_id = u.id AND m.product_id = p.id
            AND m.records > 0 AND to_char(m.month, 'YYYY-MM') = f.month)
        """
    )
    return cursor.fetchone()[0]


def _output_type() -> int:
    return ContentType.objects.get_for_model(OutputRecord).pk


def _hold_catalogue(cursor) -> None:
    """Lock the file's units and products until the import commits (`writing.hold_catalogue`)."""
    cursor.execute(
        f"SELECT (SELECT array_agg(id) FROM {Unit._meta.db_table} "
        f"WHERE key IN (SELECT unit FROM {STAGE})), "
        f"(SELECT array_agg(id) FROM {Product._meta.db_table} "
        f"WHERE key IN (SELECT product FROM {STAGE}))"
    )
    unit_ids, product_ids = cursor.fetchone()
    if unit_ids and product_ids:
        hold_catalogue(set(unit_ids), set(product_ids))


_OUTPUT = OutputRecord._meta.db_table
_CITATION = Citation._meta.db_table
MERGE = f"""
WITH staged AS (
  SELECT u.id AS unit_id, p.id AS product_id, s.period_kind,
    CASE
      WHEN s.period_kind IN ('shift', 'day')
           AND s.period_start ~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}$' THEN s.period_start
      WHEN s.period_kind = 'month' AND s.period_start ~ '^[0-9]{{4}}-[0-9]{{2}}$'
        THEN s.period_start || '-01'
      WHEN s.period_kind = 'month' AND s.period_start ~ '^[0-9]{{4}}-[0-9]{{2}}-01$'
        THEN s.period_start
    END AS start_text,
    CASE
      WHEN s.period_kind = 'shift' AND coalesce(s.shift, '') ~ '^[1-9]$' THEN s.shift::smallint
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
  LEFT JOIN {Unit._meta.db_table} u ON u.key = s.unit
  LEFT JOIN {Product._meta.db_table} p ON p.key = s.product
),
accepted AS (
  SELECT * FROM staged
  WHERE unit_id IS NOT NULL AND product_id IS NOT NULL AND start_text IS NOT NULL
    AND shift IS NOT NULL AND quantity_text IS NOT NULL AND unit_entered IS NOT NULL AND plain
),
typed AS (
  SELECT a.unit_id, a.product_id, a.start_text::date AS period_start, a.period_kind, a.shift,
    CASE WHEN a.period_kind = 'month'
      THEN (a.start_text::date + interval '1 month' - interval '1 day')::date
      ELSE a.start_text::date END AS period_end,
    a.quantity_text::numeric AS quantity, a.unit_entered, o.id AS on_record,
    (o.id IS NOT NULL AND o.quantity = a.quantity_text::numeric
     AND o.quantity_entered = a.quantity_text::numeric AND o.unit_entered = a.unit_entered
     AND NOT EXISTS (SELECT 1 FROM {_CITATION} c
                     WHERE c.content_type_id = %s AND c.object_id = o.id)) AS same
  FROM accepted a
  -- One probe of the unique index a row (LIMIT keeps it a probe, not a hash of the table):
  -- the table holds millions of rows, a file thousands.
  LEFT JOIN LATERAL (
    SELECT id, quantity, quantity_entered, unit_entered FROM {_OUTPUT} r
    WHERE r.unit_id = a.unit_id AND r.product_id = a.product_id
      AND r.period_start = a.start_text::date AND r.period_kind = a.period_kind
      AND r.shift = a.shift
    LIMIT 1
  ) o ON TRUE
),
inserted AS (
  INSERT INTO {_OUTPUT} (unit_id, product_id, period_start, period_kind, shift, period_end,
                         quantity, quantity_entered, unit_entered)
  SELECT unit_id, product_id, period_start, period_kind, shift, period_end, quantity, quantity,
         unit_entered
  FROM typed WHERE on_record IS NULL
  RETURNING unit_id, product_id, period_start
),
updated AS (
  UPDATE {_OUTPUT} o SET quantity = t.quantity, quantity_entered = t.quantity,
                         unit_entered = t.unit_entered
  FROM typed t WHERE o.id = t.on_record AND NOT t.same
  RETURNING o.id, o.unit_id, o.product_id, o.period_start
),
uncited AS (
  DELETE FROM {_CITATION} c USING updated
  WHERE c.content_type_id = %s AND c.object_id = updated.id
),
written AS (
  SELECT unit_id, product_id, period_start FROM inserted
  UNION ALL SELECT unit_id, product_id, period_start FROM updated
)
SELECT (SELECT count(*) FROM staged),
  (SELECT count(*) FROM staged) - (SELECT count(*) FROM accepted),
  (SELECT count(*) FROM (SELECT 1 FROM accepted
                         GROUP BY unit_id, product_id, start_text, period_kind, shift
                         HAVING count(*) > 1) AS twice),
  (SELECT count(*) FROM inserted),
  (SELECT count(*) FROM updated),
  (SELECT array_agg(DISTINCT unit_id || ':' || product_id || ':'
                    || date_trunc('month', period_start)::date) FROM written)
"""

# The same statement for a file whose months have no output on record: nothing to look up.
_LOOKUP = MERGE[MERGE.index("  -- One probe") : MERGE.index(") o ON TRUE") + len(") o ON TRUE")]
_UPDATE = MERGE[MERGE.index("updated AS (") : MERGE.index("uncited AS (")]
INSERT_ONLY = (
    MERGE.replace(_LOOKUP, "  LEFT JOIN (SELECT NULL::bigint AS id) o ON FALSE")
    .replace(
        MERGE[MERGE.index("    (o.id IS NOT NULL AND") : MERGE.index(" AS same")],
        "    FALSE",
    )
    .replace(
        _UPDATE,
        "updated AS (SELECT NULL::bigint AS id, NULL::bigint AS unit_id, "
        "NULL::bigint AS product_id, NULL::date AS period_start WHERE FALSE),\n",
    )
)
