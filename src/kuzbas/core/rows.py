"""Models read from a hand-written query: the column list and the instance, as the ORM makes them.

For the few reads on a hot path (a ballot from every phone) where building the query with the
ORM costs more than running it: the query is written once, its select list comes from the
model's own fields, and `instance` turns the row into a model instance through the same
converters the ORM applies (so dates, JSON and booleans read the same on every database).

The connection is looked up once a row, not through the `connection` proxy at every field: on
a ballot those lookups (a thread-local's each) were a sixth of the request's CPU.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS, connection, connections, models


@functools.cache
def select_list(model: type[models.Model], alias: str) -> str:
    """The model's concrete columns under a table alias, in field order."""
    quote = connection.ops.quote_name
    return ", ".join(f"{alias}.{quote(f.column)}" for f in model._meta.concrete_fields)


def width(model: type[models.Model]) -> int:
    """How many columns `select_list` gives."""
    return len(model._meta.concrete_fields)


def instance(model: type[models.Model], values: Sequence) -> models.Model:
    """The model instance for a row read with `select_list` (its values, in that order)."""
    db = connections[DEFAULT_DB_ALIAS]
    names, converters = _reading(model, db.vendor)
    converted = [
        value if value is None or not convert else _convert(convert, value, field, db)
        for (field, convert), value in zip(converters, values, strict=True)
    ]
    return model.from_db(db.alias, names, converted)


def _convert(convert: tuple, value, field: models.Field, db):
    for converter in convert:
        value = converter(value, field, db)
    return value


@functools.cache
def _reading(model: type[models.Model], _vendor: str) -> tuple[list[str], list[tuple]]:
    """The model's attribute names, and each field with the converters its column needs."""
    fields = model._meta.concrete_fields
    return [f.attname for f in fields], [(f, _converters(f, _vendor)) for f in fields]


@functools.cache
def _converters(field: models.Field, _vendor: str) -> tuple:
    col = field.get_col(field.model._meta.db_table)
    return tuple(connection.ops.get_db_converters(col) + field.get_db_converters(connection))
