"""Import of output, plans and headcount from CSV or XLSX: every bad row named, all or nothing.

A file is first *checked*: every row is parsed and validated against the units, products and
sources on record, and the result is a preview (what would be created, changed or left as it
is) with every problem and its line. *Committing* checks again and writes everything in one
transaction, or nothing. Rows are matched by their natural key (unit, product, day, period,
shift; or unit, date, category), so importing the same file twice changes nothing the second
time. The demo loader and the benchmark go through this same path.

Large files are the point (a colony's shifts over years run to millions of rows), so:

- a row in the usual shape is checked by a fast path that only does lookups in small caches
  (units, products, dates, units of measure); any row it does not fully accept goes through
  the plain per-field checks, which name every problem, so both paths accept the same rows;
- a new output row whose month has no output on record (the monthly totals say so) cannot be
  on record already, so it is not compared with anything; only rows of months with records are
  matched against what is stored;
- new rows are written with PostgreSQL's COPY (SQLite: one prepared INSERT for all rows), and
  the monthly totals are recomputed for the touched months with one set-based statement.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import Conflict, Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.production import aggregates, quantities
from kuzbas.production.models import (
    HeadcountSnapshot,
    MonthlyOutput,
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
CHUNK = 20_000  # rows per write and per progress report
STREAM_EVERY = 2_000  # checked output rows handed to the writer at a time
# progress(done, total, stage): `stage` is "checking" (done and total count lines of the file)
# or "writing" (they count rows to write).
Progress = Callable[[int, int, str], None]


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

# A checked row is a tuple of these database columns, its natural key first.
FIELDS: dict[Kind, tuple[str, ...]] = {
    Kind.OUTPUT: (
        "unit_id",
        "product_id",
        "period_start",
        "period_kind",
        "shift",
        "period_end",
        "quantity",
        "quantity_entered",
        "unit_entered",
    ),
    Kind.PLANS: (
        "unit_id",
        "product_id",
        "period_start",
        "period_kind",
        "period_end",
        "target",
        "target_entered",
        "unit_entered",
    ),
    Kind.HEADCOUNT: ("unit_id", "on", "category", "count"),
}
KEY_LENGTH = {Kind.OUTPUT: 5, Kind.PLANS: 4, Kind.HEADCOUNT: 3}
# Where the compared values start (period_end follows from the key, so it is not compared).
VALUES_FROM = {Kind.OUTPUT: 6, Kind.PLANS: 5, Kind.HEADCOUNT: 3}
# Rows are fetched for comparison by the key's first fields (unit and product, or unit) and a
# range of the date that follows them.
DATE_AT = {Kind.OUTPUT: 2, Kind.PLANS: 2, Kind.HEADCOUNT: 1}
_MODEL = {Kind.OUTPUT: OutputRecord, Kind.PLANS: Plan, Kind.HEADCOUNT: HeadcountSnapshot}


@dataclass(frozen=True)
class CitationSpec:
    source_id: int | None
    locator: str
    status: str
    note: str


@dataclass
class Row:
    """One row checked field by field: its natural key, the values to store, its evidence."""

    line: int
    key: tuple
    values: dict[str, Any]
    citation: CitationSpec | None


@dataclass
class Checked:
    """Every row of a file, checked: the rows as tuples of `FIELDS`, and every problem."""

    kind: Kind
    rows: list[tuple] = field(default_factory=list)
    # Evidence by row key, for the rows that have any.
    citations: dict[tuple, CitationSpec] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Preview:
    kind: Kind
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


@dataclass
class Table:
    """A file's header and its rows as (line, values in header order), and its line count."""

    header: list[str]
    records: Iterator[tuple[int, list[str]]]
    lines: int


def read_table(data: bytes, filename: str = "") -> Table:
    """Return the header and the rows of a CSV or XLSX file."""
    if len(data) > MAX_BYTES:
        raise Invalid(problems=[Problem(_("the file is larger than 200 MB"))])
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        return _read_xlsx(data)
    return _read_csv(data)


def _read_csv(data: bytes) -> Table:
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
            yield reader.line_num, values

    return Table(header, records(), max(0, text.count("\n") - 1))


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise Invalid(problems=[Problem(_("the file is not a readable XLSX workbook"))]) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    first = next(rows, None) or ()
    header = [str(h).strip() if h is not None else "" for h in first]
    width = len(header)

    def records():
        for line, values in enumerate(rows, start=2):
            # Cells beyond the header are not read, as a spreadsheet shows them unlabelled.
            yield line, [_cell(v) for v in values[:width]]
        book.close()

    return Table(header, records(), max(0, (sheet.max_row or 1) - 1))


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
        self.unit_ids = {key: u.pk for key, u in self.units.items()}
        self.products = {p.key: p for p in Product.objects.all()}
        self.sources = dict(Source.objects.values_list("key", "id"))


def _header_problems(kind: Kind, header: list[str]) -> list[Problem]:
    if not header or not any(header):
        return [Problem(_("the file is empty; the first line must name the columns"), line=1)]
    problems = []
    unknown = [h for h in header if h not in COLUMNS[kind]]
    if unknown:
        problems.append(Problem(_("unknown columns: %(c)s") % {"c": ", ".join(unknown)}, line=1))
    missing = [c for c in REQUIRED[kind] if c not in header]
    if missing:
        problems.append(Problem(_("missing columns: %(c)s") % {"c": ", ".join(missing)}, line=1))
    return problems


def check_table(
    kind: Kind,
    table: Table,
    progress: Progress | None = None,
    stream: Callable[[list[tuple], Checked], None] | None = None,
) -> Checked:
    """Parse and check every row of a table.

    Nothing is written here; `stream`, if given, is handed the output rows checked so far, a
    few thousand at a time, so that writing them overlaps with checking the rest.
    """
    checked = Checked(kind=kind, problems=_header_problems(kind, table.header))
    if checked.problems:
        return checked
    checker = _Checker(kind, table.header, _Catalogue())
    records = table.records
    if progress is not None:
        records = _reporting(records, table.lines, progress)
    if kind == Kind.OUTPUT:
        checker.output_rows(records, checked, stream)
    else:
        for line, values in records:
            checker.slow(line, values, checked)
    if not checked.rows and not checked.problems:
        checked.problems.append(Problem(_("the file has a header but no rows"), line=2))
    return checked


def _reporting(records, total: int, progress: Progress):
    progress(0, total, "checking")
    n = 0
    for n, record in enumerate(records, start=1):
        if n % CHUNK == 0:
            progress(n, max(total, n), "checking")
        yield record
    progress(n, n, "checking")


# Django builds an enum's `values` afresh on every access; these are checked once per row.
_PERIOD_KINDS = frozenset(PeriodKind.values)
_CATEGORIES = frozenset(StaffCategory.values)
_EVIDENCE = frozenset(Evidence.values)
_PLAIN_NUMBER = re.compile(r"\d{1,17}(?:\.\d{1,10})?")
_SHIFTS = {str(n): n for n in range(1, 10)}
_IDENTITY = Fraction(1)


class _Checker:
    """Checks rows of one file; caches what repeats (dates, units of measure) as it goes."""

    def __init__(self, kind: Kind, header: list[str], catalogue: _Catalogue) -> None:
        self.kind = kind
        self.header = header
        self.catalogue = catalogue
        self.check = {
            Kind.OUTPUT: _check_output,
            Kind.PLANS: _check_plan,
            Kind.HEADCOUNT: _check_headcount,
        }[kind]
        self.seen: dict[tuple, int] = {}
        self.periods: dict[tuple[str, str], tuple[dt.date, dt.date] | None] = {}
        self.factors: dict[tuple[str, str], tuple[Fraction, str] | None] = {}

    def slow(self, line: int, values: list[str], checked: Checked) -> None:
        """Check a row field by field, naming every problem."""
        if len(values) > len(self.header):
            checked.problems.append(Problem(_("more values than columns"), line=line))
            return
        record = {h: (v or "").strip() for h, v in zip(self.header, values, strict=False)}
        if not any(record.values()):
            return
        problems: list[Problem] = []
        row = self.check(line, record, self.catalogue, problems)
        problems.extend(_check_citation(line, record, self.catalogue, row))
        if row is not None and not problems:
            if row.key in self.seen:
                problems.append(
                    Problem(
                        _("the same row again (first on line %(n)s)") % {"n": self.seen[row.key]},
                        line=line,
                    )
                )
            else:
                self.seen[row.key] = line
                values = tuple(row.values[f] for f in FIELDS[self.kind])
                if self.kind == Kind.OUTPUT:
                    values = (*values, _copy_line(Kind.OUTPUT)(values))
                checked.rows.append(values)
                if row.citation:
                    checked.citations[row.key] = row.citation
        checked.problems.extend(problems)

    def period(self, kind: str, text: str) -> tuple | None:
        """Return start, end and both as text for a valid period, or None.

        Cached: a file repeats its days.
        """
        key = (kind, text)
        if key not in self.periods:
            problems: list[Problem] = []
            found, start = _period(0, {"period_kind": kind, "period_start": text}, problems)
            if problems:
                self.periods[key] = None
            else:
                end = period_end(found, start)
                self.periods[key] = (start, end, start.isoformat(), end.isoformat())
        return self.periods[key]

    def factor(self, entered: str, product: Product) -> tuple[Fraction, str, str] | None:
        """Return the factor from the entered unit to the product's, and the unit as stored
        (plain, and escaped for COPY)."""
        key = (entered, product.unit_of_measure)
        if key not in self.factors:
            name = entered.strip() or product.unit_of_measure
            try:
                if name == product.unit_of_measure.strip():
                    self.factors[key] = (_IDENTITY, name, _copy_text(name))
                else:
                    factor = quantities.convert_exact(1, name, product.unit_of_measure)
                    self.factors[key] = (factor, name, _copy_text(name))
            except quantities.UnknownUnit:
                self.factors[key] = None
        return self.factors[key]

    def output_rows(self, records, checked: Checked, stream=None) -> None:
        """Check output rows: the fast path for rows in the usual shape, else `slow`."""
        handed = 0
        prefixes: dict[tuple[int, int], str] = {}
        index = {h: i for i, h in enumerate(self.header)}
        width = len(self.header)
        at_unit, at_product = index["unit"], index["product"]
        at_kind, at_start, at_quantity = (
            index["period_kind"],
            index["period_start"],
            index["quantity"],
        )
        at_shift, at_uom = index.get("shift", -1), index.get("unit_of_measure", -1)
        at_cites = [index[c] for c in _CITATION_COLUMNS if c in index]
        units, products = self.catalogue.unit_ids, self.catalogue.products
        seen, rows = self.seen, checked.rows
        plain, periods = _PLAIN_NUMBER.fullmatch, self.periods
        for line, values in records:
            if stream is not None and len(rows) - handed >= STREAM_EVERY:
                stream(rows[handed:], checked)
                handed = len(rows)
            if len(values) != width or (at_cites and any(values[i] for i in at_cites)):
                self.slow(line, values, checked)
                continue
            unit_id = units.get(values[at_unit])
            product = products.get(values[at_product])
            kind = values[at_kind]
            span = periods.get((kind, values[at_start]))
            if span is None:
                span = self.period(kind, values[at_start])
            if kind == "shift":
                shift = _SHIFTS.get(values[at_shift]) if at_shift >= 0 else None
            else:
                shift = None if at_shift >= 0 and values[at_shift] else 0
            text = values[at_quantity]
            if (
                unit_id is None
                or product is None
                or span is None
                or shift is None
                or not plain(text)
            ):
                self.slow(line, values, checked)
                continue
            conversion = self.factor(values[at_uom] if at_uom >= 0 else "", product)
            key = (unit_id, product.pk, span[0], kind, shift)
            if conversion is None or key in seen:
                self.slow(line, values, checked)
                continue
            seen[key] = line
            amount = Decimal(text)
            factor, entered, escaped = conversion
            # The column keeps ten places and the text has at most ten: the value is stored as is.
            if factor is _IDENTITY:
                quantity, quantity_text = amount, text
            else:
                quantity = quantities.to_stored(Fraction(amount) * factor)
                quantity_text = str(quantity)
            prefix = prefixes.get(key[:2])
            if prefix is None:
                prefix = prefixes[key[:2]] = f"{unit_id}\t{product.pk}\t"
            rows.append(
                (
                    unit_id,
                    product.pk,
                    span[0],
                    kind,
                    shift,
                    span[1],
                    quantity,
                    amount,
                    entered,
                    # The row as a line of COPY's text format, made while its parts are text.
                    f"{prefix}{span[2]}\t{kind}\t{shift}\t{span[3]}\t{quantity_text}\t{text}"
                    f"\t{escaped}\n",
                )
            )
        if stream is not None and len(rows) > handed:
            stream(rows[handed:], checked)


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
    if kind not in _PERIOD_KINDS:
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
        key=(unit.pk, product.pk, start, kind, shift),
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
        key=(unit.pk, product.pk, start, kind),
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
    if category and category not in _CATEGORIES:
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
    if evidence and evidence not in _EVIDENCE:
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


# --- Comparing with what is on record ------------------------------------------------------


@dataclass
class _Changes:
    created: list[tuple] = field(default_factory=list)
    changed: list[tuple[int, tuple]] = field(default_factory=list)
    unchanged: int = 0


def _existing(kind: Kind, rows: list[tuple]) -> dict[tuple, tuple[int, tuple, frozenset]]:
    """Return what is on record for the rows' keys: pk, stored values and citations."""
    model = _MODEL[kind]
    fields, key_length, date_at = FIELDS[kind], KEY_LENGTH[kind], DATE_AT[kind]
    compared = fields[VALUES_FROM[kind] :]
    groups: dict[tuple, list[dt.date]] = {}
    for row in rows:
        groups.setdefault(row[:date_at], []).append(row[date_at])
    found: dict[tuple, tuple[int, tuple, frozenset]] = {}
    for group, days in groups.items():
        where = {f"{fields[date_at]}__gte": min(days), f"{fields[date_at]}__lte": max(days)}
        for name, value in zip(fields, group, strict=False):
            where[name if value is not None else f"{name.removesuffix('_id')}__isnull"] = (
                value if value is not None else True
            )
        query = model.objects.filter(**where).values_list("pk", *fields[:key_length], *compared)
        for values in query.iterator(chunk_size=CHUNK):
            found[tuple(values[1 : 1 + key_length])] = (
                values[0],
                tuple(values[1 + key_length :]),
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


def _classify(checked: Checked, candidates: list[tuple]) -> _Changes:
    """Sort rows into new, changed (with the pk on record) and unchanged."""
    kind = checked.kind
    key_length, values_from = KEY_LENGTH[kind], VALUES_FROM[kind]
    changes = _Changes()
    existing = _existing(kind, candidates)
    for row in candidates:
        key = row[:key_length]
        on_record = existing.get(key)
        if on_record is None:
            changes.created.append(row)
            continue
        pk, stored, cites = on_record
        citation = checked.citations.get(key)
        wanted_cites = frozenset([citation]) if citation else frozenset()
        if _same(stored, row[values_from : len(FIELDS[kind])]) and cites == wanted_cites:
            changes.unchanged += 1
        else:
            changes.changed.append((pk, row))
    return changes


def _same(stored: tuple, wanted: tuple) -> bool:
    return all(
        (Decimal(a) == Decimal(b)) if isinstance(b, Decimal) else a == b
        for a, b in zip(stored, wanted, strict=True)
    )


# --- Output rows written while the file is checked -----------------------------------------


class _OutputStream:
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

    def __enter__(self) -> _OutputStream:
        return self

    def __exit__(self, *exc) -> None:
        with connection.wrap_database_errors:
            self._stack.__exit__(*exc)
        self._copy = self._cursor = None

    def __call__(self, rows: list[tuple], checked: Checked) -> None:
        pairs = {(r[0], r[1]) for r in rows}
        if not pairs <= self.filled.keys():
            self._load(pairs - self.filled.keys())
        filled, cited, waiting = self.filled, checked.citations, self.waiting
        fresh = []
        for r in rows:
            months = filled[(r[0], r[1])]
            if (months and r[2].replace(day=1) in months) or (cited and r[:5] in cited):
                waiting.append(r)
            else:
                fresh.append(r)
        self.created += len(fresh)
        if not self.write or checked.problems or not fresh:
            return
        for r in fresh:
            span = self.spans.get((r[0], r[1]))
            if span is None:
                self.spans[(r[0], r[1])] = [r[2], r[2]]
            elif r[2] < span[0]:
                span[0] = r[2]
            elif r[2] > span[1]:
                span[1] = r[2]
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
            _hold_catalogue({p[0] for p in pairs}, {p[1] for p in pairs})

    def _send(self, rows: list[tuple]) -> None:
        if connection.vendor != "postgresql":
            _insert(Kind.OUTPUT, rows, lambda *_: None, 0)
            return
        if self._copy is None:
            self._stack = contextlib.ExitStack()
            self._cursor = self._stack.enter_context(connection.cursor())
            columns = ", ".join(map(connection.ops.quote_name, FIELDS[Kind.OUTPUT]))
            self._copy = self._stack.enter_context(
                self._cursor.cursor.copy(
                    f"COPY {OutputRecord._meta.db_table} ({columns}) FROM STDIN"
                )
            )
        with connection.wrap_database_errors:
            self._copy.write("".join(map(_copy_line(Kind.OUTPUT), rows)))

    def _pause(self) -> None:
        """End a COPY in progress: the connection runs no other statement during one."""
        if self._copy is not None:
            with connection.wrap_database_errors:
                self._stack.close()
            self._copy = self._cursor = None

    def close(self) -> None:
        self._pause()


def _hold_catalogue(unit_ids: set[int], product_ids: set[int]) -> None:
    """Lock the units and products that new output rows refer to until the import commits.

    Output rows have no foreign-key constraint (see `OutputRecord`); this is the lock the
    constraint's trigger would take, once per unit and product instead of once per row.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model, ids in ((Unit, unit_ids), (Product, product_ids)):
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT id FROM {model._meta.db_table} "  # noqa: S608
                "WHERE id = ANY(%s) FOR KEY SHARE) AS held",
                [sorted(ids)],
            )
            if cursor.fetchone()[0] != len(ids):
                raise Conflict(_("A unit or product of this file is no longer on record."))


# --- The ways in ---------------------------------------------------------------------------


def preview_file(
    kind: Kind | str, data: bytes, filename: str = "", progress: Progress | None = None
) -> Preview:
    """Check a file and say what importing it would do; nothing is written."""
    kind = Kind(kind)
    table = read_table(data, filename)
    if kind == Kind.OUTPUT:
        stream = _OutputStream(write=False)
        checked = check_table(kind, table, progress, stream)
        preview = Preview(kind=kind, problems=checked.problems)
        if preview.ok:
            changes = _classify(checked, stream.waiting)
            preview.created = stream.created + len(changes.created)
            preview.changed, preview.unchanged = len(changes.changed), changes.unchanged
        return preview
    checked = check_table(kind, table, progress)
    preview = Preview(kind=kind, problems=checked.problems)
    if preview.ok:
        changes = _classify(checked, checked.rows)
        preview.created, preview.changed = len(changes.created), len(changes.changed)
        preview.unchanged = changes.unchanged
    return preview


def import_file(
    *, actor, kind: Kind | str, data: bytes, filename: str = "", progress: Progress | None = None
) -> ImportResult:
    """Import every row of a file, or none: any bad row raises Invalid naming every problem."""
    require(actor, Right.PRODUCTION_IMPORT)
    digest = hashlib.sha256(data).hexdigest()
    table = read_table(data, filename)
    return _import(
        actor=actor, kind=Kind(kind), table=table, progress=progress, label=filename, digest=digest
    )


def import_records(
    *,
    actor,
    kind: Kind | str,
    records: Iterable[dict],
    progress: Progress | None = None,
    label: str = "",
) -> ImportResult:
    """Import rows given as dicts of column → text (the demo loader's way in)."""
    require(actor, Right.PRODUCTION_IMPORT)
    kind = Kind(kind)
    header = list(COLUMNS[kind])
    lines = [(n, [r.get(h) or "" for h in header]) for n, r in enumerate(records, start=2)]
    table = Table(header, iter(lines), len(lines))
    return _import(actor=actor, kind=kind, table=table, progress=progress, label=label)


@transaction.atomic
def _import(
    *, actor, kind: Kind, table: Table, progress: Progress | None, label: str, digest: str = ""
) -> ImportResult:
    """Check and write a table in one transaction: every row, or none."""
    report = progress or (lambda *_: None)
    try:
        if kind == Kind.OUTPUT:
            with _OutputStream(write=True) as stream:
                checked = check_table(kind, table, progress, stream)
                stream.close()
            waiting, created = stream.waiting, stream.created
        else:
            checked = check_table(kind, table, progress)
            waiting, created = checked.rows, 0
        if checked.problems:
            raise Invalid(problems=checked.problems)
        changes = _classify(checked, waiting)
        total = len(changes.created) + len(changes.changed)
        report(0, total, "writing")
        key_length = KEY_LENGTH[kind]
        plain = [r for r in changes.created if r[:key_length] not in checked.citations]
        cited = [r for r in changes.created if r[:key_length] in checked.citations]
        _insert(kind, plain, report, total)
        _insert_cited(kind, cited, checked.citations)
        _update(kind, changes.changed, checked.citations)
    except IntegrityError:
        raise Conflict(
            _("Another import wrote some of these rows at the same time; import the file again.")
        ) from None
    report(total, total, "writing")
    created += len(changes.created)
    months = 0
    if kind == Kind.HEADCOUNT:
        if total:
            aggregates.bump()
    else:
        touched = [(r[0], r[1], r[2]) for r in changes.created]
        touched += [(r[0], r[1], r[2]) for _pk, r in changes.changed]
        if kind == Kind.OUTPUT:
            touched += [(u, p, day) for (u, p), span in stream.spans.items() for day in span]
        months = aggregates.refresh_months(touched)
    result = ImportResult(kind.value, created, len(changes.changed), changes.unchanged, months)
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


def _insert(kind: Kind, rows: list[tuple], report, total: int) -> None:
    """Insert new rows without evidence: COPY on PostgreSQL, one prepared INSERT on SQLite."""
    if not rows:
        return
    table, columns = (
        _MODEL[kind]._meta.db_table,
        ", ".join(map(connection.ops.quote_name, FIELDS[kind])),
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            line = _copy_line(kind)
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for start in range(0, len(rows), CHUNK):
                    copy.write("".join(map(line, rows[start : start + CHUNK])))
                    report(min(start + CHUNK, len(rows)), total, "writing")
            return
        marks = ", ".join(["%s"] * len(FIELDS[kind]))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
        values = _sqlite_row(kind)
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(sql, list(map(values, rows[start : start + CHUNK])))
            report(min(start + CHUNK, len(rows)), total, "writing")


def _sqlite_row(kind: Kind) -> Callable[[tuple], tuple]:
    """Dates and decimals as the text SQLite keeps them."""
    if kind == Kind.OUTPUT:
        return lambda r: (
            r[0],
            r[1],
            r[2].isoformat(),
            r[3],
            r[4],
            r[5].isoformat(),
            str(r[6]),
            str(r[7]),
            r[8],
        )
    return lambda r: tuple(map(_sqlite_value, r))


def _copy_line(kind: Kind) -> Callable[[tuple], str]:
    """Return a function from a row to its line in COPY's text format."""
    return _copy_row


def _copy_row(row: tuple) -> str:
    if len(row) == len(FIELDS[Kind.OUTPUT]) + 1:  # an output row carries its line, see `_Checker`
        return row[-1]
    return "\t".join(map(_copy_value, row)) + "\n"


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(text: str) -> str:
    return text.translate(_COPY_ESCAPES)


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, str):
        return _copy_text(value)
    return str(value)


def _sqlite_value(value):
    return str(value) if isinstance(value, (Decimal, dt.date)) else value


def _insert_cited(kind: Kind, rows: list[tuple], citations: dict) -> None:
    """Insert new rows with evidence, then their citations (which need the rows' ids)."""
    if not rows:
        return
    model, fields, key_length = _MODEL[kind], FIELDS[kind], KEY_LENGTH[kind]
    ct = ContentType.objects.get_for_model(model)
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        objs = model.objects.bulk_create(
            [model(**dict(zip(fields, r[: len(fields)], strict=True))) for r in chunk]
        )
        Citation.objects.bulk_create(
            [
                Citation(
                    content_type=ct, object_id=obj.pk, **_citation_fields(citations[r[:key_length]])
                )
                for obj, r in zip(objs, chunk, strict=True)
            ]
        )


def _update(kind: Kind, changed: list[tuple[int, tuple]], citations: dict) -> None:
    """Write the changed rows' values and replace their evidence."""
    if not changed:
        return
    model, fields, key_length = _MODEL[kind], FIELDS[kind], KEY_LENGTH[kind]
    written = fields[key_length:]
    assignments = ", ".join(f"{connection.ops.quote_name(name)} = %s" for name in written)
    sql = f"UPDATE {model._meta.db_table} SET {assignments} WHERE id = %s"  # noqa: S608
    convert = _sqlite_value if connection.vendor == "sqlite" else (lambda v: v)
    ct = ContentType.objects.get_for_model(model)
    with connection.cursor() as cursor:
        for start in range(0, len(changed), CHUNK):
            chunk = changed[start : start + CHUNK]
            cursor.executemany(
                sql, [(*map(convert, r[key_length : len(fields)]), pk) for pk, r in chunk]
            )
            Citation.objects.filter(
                content_type=ct, object_id__in=[pk for pk, _r in chunk]
            ).delete()
            Citation.objects.bulk_create(
                [
                    Citation(
                        content_type=ct, object_id=pk, **_citation_fields(citations[r[:key_length]])
                    )
                    for pk, r in chunk
                    if r[:key_length] in citations
                ]
            )


def _citation_fields(spec: CitationSpec) -> dict:
    return {
        "source_id": spec.source_id,
        "locator": spec.locator,
        "status": spec.status,
        "note": spec.note,
    }
