"""Write a few rows only if a condition read from the database holds, in one round trip.

The hot paths of a large meeting (a ballot from every phone) check a condition and write a
few rows. On PostgreSQL `write_if` sends both as one statement: the condition is a query in a
`WITH` clause, each row an `INSERT … SELECT … WHERE ok` beside it; one statement is one
transaction, so the rows are written together or not at all, and a lock the condition takes
(`FOR SHARE`) is held until they are. Elsewhere (SQLite, in-process, where a round trip costs
nothing) the same condition is read and the rows saved in one transaction.

The rows are unsaved model instances: their fields' defaults and database conversions are the
model's own, so a row written here is the row `save()` would write, its key read back.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction

from kuzbas.core import prepared


def write_if(guard: str, params: Sequence, rows: Sequence[models.Model]) -> dict | None:
    """Run `guard` (one row or none, with a boolean column `ok`); if ok, write `rows`.

    Return the guard's row as a dict (None if it found none). A constraint the rows break
    raises IntegrityError and writes nothing.
    """
    db = connections[DEFAULT_DB_ALIAS]  # the proxy costs a lookup at every attribute
    if db.vendor != "postgresql":
        with transaction.atomic():
            found = _one(guard, params)
            if found is not None and found["ok"]:
                for row in rows:
                    row.save(force_insert=True)
            return found
    parts = [f"WITH guard AS ({guard})"]
    values: list = list(params)
    numbered = []  # (the row, its key's column alias) for keys the database gives
    for n, row in enumerate(rows):
        columns, row_values = _insert_of(row)
        marks = ", ".join(["%s"] * len(row_values))
        table = db.ops.quote_name(row._meta.db_table)
        insert = f"INSERT INTO {table} ({', '.join(columns)}) SELECT {marks} FROM guard WHERE ok"  # noqa: S608
        pk = row._meta.pk
        if pk.db_returning:
            insert += f" RETURNING {db.ops.quote_name(pk.column)} AS key"
            numbered.append((row, n))
        parts.append(f", w{n} AS ({insert})")
        values += row_values
    keys = "".join(f", (SELECT key FROM w{n}) AS _key_w{n}" for _row, n in numbered)  # noqa: S608
    statement = " ".join([*parts, f"SELECT guard.*{keys} FROM guard"])  # noqa: S608
    if db.in_atomic_block:
        with transaction.atomic():  # a savepoint: a broken constraint leaves the caller's intact
            found = _one(statement, values)
    else:
        found = _one(statement, values)
    if found is None:
        return None
    for row, n in numbered:
        key = found.pop(f"_key_w{n}")
        if key is not None:
            setattr(row, row._meta.pk.attname, key)
            row._state.adding, row._state.db = False, db.alias
    return found


def _one(sql: str, params: Sequence) -> dict | None:
    return prepared.fetch_dict(sql, params)


def _insert_of(row: models.Model) -> tuple[list[str], list]:
    """The columns and values `save()` would insert for an unsaved row."""
    db = connections[DEFAULT_DB_ALIAS]
    fields, columns = _inserted(type(row), db.vendor)
    return columns, [f.get_db_prep_save(f.pre_save(row, add=True), connection=db) for f in fields]


@functools.cache
def _inserted(model: type[models.Model], _vendor: str) -> tuple[list, list[str]]:
    """The fields an insert writes (all but a key the database numbers), and their columns."""
    fields = [
        f for f in model._meta.local_concrete_fields if not (f.primary_key and f.db_returning)
    ]
    return fields, [connection.ops.quote_name(f.column) for f in fields]
