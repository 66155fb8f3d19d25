"""Export of the production tables to CSV and XLSX, in the columns the import reads back.

Every cell goes through `spreadsheet_safe`: text that a spreadsheet would run as a formula is
written after an apostrophe, which the import takes off again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType

from kuzbas.core.text import spreadsheet_safe
from kuzbas.production.imports.rows import COLUMNS, Kind
from kuzbas.production.models.statistics import HeadcountSnapshot, OutputRecord, Plan
from kuzbas.production.models.totals import MonthlyOutput
from kuzbas.record.models import Citation

TABLES = ("output", "plans", "headcount", "monthly")
MONTHLY_COLUMNS = ("unit", "product", "month", "output", "plan", "records", "illustrative")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _plain(value) -> str:
    if value is None:
        return ""
    text = str(value)
    if "." in text and text.replace(".", "", 1).isdigit():
        text = text.rstrip("0").rstrip(".")
    return text


def _citations(model, pks: list[int]) -> dict[int, Citation]:
    ct = ContentType.objects.get_for_model(model)
    first: dict[int, Citation] = {}
    for c in Citation.objects.filter(content_type=ct, object_id__in=pks).select_related("source"):
        first.setdefault(c.object_id, c)
    return first


def rows(table: str, chunk: int = 2000) -> tuple[tuple[str, ...], Iterator[list[str]]]:
    """Return the header and the rows of a table, read in chunks."""
    if table == "monthly":
        qs = MonthlyOutput.objects.select_related("unit", "product").order_by(
            "month", "unit__key", "product__key"
        )

        def monthly():
            for m in qs.iterator(chunk_size=chunk):
                yield [
                    m.unit.key,
                    m.product.key,
                    m.month.isoformat(),
                    _plain(m.output),
                    _plain(m.plan),
                    str(m.records),
                    "yes" if m.is_illustrative else "no",
                ]

        return MONTHLY_COLUMNS, monthly()
    kind = Kind(table)
    model = {Kind.OUTPUT: OutputRecord, Kind.PLANS: Plan, Kind.HEADCOUNT: HeadcountSnapshot}[kind]
    qs = model.objects.select_related(
        *(["unit"] if kind == Kind.HEADCOUNT else ["unit", "product"])
    ).order_by("pk")

    def records():
        batch = []
        for obj in qs.iterator(chunk_size=chunk):
            batch.append(obj)
            if len(batch) == chunk:
                yield from _render(kind, batch)
                batch = []
        yield from _render(kind, batch)

    return COLUMNS[kind], records()


def _render(kind: Kind, batch: list) -> Iterator[list[str]]:
    if not batch:
        return
    cites = _citations(type(batch[0]), [o.pk for o in batch])
    for o in batch:
        c = cites.get(o.pk)
        cite = [
            c.source.key if c and c.source else "",
            c.locator if c else "",
            c.status if c else "",
            c.note if c else "",
        ]
        if kind == Kind.OUTPUT:
            yield [
                o.unit.key,
                o.product.key,
                o.period_kind,
                o.period_start.isoformat(),
                str(o.shift or ""),
                _plain(o.quantity_entered),
                o.unit_entered,
                *cite,
            ]
        elif kind == Kind.PLANS:
            yield [
                o.unit.key,
                o.product.key,
                o.period_kind,
                o.period_start.isoformat(),
                _plain(o.target_entered),
                o.unit_entered,
                *cite,
            ]
        else:
            yield [o.unit.key if o.unit else "", o.on.isoformat(), o.category, str(o.count), *cite]


def _safe(row) -> list[str]:
    return [spreadsheet_safe(v) for v in row]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(table: str) -> Iterator[bytes]:
    """Yield the table as CSV, a line at a time."""
    header, body = rows(table)
    writer = csv.writer(_Echo(), lineterminator="\n")
    yield writer.writerow(_safe(header)).encode("utf-8")
    for row in body:
        yield writer.writerow(_safe(row)).encode("utf-8")


def to_csv(table: str) -> bytes:
    header, body = rows(table)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(_safe(header))
    writer.writerows(_safe(row) for row in body)
    return out.getvalue().encode("utf-8")


def to_xlsx(table: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def cells(row) -> list[str]:
        # A control character stored before the input refused them must not stop the export.
        return [ILLEGAL_CHARACTERS_RE.sub("\ufffd", v) for v in _safe(row)]

    header, body = rows(table)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(table)
    sheet.append(cells(header))
    for row in body:
        sheet.append(cells(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
