"""Reading an import file: a CSV or XLSX file into its header and its rows of text.

What a file may be is bounded before it costs a request its time: its size, its rows, a cell's
length, and an XLSX archive's entries and their unpacked size (read from the archive's
directory before anything is unpacked). A cell holding a control character is refused with its
line and column; an apostrophe the export put before a formula's start is taken off again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuzbas.core import formats
from kuzbas.core.errors import Invalid, Problem
from kuzbas.core.text import first_control, from_spreadsheet
from kuzbas.core.validation import control_problem

MAX_BYTES = 200 * 1024 * 1024
# A request is answered within the worker's 30 s: rows above these are refused, not half-read.
MAX_ROWS = {"csv": 200_000, "xlsx": 100_000}
MAX_CELL = 10_000  # characters in one cell; the longest column (a citation's note) holds less
# An XLSX file is a zip archive: its parts, and what they unpack to, before any is read.
MAX_XLSX_ENTRIES = 1_000
MAX_XLSX_UNPACKED = 100 * 1024 * 1024


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
    lines = max(0, text.count("\n") - 1)
    _bound_rows(lines, "csv")
    reader = csv.reader(io.StringIO(text, newline=""))
    with _cells_fit(reader):
        header = _header(iter([next(reader, [])]))

    def records():
        with _cells_fit(reader):
            for values in reader:
                yield reader.line_num, _checked(reader.line_num, header, values)

    return Table(header, records(), lines)


@contextmanager
def _cells_fit(reader) -> Iterator[None]:
    """Turn the reader's refusal of a cell too long for it into a problem at its line."""
    try:
        yield
    except csv.Error:
        raise Invalid(problems=[_too_long(reader.line_num)]) from None


def _header(rows: Iterator[list[str]]) -> list[str]:
    first = next(rows, [])
    header = [h.strip() for h in first]
    _checked(1, [f"{n}" for n in range(1, len(header) + 1)], header)
    return header


def _checked(line: int, header: list[str], values: list[str]) -> list[str]:
    """Return a row's cells, refusing one that is too long or holds a control character."""
    joined = "".join(values)
    if len(joined) <= MAX_CELL and first_control(joined, multiline=True) is None:
        # Most rows hold no apostrophe at all: they are handed on as read.
        return [from_spreadsheet(v) for v in values] if "'" in joined else values
    problems = []
    for column, value in zip(header, values, strict=False):
        if len(value) > MAX_CELL:
            problems.append(_too_long(line, column))
        elif problem := control_problem(value, field=column, line=line, multiline=True):
            problems.append(problem)
    if problems:
        raise Invalid(problems=problems)
    return [from_spreadsheet(v) for v in values]


def _too_long(line: int, column: str | None = None) -> Problem:
    return Problem(
        _("a cell is longer than %(n)s characters") % {"n": formats.number(MAX_CELL)},
        field=column,
        line=line,
    )


def _bound_rows(rows: int, kind: str) -> None:
    limit = MAX_ROWS[kind]
    if rows > limit:
        raise Invalid(
            problems=[
                Problem(
                    ngettext(
                        "the file has more than %(n)s row; split it into files of at most "
                        "%(n)s rows",
                        "the file has more than %(n)s rows; split it into files of at most "
                        "%(n)s rows",
                        limit,
                    )
                    % {"n": formats.number(limit)}
                )
            ]
        )


def _check_archive(data: bytes) -> None:
    """Refuse an XLSX archive whose directory says it unpacks to too much, before unpacking."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise Invalid(problems=[Problem(_("the file is not a readable XLSX workbook"))]) from None
    unpacked = sum(e.file_size for e in entries)
    if len(entries) > MAX_XLSX_ENTRIES or unpacked > MAX_XLSX_UNPACKED:
        raise Invalid(
            problems=[
                Problem(
                    _(
                        "the workbook unpacks to %(mb)s MB in %(n)s parts; at most %(max)s MB "
                        "in %(parts)s parts are read"
                    )
                    % {
                        "mb": formats.number(unpacked / 1024 / 1024, 0),
                        "n": formats.number(len(entries)),
                        "max": MAX_XLSX_UNPACKED // 1024 // 1024,
                        "parts": formats.number(MAX_XLSX_ENTRIES),
                    }
                )
            ]
        )


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    _check_archive(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise Invalid(problems=[Problem(_("the file is not a readable XLSX workbook"))]) from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    first = next(rows, None) or ()
    header = _header(iter([[_cell(h) for h in first]]))
    width = len(header)
    lines = max(0, (sheet.max_row or 1) - 1)
    _bound_rows(lines, "xlsx")

    def records():
        for line, values in enumerate(rows, start=2):
            # The dimension a workbook declares may understate it; the rows read are counted.
            _bound_rows(line - 1, "xlsx")
            # Cells beyond the header are not read, as a spreadsheet shows them unlabelled.
            yield line, _checked(line, header, [_cell(v) for v in values[:width]])
        book.close()

    return Table(header, records(), lines)


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
