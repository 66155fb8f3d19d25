"""Models read from a hand-written query: the column list and the instance, as the ORM makes them.

For the few reads on a hot path (a ballot from every phone) where building the query with the
ORM costs more than running it: the query is written once, its select list comes from the
model's own fields, and `instance` turns the row into a model instance through the same
converters the ORM applies (so dates, JSON and booleans read the same on every database).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from django.db import connection, models


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
    converted = [
        _convert(field, value)
        for field, value in zip(model._meta.concrete_fields, values, strict=True)
    ]
    names = [f.attname for f in model._meta.concrete_fields]
    return model.from_db(connection.alias, names, converted)


def _convert(field: models.Field, value):
    if value is None:
        return None
    for converter in _converters(field, connection.vendor):
        value = converter(value, field, connection)
    return value


@functools.cache
def _converters(field: models.Field, _vendor: str) -> tuple:
    col = field.get_col(field.model._meta.db_table)
    return tuple(connection.ops.get_db_converters(col) + field.get_db_converters(connection))
