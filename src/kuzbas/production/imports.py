"""Import of output, plans and headcount from CSV or XLSX: every bad row named, all or nothing.

A file is first *checked*: every row is parsed and validated against the units, products and
sources on record, and the result is a preview (what would be created, changed or left as it
is) with every problem and its line. *Committing* checks again and writes everything in one
transaction, or nothing. Rows are matched by their natural key (unit, product, period, shift;
or unit, date, category), so importing the same file twice changes nothing the second time.
The demo loader and the benchmark go through this same path.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.errors import Invalid, Problem
from kuzbas.members.permissions import Right, require
from kuzbas.production import aggregates, quantities
from kuzbas.production.models import (
    HeadcountSnapshot,
    OutputRecord,
    PeriodKind,
    Plan,
    Product,
    StaffCategory,
    Unit,
)
from kuzbas.production.periods import period_end
from kuzbas.record.models import Citation, Evidence, Source

MAX_BYTES = 200 * 1024 * 1024
CHUNK = 5000
Progress = Callable[[int, int], None]


class Kind(StrEnum):
    OUTPUT = "output"
    PLANS = "plans"
    HEADCOUNT = "headcount"


_CITATION_COLUMNS = ("source", "locator", "evidence", "note")
COLUMNS: dict[Kind, tuple[str, ...]] = {
    Kind.OUTPUT: (
        "unit",
        "product",
        "period_kind",
        "period_start",
        "shift",
        "quantity",
        "unit_of_measure",
        *_CITATION_COLUMNS,
    ),
    Kind.PLANS: (
        "unit",
        "product",
        "period_kind",
        "period_start",
        "target",
        "unit_of_measure",
        *_CITATION_COLUMNS,
    ),
    Kind.HEADCOUNT: ("unit", "on", "category", "count", *_CITATION_COLUMNS),
}
REQUIRED: dict[Kind, tuple[str, ...]] = {
    Kind.OUTPUT: ("unit", "product", "period_kind", "period_start", "quantity"),
    Kind.PLANS: ("unit", "product", "period_start", "target"),
    Kind.HEADCOUNT: ("on", "category", "count"),
}


@dataclass(frozen=True)
class CitationSpec:
    source_id: int | None
    locator: str
    status: str
    note: str


@dataclass
class Row:
    """One checked row: its natural key, the values to store, and its evidence."""

    line: int
    key: tuple
    values: dict[str, Any]
    citation: CitationSpec | None


@dataclass
class Preview:
    kind: Kind
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    digest: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ImportResult:
    kind: str
    created: int
    changed: int
    unchanged: int
    months_refreshed: int


# --- Reading files -------------------------------------------------------------------------


def read_table(data: bytes, filename: str = "") -> tuple[Iterator[tuple[int, dict]], list[str]]:
    """Return (line, record) pairs and the header of a CSV or XLSX file."""
    if len(data) > MAX_BYTES:
        raise Invalid(problems=[Problem(_("the file is larger than 200 MB"))])
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        return _read_xlsx(data)
    return _read_csv(data)


def _read_csv(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise Invalid(
            problems=[
                Problem(_("the file is not UTF-8 text (byte %(pos)s)") % {"pos": error.start})
            ]
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader, [])]

    def records():
        for values in reader:
            line = reader.line_num
            if len(values) > len(header):
                yield line, {None: values}
                continue
            yield line, dict(zip(header, values, strict=False))

    return records(), header


def _read_xlsx(data: bytes):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise Invalid(problems=[Problem(_("the file is not a readable XLSX workbook"))]) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    first = next(rows, None) or ()
    header = [str(h).strip() if h is not None else "" for h in first]

    def records():
        for line, values in enumerate(rows, start=2):
            yield line, {h: _cell(v) for h, v in zip(header, values, strict=False) if h}
        book.close()

    return records(), header


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        # A spreadsheet's number is binary; its shortest decimal repr is what the clerk typed.
        return repr(value).removesuffix(".0") if value.is_integer() else repr(value)
    return str(value)


# --- Checking rows -------------------------------------------------------------------------


class _Catalogue:
    """Units, products and sources on record, loaded once per check."""

    def __init__(self) -> None:
        self.units = {u.key: u for u in Unit.objects.only("id", "key")}
        self.products = {p.key: p for p in Product.objects.all()}
        self.sources = dict(Source.objects.values_list("key", "id"))


def check_records(kind: Kind, records: Iterable[tuple[int, dict]], header: list[str]) -> Preview:
    """Parse and check every row; nothing is written."""
    preview = Preview(kind=kind)
    problems = preview.problems
    unknown = [h for h in header if h not in COLUMNS[kind]]
    if not header or not any(header):
        problems.append(
            Problem(_("the file is empty; the first line must name the columns"), line=1)
        )
        return preview
    if unknown:
        problems.append(Problem(_("unknown columns: %(c)s") % {"c": ", ".join(unknown)}, line=1))
    missing = [c for c in REQUIRED[kind] if c not in header]
    if missing:
        problems.append(Problem(_("missing columns: %(c)s") % {"c": ", ".join(missing)}, line=1))
    if problems:
        return preview
    catalogue = _Catalogue()
    seen: dict[tuple, int] = {}
    check = {Kind.OUTPUT: _check_output, Kind.PLANS: _check_plan, Kind.HEADCOUNT: _check_headcount}[
        kind
    ]
    for line, record in records:
        if None in record:
            problems.append(Problem(_("more values than columns"), line=line))
            continue
        values = {k: (v or "").strip() for k, v in record.items()}
        if not any(values.values()):
            continue
        row_problems: list[Problem] = []
        row = check(line, values, catalogue, row_problems)
        row_problems.extend(_check_citation(line, values, catalogue, row))
        if row is not None and not row_problems:
            if row.key in seen:
                row_problems.append(
                    Problem(
                        _("the same row again (first on line %(n)s)") % {"n": seen[row.key]},
                        line=line,
                    )
                )
            else:
                seen[row.key] = line
                preview.rows.append(row)
        problems.extend(row_problems)
    if not preview.rows and not problems:
        problems.append(Problem(_("the file has a header but no rows"), line=2))
    return preview


def _required(line, values, name, problems) -> str:
    text = values.get(name, "")
    if not text:
        problems.append(Problem(_("required"), field=name, line=line))
    return text


def _date(line, values, name, problems, *, month_ok: bool = False) -> dt.date | None:
    text = _required(line, values, name, problems)
    if not text:
        return None
    if month_ok and len(text) == 7:
        text += "-01"
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        problems.append(
            Problem(_("%(t)r is not a date; write YYYY-MM-DD") % {"t": text}, field=name, line=line)
        )
        return None


def _decimal(line, values, name, problems) -> Decimal | None:
    text = _required(line, values, name, problems).replace(",", "").replace(" ", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        problems.append(Problem(_("%(t)r is not a number") % {"t": text}, field=name, line=line))
        return None
    if not number.is_finite() or number < 0:
        problems.append(Problem(_("must be a number of 0 or more"), field=name, line=line))
        return None
    if number.as_tuple().exponent < -10 or abs(number) >= Decimal(10) ** 17:
        problems.append(Problem(_("too many digits"), field=name, line=line))
        return None
    return number


def _lookup(line, values, name, table, problems, *, optional: bool = False):
    key = values.get(name, "")
    if not key:
        if not optional:
            problems.append(Problem(_("required"), field=name, line=line))
        return None
    found = table.get(key)
    if found is None:
        problems.append(
            Problem(_("nothing on record with key %(k)r") % {"k": key}, field=name, line=line)
        )
    return found


def _quantity(line, values, product, amount, problems) -> tuple[Decimal, str] | None:
    entered = values.get("unit_of_measure", "") or (product.unit_of_measure if product else "")
    if product is None or amount is None:
        return None
    try:
        return quantities.convert(amount, entered, product.unit_of_measure), entered
    except quantities.UnknownUnit:
        problems.append(
            Problem(
                _("%(u)r cannot be converted to %(p)s")
                % {"u": entered, "p": product.unit_of_measure},
                field="unit_of_measure",
                line=line,
            )
        )
        return None


def _period(line, values, problems, *, default_kind: str = "") -> tuple[str, dt.date | None]:
    kind = values.get("period_kind", "") or default_kind
    if kind not in PeriodKind.values:
        problems.append(
            Problem(
                _("must be one of %(v)s") % {"v": ", ".join(PeriodKind.values)},
                field="period_kind",
                line=line,
            )
        )
        kind = ""
    start = _date(line, values, "period_start", problems, month_ok=kind == PeriodKind.MONTH)
    if start and kind == PeriodKind.MONTH and start.day != 1:
        problems.append(
            Problem(_("a month starts on its first day"), field="period_start", line=line)
        )
    return kind, start


def _check_output(line, values, catalogue, problems) -> Row | None:
    unit = _lookup(line, values, "unit", catalogue.units, problems)
    product = _lookup(line, values, "product", catalogue.products, problems)
    kind, start = _period(line, values, problems)
    shift = 0
    if kind == PeriodKind.SHIFT:
        text = values.get("shift", "")
        if not text.isdigit() or not 1 <= int(text) <= 9:
            problems.append(Problem(_("a shift is numbered 1 to 9"), field="shift", line=line))
        else:
            shift = int(text)
    elif values.get("shift"):
        problems.append(Problem(_("only a shift has a shift number"), field="shift", line=line))
    amount = _decimal(line, values, "quantity", problems)
    converted = _quantity(line, values, product, amount, problems)
    if problems:
        return None
    quantity, entered = converted
    return Row(
        line=line,
        key=(unit.pk, product.pk, kind, start, shift),
        values={
            "unit_id": unit.pk,
            "product_id": product.pk,
            "period_kind": kind,
            "period_start": start,
            "period_end": period_end(kind, start),
            "shift": shift,
            "quantity": quantity,
            "quantity_entered": amount,
            "unit_entered": entered,
        },
        citation=None,
    )


def _check_plan(line, values, catalogue, problems) -> Row | None:
    unit = _lookup(line, values, "unit", catalogue.units, problems)
    product = _lookup(line, values, "product", catalogue.products, problems)
    kind, start = _period(line, values, problems, default_kind=PeriodKind.MONTH)
    amount = _decimal(line, values, "target", problems)
    converted = _quantity(line, values, product, amount, problems)
    if problems:
        return None
    target, entered = converted
    return Row(
        line=line,
        key=(unit.pk, product.pk, kind, start),
        values={
            "unit_id": unit.pk,
            "product_id": product.pk,
            "period_kind": kind,
            "period_start": start,
            "period_end": period_end(kind, start),
            "target": target,
            "target_entered": amount,
            "unit_entered": entered,
        },
        citation=None,
    )


def _check_headcount(line, values, catalogue, problems) -> Row | None:
    unit = _lookup(line, values, "unit", catalogue.units, problems, optional=True)
    on = _date(line, values, "on", problems)
    category = _required(line, values, "category", problems)
    if category and category not in StaffCategory.values:
        problems.append(
            Problem(
                _("must be one of %(v)s") % {"v": ", ".join(StaffCategory.values)},
                field="category",
                line=line,
            )
        )
    count = _required(line, values, "count", problems)
    if count and not count.isdigit():
        problems.append(
            Problem(_("a count is a whole number of 0 or more"), field="count", line=line)
        )
    if problems:
        return None
    unit_id = unit.pk if unit else None
    return Row(
        line=line,
        key=(unit_id, on, category),
        values={"unit_id": unit_id, "on": on, "category": category, "count": int(count)},
        citation=None,
    )


def _check_citation(line, values, catalogue, row: Row | None) -> list[Problem]:
    problems: list[Problem] = []
    source_key = values.get("source", "")
    evidence = values.get("evidence", "") or (Evidence.DOCUMENTED if source_key else "")
    source_id = None
    if evidence and evidence not in Evidence.values:
        problems.append(
            Problem(
                _("must be one of %(v)s") % {"v": ", ".join(Evidence.values)},
                field="evidence",
                line=line,
            )
        )
    if source_key:
        source_id = catalogue.sources.get(source_key)
        if source_id is None:
            problems.append(
                Problem(
                    _("no source with key %(k)r") % {"k": source_key}, field="source", line=line
                )
            )
    elif evidence == Evidence.DOCUMENTED:
        problems.append(Problem(_("a documented figure needs a source"), field="source", line=line))
    elif values.get("locator"):
        problems.append(Problem(_("a locator needs a source"), field="source", line=line))
    if row is not None and evidence and not problems:
        row.citation = CitationSpec(
            source_id, values.get("locator", ""), evidence, values.get("note", "")
        )
    return problems


# --- Comparing with what is on record, and committing -----------------------------------------

_MODEL = {Kind.OUTPUT: OutputRecord, Kind.PLANS: Plan, Kind.HEADCOUNT: HeadcountSnapshot}
_KEY_FIELDS = {
    Kind.OUTPUT: ("unit_id", "product_id", "period_kind", "period_start", "shift"),
    Kind.PLANS: ("unit_id", "product_id", "period_kind", "period_start"),
    Kind.HEADCOUNT: ("unit_id", "on", "category"),
}
_VALUE_FIELDS = {
    Kind.OUTPUT: ("quantity", "quantity_entered", "unit_entered"),
    Kind.PLANS: ("target", "target_entered", "unit_entered"),
    Kind.HEADCOUNT: ("count",),
}


def _existing(kind: Kind, rows: list[Row]) -> dict[tuple, tuple[int, tuple, frozenset]]:
    """Return what is on record for the rows' keys: pk, stored values and citations."""
    model = _MODEL[kind]
    key_fields, value_fields = _KEY_FIELDS[kind], _VALUE_FIELDS[kind]
    date_field = "on" if kind == Kind.HEADCOUNT else "period_start"
    found: dict[tuple, tuple[int, tuple, frozenset]] = {}
    by_unit: dict[Any, list[Row]] = {}
    for row in rows:
        by_unit.setdefault(row.values["unit_id"], []).append(row)
    for unit_id, unit_rows in by_unit.items():
        days = [r.values[date_field] for r in unit_rows]
        qs = model.objects.filter(
            **{f"{date_field}__gte": min(days), f"{date_field}__lte": max(days)}
        )
        qs = qs.filter(unit__isnull=True) if unit_id is None else qs.filter(unit_id=unit_id)
        for values in qs.values_list("pk", *key_fields, *value_fields).iterator(chunk_size=CHUNK):
            found[tuple(values[1 : 1 + len(key_fields)])] = (
                values[0],
                tuple(values[1 + len(key_fields) :]),
                frozenset(),
            )
    if found:
        ct = ContentType.objects.get_for_model(model)
        cites: dict[int, set] = {}
        pks = [pk for pk, _v, _c in found.values()]
        for start in range(0, len(pks), CHUNK):
            for object_id, *spec in Citation.objects.filter(
                content_type=ct, object_id__in=pks[start : start + CHUNK]
            ).values_list("object_id", "source_id", "locator", "status", "note"):
                cites.setdefault(object_id, set()).add(CitationSpec(*spec))
        found = {k: (pk, v, frozenset(cites.get(pk, ()))) for k, (pk, v, _c) in found.items()}
    return found


def _classify(
    kind: Kind, rows: list[Row], existing
) -> tuple[list[Row], list[tuple[int, Row]], int]:
    created, changed, unchanged = [], [], 0
    value_fields = _VALUE_FIELDS[kind]
    for row in rows:
        on_record = existing.get(row.key)
        if on_record is None:
            created.append(row)
            continue
        pk, stored, cites = on_record
        wanted = tuple(row.values[f] for f in value_fields)
        wanted_cites = frozenset([row.citation]) if row.citation else frozenset()
        if _same(stored, wanted) and cites == wanted_cites:
            unchanged += 1
        else:
            changed.append((pk, row))
    return created, changed, unchanged


def _same(stored: tuple, wanted: tuple) -> bool:
    return all(
        (Decimal(a) == Decimal(b)) if isinstance(b, Decimal) else a == b
        for a, b in zip(stored, wanted, strict=True)
    )


def preview_file(kind: Kind | str, data: bytes, filename: str = "") -> Preview:
    """Check a file and say what importing it would do; nothing is written."""
    kind = Kind(kind)
    records, header = read_table(data, filename)
    preview = check_records(kind, records, header)
    if preview.ok:
        created, changed, unchanged = _classify(kind, preview.rows, _existing(kind, preview.rows))
        preview.created, preview.changed, preview.unchanged = len(created), len(changed), unchanged
    return preview


def import_file(
    *, actor, kind: Kind | str, data: bytes, filename: str = "", progress: Progress | None = None
) -> ImportResult:
    """Import every row of a file, or none: any bad row raises Invalid naming every problem."""
    require(actor, Right.PRODUCTION_IMPORT)
    kind = Kind(kind)
    records, header = read_table(data, filename)
    preview = check_records(kind, records, header)
    if not preview.ok:
        raise Invalid(problems=preview.problems)
    digest = hashlib.sha256(data).hexdigest()
    return commit_rows(
        actor=actor, kind=kind, rows=preview.rows, progress=progress, label=filename, digest=digest
    )


def import_records(
    *,
    actor,
    kind: Kind | str,
    records: Iterable[dict],
    progress: Progress | None = None,
    label: str = "",
) -> ImportResult:
    """Import rows given as dicts of column → text (the demo loader's and benchmark's way in)."""
    require(actor, Right.PRODUCTION_IMPORT)
    kind = Kind(kind)
    records = list(records)
    header = list(COLUMNS[kind])
    preview = check_records(kind, enumerate(records, start=2), header)
    if not preview.ok:
        raise Invalid(problems=preview.problems)
    return commit_rows(actor=actor, kind=kind, rows=preview.rows, progress=progress, label=label)


@transaction.atomic
def commit_rows(
    *,
    actor,
    kind: Kind,
    rows: list[Row],
    progress: Progress | None = None,
    label: str = "",
    digest: str = "",
) -> ImportResult:
    """Write checked rows: create the new, update the changed, leave the rest; one transaction."""
    require(actor, Right.PRODUCTION_IMPORT)
    model = _MODEL[kind]
    ct = ContentType.objects.get_for_model(model)
    existing = _existing(kind, rows)
    created, changed, unchanged = _classify(kind, rows, existing)
    total = len(created) + len(changed)
    done = 0
    touched: set[tuple] = set()
    for start in range(0, len(created), CHUNK):
        chunk = created[start : start + CHUNK]
        objs = model.objects.bulk_create([model(**row.values) for row in chunk])
        Citation.objects.bulk_create(
            [
                Citation(content_type=ct, object_id=obj.pk, **_citation_fields(row.citation))
                for obj, row in zip(objs, chunk, strict=True)
                if row.citation
            ]
        )
        touched |= {_month_key(kind, row) for row in chunk}
        done += len(chunk)
        if progress:
            progress(done, total)
    if changed:
        value_fields = _VALUE_FIELDS[kind]
        for start in range(0, len(changed), CHUNK):
            chunk = changed[start : start + CHUNK]
            objs = []
            for pk, row in chunk:
                obj = model(pk=pk, **row.values)
                objs.append(obj)
            model.objects.bulk_update(objs, value_fields)
            Citation.objects.filter(
                content_type=ct, object_id__in=[pk for pk, _r in chunk]
            ).delete()
            Citation.objects.bulk_create(
                [
                    Citation(content_type=ct, object_id=pk, **_citation_fields(row.citation))
                    for pk, row in chunk
                    if row.citation
                ]
            )
            touched |= {_month_key(kind, row) for _pk, row in chunk}
            done += len(chunk)
            if progress:
                progress(done, total)
    months = aggregates.refresh_months(k for k in touched if k is not None)
    result = ImportResult(kind.value, len(created), len(changed), unchanged, months)
    audit(
        actor=actor,
        action=f"production.import.{kind.value}",
        changes={
            "file": label,
            "sha256": digest,
            "created": result.created,
            "changed": result.changed,
            "unchanged": result.unchanged,
        },
    )
    return result


def _citation_fields(spec: CitationSpec) -> dict:
    return {
        "source_id": spec.source_id,
        "locator": spec.locator,
        "status": spec.status,
        "note": spec.note,
    }


def _month_key(kind: Kind, row: Row):
    if kind == Kind.HEADCOUNT:
        return None
    return (row.values["unit_id"], row.values["product_id"], row.values["period_start"])
