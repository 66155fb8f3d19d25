"""Export all public data as a Frictionless Data Package: datapackage.json and one CSV a table.

Private fields (e-mail addresses, accounts, tokens, the audit trail) are never exported.
Every row that carries citations can be joined to them through `citations.csv`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.contrib.contenttypes.models import ContentType

from kuzbas import __version__
from kuzbas.core.rights import Right, require
from kuzbas.core.text import spreadsheet_safe
from kuzbas.governance.models import Body
from kuzbas.members.models import Employment, Membership, Person, Site
from kuzbas.record.models import Citation, Source


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: string, integer, date, boolean
    get: Callable[[object], object]
    required: bool = False
    description: str = ""


def _key(attr: str) -> Callable[[object], object]:
    def get(obj):
        related = getattr(obj, attr)
        return related.key if related is not None else ""

    return get


def _attr(name: str) -> Callable[[object], object]:
    return lambda obj: getattr(obj, name)


def _cols(*names: str) -> list[Column]:
    return [Column(n, "string", _attr(n)) for n in names]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    rows: Callable[[], Iterable[object]]
    columns: list[Column]
    primary_key: str | None = "key"
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (field, resource, resource field)


def _interval_cols() -> list[Column]:
    return [
        Column("valid_from", "date", _attr("valid_from"), True, "first day (inclusive)"),
        Column("from_precision", "string", _attr("from_precision")),
        Column("valid_to", "date", _attr("valid_to"), False, "last day (inclusive); empty: open"),
        Column("to_precision", "string", _attr("to_precision")),
    ]


def _record_ref(obj: Citation) -> str:
    target = obj.target
    return getattr(target, "key", "") or str(obj.object_id)


TABLES: list[Table] = [
    Table(
        "sources",
        "Sources",
        lambda: Source.objects.select_related("cited_in").order_by("key"),
        [
            Column("key", "string", _attr("key"), True),
            Column("kind", "string", _attr("kind"), True),
            *_cols(
                "title",
                "author",
                "language",
                "archive",
                "fond",
                "opis",
                "delo",
                "sheets",
                "periodical",
                "volume",
                "issue",
                "issue_date",
                "pages",
                "publisher",
                "place",
            ),
            Column("year", "integer", _attr("year")),
            *_cols("sender", "recipient", "date", "url"),
            Column("cited_in", "string", _key("cited_in")),
            *_cols("cited_in_locator", "note"),
            Column("reference", "string", _attr("reference"), False, "formatted citation"),
        ],
        foreign_keys=(("cited_in", "sources", "key"),),
    ),
    Table(
        "sites",
        "Sites",
        lambda: Site.objects.order_by("key"),
        [
            Column("key", "string", _attr("key"), True),
            *_cols("name", "name_original", "kind", "country", "description"),
        ],
    ),
    Table(
        "people",
        "People",
        lambda: Person.objects.select_related("home_site").order_by("key"),
        [
            Column("key", "string", _attr("key"), True),
            *_cols("name_latin", "name_original", "nationality"),
            Column("languages", "string", lambda p: ";".join(p.languages), False, "; separated"),
            *_cols("trade"),
            Column("home_site", "string", _key("home_site")),
            *_cols("description"),
        ],
        foreign_keys=(("home_site", "sites", "key"),),
    ),
    Table(
        "memberships",
        "Membership intervals",
        lambda: Membership.objects.select_related("person").order_by("person__key", "valid_from"),
        [
            Column("id", "integer", _attr("pk"), True),
            Column("person", "string", _key("person"), True),
            *_cols("status", "category"),
            *_interval_cols(),
        ],
        primary_key="id",
        foreign_keys=(("person", "people", "key"),),
    ),
    Table(
        "employments",
        "Employment intervals",
        lambda: Employment.objects.select_related("person", "site").order_by(
            "person__key", "valid_from"
        ),
        [
            Column("id", "integer", _attr("pk"), True),
            Column("person", "string", _key("person"), True),
            *_cols("category", "title"),
            Column("site", "string", _key("site")),
            *_interval_cols(),
        ],
        primary_key="id",
        foreign_keys=(("person", "people", "key"), ("site", "sites", "key")),
    ),
    Table(
        "bodies",
        "Bodies",
        lambda: Body.objects.select_related("site").order_by("key"),
        [
            Column("key", "string", _attr("key"), True),
            *_cols("name", "name_original", "kind"),
            Column("seats", "integer", _attr("seats")),
            Column("site", "string", _key("site")),
            Column("established", "date", _attr("established")),
            Column("established_precision", "string", _attr("established_precision")),
            Column("dissolved", "date", _attr("dissolved")),
            Column("dissolved_precision", "string", _attr("dissolved_precision")),
            *_cols("description"),
        ],
        foreign_keys=(("site", "sites", "key"),),
    ),
    Table(
        "citations",
        "Citations: which source supports which record",
        lambda: (
            Citation.objects.select_related("content_type", "source")
            .prefetch_related("target")
            .order_by("id")
        ),
        [
            Column("id", "integer", _attr("pk"), True),
            Column(
                "record_table",
                "string",
                lambda c: EXPORTED_MODELS.get(c.content_type_id, ""),
                True,
                "the table of the cited record",
            ),
            Column("record", "string", _record_ref, True, "the record's key, or its id"),
            Column("source", "string", _key("source"), False, "empty for illustrative data"),
            Column("locator", "string", _attr("locator")),
            Column("status", "string", _attr("status"), True, "documented or illustrative"),
            Column("note", "string", _attr("note")),
        ],
        primary_key="id",
        foreign_keys=(("source", "sources", "key"),),
    ),
]

EXPORTED_MODELS: dict[int, str] = {}


def _value(column: Column, obj: object) -> str:
    value = column.get(obj)
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def export_datapackage(
    *, actor, directory: Path, progress: Callable[[str, int], None] | None = None
) -> Path:
    """Write the package into `directory` (created if needed); return the descriptor's path."""
    require(actor, Right.DATA_EXPORT)
    directory.mkdir(parents=True, exist_ok=True)
    EXPORTED_MODELS.clear()
    for model, table in (
        (Source, "sources"),
        (Site, "sites"),
        (Person, "people"),
        (Membership, "memberships"),
        (Employment, "employments"),
        (Body, "bodies"),
    ):
        EXPORTED_MODELS[ContentType.objects.get_for_model(model).pk] = table
    resources = []
    for table in TABLES:
        path = directory / f"{table.name}.csv"
        count = 0
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow([c.name for c in table.columns])
            # A package's CSV is opened in spreadsheets too: no cell may run as a formula.
            rows = table.rows()
            if table.name == "citations":
                rows = [c for c in rows if c.content_type_id in EXPORTED_MODELS]
            for obj in rows:
                writer.writerow([spreadsheet_safe(_value(c, obj)) for c in table.columns])
                count += 1
        if progress:
            progress(table.name, count)
        schema: dict = {
            "fields": [
                {
                    "name": c.name,
                    "type": c.type,
                    **({"constraints": {"required": True}} if c.required else {}),
                    **({"description": c.description} if c.description else {}),
                }
                for c in table.columns
            ],
            "missingValues": [""],
        }
        if table.primary_key:
            schema["primaryKey"] = [table.primary_key]
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {
                    "fields": [field],
                    "reference": {
                        "resource": "" if resource == table.name else resource,
                        "fields": [ref],
                    },
                }
                for field, resource, ref in table.foreign_keys
            ]
        resources.append(
            {
                "name": table.name,
                "title": table.title,
                "path": path.name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    descriptor = {
        "profile": "tabular-data-package",
        "name": "kuzbas-public-record",
        "title": "Kuzbas: the public record",
        "description": (
            "People, membership and employment intervals, sites, bodies and the sources behind "
            "them. Rows marked illustrative in citations.csv are generated, not documented."
        ),
        "version": __version__,
        "resources": resources,
    }
    target = directory / "datapackage.json"
    target.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target
