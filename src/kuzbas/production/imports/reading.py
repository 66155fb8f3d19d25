"""Reading an import file: a CSV or XLSX file into its header and its rows of text."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kuzbas.core.errors import Invalid, Problem

MAX_BYTES = 200 * 1024 * 1024


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
