"""Write a few rows only if a condition read from the database holds, in one round trip.

The hot paths of a large meeting (a ballot from every phone) check a condition and write a
few rows. On PostgreSQL `write_if` sends both as one statement: the condition is a query in a
`WITH` clause, each row an `INSERT … SELECT … WHERE ok` beside it; one statement is one
transaction, so the rows are written together or not at all, and a lock the condition takes
(`FOR SHARE`) is held until they are. Elsewhere (SQLite, in-process, where a round trip costs
nothing) the same condition is read and the rows saved in one transaction.

The rows are unsaved model instances: their fields' defaults and database conversions are the
model's own, so a row written here is the row `save()` would write, its key read back; as on
PostgreSQL, no model signal is sent for it.
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
                    _insert(row, db)
            return found
    statement, numbered = _statement(guard, tuple(type(row) for row in rows), db.vendor)
    values: list = list(params)
    for row in rows:
        values += _values_of(row, db)
    if db.in_atomic_block:
        with transaction.atomic():  # a savepoint: a broken constraint leaves the caller's intact
            found = _one(statement, values)
    else:
        found = _one(statement, values)
    if found is None:
        return None
    for n in numbered:
        row = rows[n]
        key = found.pop(f"_key_w{n}")
        if key is not None:
            setattr(row, row._meta.pk.attname, key)
            row._state.adding, row._state.db = False, db.alias
    return found


def _one(sql: str, params: Sequence) -> dict | None:
    return prepared.fetch_dict(sql, params)


@functools.cache
def _statement(guard: str, models_: tuple, _vendor: str) -> tuple[str, tuple[int, ...]]:
    """The one statement that writes rows of these models under the guard (PostgreSQL), and
    the positions of the rows whose keys the database numbers (read back as `_key_w<n>`)."""
    parts = [f"WITH guard AS ({guard})"]
    numbered = []
    for n, model in enumerate(models_):
        into, marks, returning = _insert_parts(model, _vendor)
        insert = f"{into} SELECT {marks} FROM guard WHERE ok"  # noqa: S608 - names, marks
        if returning:
            insert += f" {returning} AS key"
            numbered.append(n)
        parts.append(f", w{n} AS ({insert})")
    keys = "".join(f", (SELECT key FROM w{n}) AS _key_w{n}" for n in numbered)  # noqa: S608
    return " ".join([*parts, f"SELECT guard.*{keys} FROM guard"]), tuple(numbered)  # noqa: S608


def _insert(row: models.Model, db) -> None:
    """Insert one unsaved row as `save(force_insert=True)` would, without the ORM's machinery
    (as the statement on PostgreSQL does: no signals), its key read back."""
    sql, returning = _insert_statement(type(row), db.vendor)
    with db.cursor() as cursor:
        cursor.execute(sql, _values_of(row, db))
        if returning:
            setattr(row, row._meta.pk.attname, cursor.fetchone()[0])
    row._state.adding, row._state.db = False, db.alias


@functools.cache
def _insert_statement(model: type[models.Model], _vendor: str) -> tuple[str, bool]:
    into, marks, returning = _insert_parts(model, _vendor)
    return f"{into} VALUES ({marks}) {returning}".rstrip(), bool(returning)


def _insert_parts(model: type[models.Model], _vendor: str) -> tuple[str, str, str]:
    """`INSERT INTO table (columns)`, the values' placeholders, and `RETURNING key` when the
    database numbers the key ("" when it does not)."""
    db = connections[DEFAULT_DB_ALIAS]
    _fields, columns = _inserted(model, _vendor)
    table = db.ops.quote_name(model._meta.db_table)
    into = f"INSERT INTO {table} ({', '.join(columns)})"
    pk = model._meta.pk
    returning = f"RETURNING {db.ops.quote_name(pk.column)}" if pk.db_returning else ""
    return into, ", ".join(["%s"] * len(columns)), returning


def _values_of(row: models.Model, db) -> list:
    """The values `save()` would insert for an unsaved row, in `_inserted`'s order."""
    fields, _columns = _inserted(type(row), db.vendor)
    return [f.get_db_prep_save(f.pre_save(row, add=True), connection=db) for f in fields]


@functools.cache
def _inserted(model: type[models.Model], _vendor: str) -> tuple[list, list[str]]:
    """The fields an insert writes (all but a key the database numbers), and their columns."""
    fields = [
        f for f in model._meta.local_concrete_fields if not (f.primary_key and f.db_returning)
    ]
    return fields, [connection.ops.quote_name(f.column) for f in fields]
