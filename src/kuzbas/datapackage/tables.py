"""Each public model as a table: its columns, read from Django's `_meta`, and their cells.

One column a concrete field (a link's column holds the linked row's key, named as the field),
a Table Schema type for each, the primary key and the foreign keys. A link to a content type
holds the linked table's name (`members.person`); a link to a private model is left out.
Cells are text both ways: `cell` writes one, `value` reads it back, so that export, import and
export again give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models

from kuzbas.datapackage.classification import PRIVATE_FIELDS, PUBLIC, PUBLIC_ROWS

EVIDENCE = "evidence"

_TYPES: list[tuple[type[models.Field], str]] = [
    (models.BooleanField, "boolean"),
    (models.DateTimeField, "datetime"),  # before DateField: a subclass
    (models.DateField, "date"),
    (models.DecimalField, "number"),
    (models.FloatField, "number"),
    (models.IntegerField, "integer"),  # the auto and positive fields are subclasses
    (models.JSONField, "string"),
    (models.CharField, "string"),
    (models.TextField, "string"),
    (models.GenericIPAddressField, "string"),
]


class CellError(ValueError):
    """A cell that does not hold a value of its column's type."""


@dataclass(frozen=True)
class Column:
    field: models.Field

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def target(self) -> models.Field:
        """Return the field whose values the column holds: a link's target key."""
        field = self.field
        while field.is_relation:
            field = field.target_field
        return field

    @property
    def names_table(self) -> bool:
        return self.field.is_relation and self.field.related_model is ContentType

    @property
    def type(self) -> str:
        if self.names_table:
            return "string"
        target = self.target
        for kind, name in _TYPES:
            if isinstance(target, kind):
                return name
        raise TypeError(f"{self.field.model._meta.label}.{self.name}: no Table Schema type")

    def descriptor(self) -> dict:
        field = self.field
        spec: dict = {"name": self.name, "type": self.type}
        if field.verbose_name and not self.names_table:
            spec["title"] = str(field.verbose_name)
        if isinstance(field, models.JSONField):
            spec["description"] = "JSON"
        elif self.names_table:
            spec["description"] = "the table of the linked row"
        constraints: dict = {}
        if not field.null and self.type not in {"string", "boolean"}:
            constraints["required"] = True
        if field.unique and not field.primary_key:
            constraints["unique"] = True
        if field.choices and not field.is_relation:
            constraints["enum"] = [str(value) for value, _label in field.flatchoices]
        if constraints:
            spec["constraints"] = constraints
        return spec

    def cell(self, obj: models.Model) -> str:
        """Return the column's cell for a row, as text."""
        raw = getattr(obj, self.field.attname)
        if self.names_table:
            return table_name_of_type(raw) if raw is not None else ""
        if raw is None and (self.field.null or not isinstance(self.field, models.JSONField)):
            return ""
        if isinstance(self.field, models.JSONField):
            return json.dumps(raw, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return text_of(raw)

    def value(self, text: str) -> object:
        """Return the value a cell written by `cell` stands for; CellError if it cannot."""
        field = self.field
        if self.names_table:
            return type_id_of_table(text) if text else None
        if text == "":
            if field.null:
                return None
            if self.type != "string" or isinstance(field, models.JSONField):
                raise CellError("a value is required")
            return ""
        if isinstance(field, models.JSONField):
            try:
                return json.loads(text)
            except json.JSONDecodeError as error:
                raise CellError(f"not JSON: {error.msg}") from None
        return _parse(self.target, self.type, text)


def text_of(raw: object) -> str:
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, dt.datetime):
        return raw.astimezone(dt.UTC).isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, Decimal):
        return format(raw, "f")
    if isinstance(raw, memoryview | bytes):
        raise TypeError("binary fields are never exported")
    if isinstance(getattr(raw, "amount", None), Decimal) and hasattr(raw, "currency"):
        # An amount of money (kuzbas.money's field): its currency is a column of its own.
        return format(raw.amount, "f")
    return str(raw)


def _parse(field: models.Field, kind: str, text: str) -> object:
    try:
        if kind == "boolean":
            if text not in {"true", "false"}:
                raise CellError("not true or false")
            return text == "true"
        if kind == "integer":
            return int(text)
        if kind == "number":
            return Decimal(text) if isinstance(field, models.DecimalField) else float(text)
        if kind == "date":
            return dt.date.fromisoformat(text)
        if kind == "datetime":
            moment = dt.datetime.fromisoformat(text)
            if moment.tzinfo is None:
                raise CellError("a moment needs its offset from UTC")
            return moment
    except (ValueError, InvalidOperation) as error:
        if isinstance(error, CellError):
            raise
        raise CellError(f"not a {kind}: {text!r}") from None
    return text


@dataclass(frozen=True)
class Table:
    model: type[models.Model]

    @property
    def name(self) -> str:
        return self.model._meta.label_lower

    @property
    def columns(self) -> list[Column]:
        return _columns(self.model)

    @property
    def withheld_keys(self) -> list[models.Field]:
        """Return the private fields that must be unique (an applicant's reference): the package
        leaves them out, so the import fills each with a stand-in made from the row's key."""
        label = self.model._meta.label_lower
        return [
            f
            for f in self.model._meta.concrete_fields
            if f.unique and not f.primary_key and f"{label}.{f.name}" in PRIVATE_FIELDS
        ]

    @property
    def key(self) -> Column:
        return next(c for c in self.columns if c.field.primary_key)

    @property
    def has_evidence(self) -> bool:
        """Whether rows can be cited (an integer key) and so carry an evidence column."""
        return self.name != "record.citation" and self.key.type == "integer"

    def rows(self):
        rows = self.model._default_manager.order_by("pk")
        return rows.filter(**PUBLIC_ROWS[self.name]) if self.name in PUBLIC_ROWS else rows

    def foreign_keys(self) -> list[dict]:
        keys = []
        for column in self.columns:
            field = column.field
            if not field.is_relation or column.names_table:
                continue
            resource = field.related_model._meta.label_lower
            keys.append(
                {
                    "fields": [column.name],
                    "reference": {
                        "resource": "" if resource == self.name else resource,
                        "fields": [Table(field.related_model).column_of(column.target).name],
                    },
                }
            )
        return keys

    def column_of(self, field: models.Field) -> Column:
        return next(c for c in self.columns if c.field.attname == field.attname)


@cache
def _columns(model: type[models.Model]) -> list[Column]:
    label = model._meta.label_lower
    columns = []
    for field in model._meta.concrete_fields:
        if f"{label}.{field.name}" in PRIVATE_FIELDS:
            continue
        linked = field.related_model if field.is_relation else None
        if (
            linked is not None
            and linked is not ContentType
            and linked._meta.label_lower not in PUBLIC
        ):
            continue
        columns.append(Column(field))
    return columns


def public_tables() -> list[Table]:
    """Return the public tables, in the order of their names."""
    return [Table(apps.get_model(label)) for label in sorted(PUBLIC)]


def table_name_of_type(type_id: int) -> str:
    ctype = ContentType.objects.get_for_id(type_id)
    return f"{ctype.app_label}.{ctype.model}"


def type_id_of_table(name: str) -> int:
    app_label, _, model = name.partition(".")
    try:
        return ContentType.objects.get_by_natural_key(app_label, model).pk
    except ContentType.DoesNotExist:
        raise CellError(f"no table {name!r}") from None
