"""Output rows written while the file is still being checked.

A new output row whose month has no output on record (the monthly totals say so) cannot be
on record already, so it is not compared with anything and goes to the database at once;
only rows of months with records are matched against what is stored.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from django.db import connection

from kuzbas.production.imports.checking import Checked
from kuzbas.production.imports.copy_format import copy_row
from kuzbas.production.imports.rows import SPECS, Kind
from kuzbas.production.imports.writing import hold_catalogue, insert
from kuzbas.production.models.statistics import OutputRecord
from kuzbas.production.models.totals import MonthlyOutput

OUTPUT = SPECS[Kind.OUTPUT]


class OutputStream:
    """Takes checked output rows a few thousand at a time and writes the new ones at once.

    A row whose month has no output on record (the monthly totals say so, and they are kept in
    the same transaction as every write) cannot be on record: it is new, and is written straight
    away (COPY on PostgreSQL), so the database stores rows while the rest of the file is checked.
    Rows of months with records, and rows with evidence, wait for the end of the check: they are
    compared with what is stored, or written with their citations. After the first problem in
    the file nothing more is written; the caller's transaction then rolls everything back.
    """

    def __init__(self, *, write: bool) -> None:
        self.write = write
        self.filled: dict[tuple[int, int], set[dt.date]] = {}
        self.waiting: list[tuple] = []
        self.created = 0
        # The days of the rows written, per unit and product: the months to recompute.
        self.spans: dict[tuple[int, int], list[dt.date]] = {}
        self._stack = contextlib.ExitStack()
        self._copy = None
        self._cursor = None

    def __enter__(self) -> OutputStream:
        return self

    def __exit__(self, *exc) -> None:
        with connection.wrap_database_errors:
            self._stack.__exit__(*exc)
        self._copy = self._cursor = None

    def __call__(self, rows: list[tuple], checked: Checked) -> None:
        pairs = {(r.unit_id, r.product_id) for r in rows}
        if not pairs <= self.filled.keys():
            self._load(pairs - self.filled.keys())
        filled, cited, waiting = self.filled, checked.citations, self.waiting
        key_length = OUTPUT.key_length
        fresh = []
        for r in rows:
            months = filled[(r.unit_id, r.product_id)]
            if (months and r.period_start.replace(day=1) in months) or (
                cited and r[:key_length] in cited
            ):
                waiting.append(r)
            else:
                fresh.append(r)
        self.created += len(fresh)
        if not self.write or checked.problems or not fresh:
            return
        for r in fresh:
            day = r.period_start
            span = self.spans.get((r.unit_id, r.product_id))
            if span is None:
                self.spans[(r.unit_id, r.product_id)] = [day, day]
            elif day < span[0]:
                span[0] = day
            elif day > span[1]:
                span[1] = day
        self._send(fresh)

    def _load(self, pairs: set[tuple[int, int]]) -> None:
        """Learn which months of these units and products have output; hold them (see below)."""
        self._pause()
        found: dict[tuple[int, int], set[dt.date]] = {pair: set() for pair in pairs}
        for unit_id, product_id, month in MonthlyOutput.objects.filter(
            unit_id__in={p[0] for p in pairs},
            product_id__in={p[1] for p in pairs},
            records__gt=0,
        ).values_list("unit_id", "product_id", "month"):
            if (unit_id, product_id) in found:
                found[(unit_id, product_id)].add(month)
        self.filled.update(found)
        if self.write:
            hold_catalogue({p[0] for p in pairs}, {p[1] for p in pairs})

    def _send(self, rows: list[tuple]) -> None:
        if connection.vendor != "postgresql":
            insert(OUTPUT, rows, lambda *_: None, 0)
            return
        if self._copy is None:
            self._stack = contextlib.ExitStack()
            self._cursor = self._stack.enter_context(connection.cursor())
            columns = ", ".join(map(connection.ops.quote_name, OUTPUT.fields))
            self._copy = self._stack.enter_context(
                self._cursor.cursor.copy(
                    f"COPY {OutputRecord._meta.db_table} ({columns}) FROM STDIN"
                )
            )
        with connection.wrap_database_errors:
            self._copy.write("".join(map(copy_row, rows)))

    def _pause(self) -> None:
        """End a COPY in progress: the connection runs no other statement during one."""
        if self._copy is not None:
            with connection.wrap_database_errors:
                self._stack.close()
            self._copy = self._cursor = None

    def close(self) -> None:
        self._pause()

    @property
    def days(self) -> list[tuple[int, int, dt.date]]:
        """The first and last day written of each unit and product: the months to recompute."""
        return [(u, p, day) for (u, p), span in self.spans.items() for day in span]
