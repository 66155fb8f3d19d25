"""Matching a file's keys to what is on record: units, products and sources to their ids, and
checked rows to the rows stored under the same natural key (new, changed or unchanged)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.contrib.contenttypes.models import ContentType

from kuzbas.members.models import Site
from kuzbas.production.imports import progress
from kuzbas.production.imports.rows import CitationSpec, RowSpec
from kuzbas.production.models.catalogue import Product, TransferAct, Unit
from kuzbas.record.models import Citation, Source


class Catalogue:
    """Units, products and sources on record by key, loaded once per check."""

    def __init__(self) -> None:
        self.units = {u.key: u for u in Unit.objects.only("id", "key")}
        self.unit_ids = {key: u.pk for key, u in self.units.items()}
        self.products = {p.key: p for p in Product.objects.all()}
        self.sources = dict(Source.objects.values_list("key", "id"))

    @cached_property
    def sites(self) -> dict[str, int]:
        return dict(Site.objects.values_list("key", "id"))

    @cached_property
    def transfer_acts(self) -> dict[str, int]:
        return dict(TransferAct.objects.values_list("key", "id"))


@dataclass
class Changes:
    """Checked rows sorted against the record: new, changed (with the pk on record), unchanged."""

    created: list[tuple] = field(default_factory=list)
    changed: list[tuple[int, tuple]] = field(default_factory=list)
    unchanged: int = 0


def classify(
    spec: RowSpec, candidates: list[tuple], citations: dict[tuple, CitationSpec]
) -> Changes:
    """Sort rows into new, changed and unchanged, values and evidence both compared."""
    key_length, compared = spec.key_length, slice(spec.compared_from, len(spec.fields))
    changes = Changes()
    existing = _existing(spec, candidates)
    for row in candidates:
        key = row[:key_length]
        on_record = existing.get(key)
        if on_record is None:
            changes.created.append(row)
            continue
        pk, stored, cites = on_record
        citation = citations.get(key)
        wanted_cites = frozenset([citation]) if citation else frozenset()
        if _same(stored, row[compared]) and cites == wanted_cites:
            changes.unchanged += 1
        else:
            changes.changed.append((pk, row))
    return changes


def _existing(spec: RowSpec, rows: list[tuple]) -> dict[tuple, tuple[int, tuple, frozenset]]:
    """Return what is on record for the rows' keys: pk, stored values and citations."""
    model, fields, key_length = spec.model, spec.fields, spec.key_length
    found: dict[tuple, tuple[int, tuple, frozenset]] = {}
    for where in _groups(spec, rows):
        query = model.objects.filter(**where).values_list(
            "pk", *fields[:key_length], *spec.compared
        )
        for values in query.iterator(chunk_size=progress.CHUNK):
            found[tuple(values[1 : 1 + key_length])] = (
                values[0],
                tuple(values[1 + key_length :]),
                frozenset(),
            )
    if found:
        ct = ContentType.objects.get_for_model(model)
        cites: dict[int, set] = {}
        pks = [pk for pk, _v, _c in found.values()]
        for start in range(0, len(pks), progress.CHUNK):
            for object_id, *spec_fields in Citation.objects.filter(
                content_type=ct, object_id__in=pks[start : start + progress.CHUNK]
            ).values_list("object_id", "source_id", "locator", "status", "note"):
                cites.setdefault(object_id, set()).add(CitationSpec(*spec_fields))
        found = {k: (pk, v, frozenset(cites.get(pk, ()))) for k, (pk, v, _c) in found.items()}
    return found


def _groups(spec: RowSpec, rows: list[tuple]) -> list[dict]:
    """Return the filters that fetch what is on record for the rows, a group of rows each."""
    date_at = spec.ranged_at
    if date_at is None:  # keyed by one field alone: the catalogue's rows
        keys = [row[0] for row in rows]
        return [
            {f"{spec.key[0]}__in": keys[start : start + progress.CHUNK]}
            for start in range(0, len(keys), progress.CHUNK)
        ]
    groups: dict[tuple, list[dt.date]] = {}
    for row in rows:
        groups.setdefault(row[:date_at], []).append(row[date_at])
    filters = []
    for group, days in groups.items():
        where = {f"{spec.ranged}__gte": min(days), f"{spec.ranged}__lte": max(days)}
        for name, value in zip(spec.fields, group, strict=False):
            where[name if value is not None else f"{name.removesuffix('_id')}__isnull"] = (
                value if value is not None else True
            )
        filters.append(where)
    return filters


def _same(stored: tuple, wanted: tuple) -> bool:
    return all(
        (Decimal(a) == Decimal(b)) if isinstance(b, Decimal) else a == b
        for a, b in zip(stored, wanted, strict=True)
    )
