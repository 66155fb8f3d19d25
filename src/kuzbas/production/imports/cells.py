"""How a row's cells parse: each function reads one column's text and names what is wrong.

A row's columns are parsed in the order of its specification (`rows`), each seeing the values
parsed before it, so that a cell may depend on an earlier one (the shift on the period's
kind, the stored quantity on the product and the amount). A problem names its line and its
column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kuzbas.core.errors import Problem
from kuzbas.production import quantities
from kuzbas.production.models.statistics import PeriodKind, StaffCategory

# Django builds an enum's `values` afresh on every access; these are checked once per row.
PERIOD_KINDS = frozenset(PeriodKind.values)
_CATEGORIES = frozenset(StaffCategory.values)

# A column's parser: the row's cells and the column's name in, the parsed value out.
Parse = Callable[["Cells", str], Any]


class Cells:
    """One row's cells as text, the values parsed so far, and the problems found in it."""

    __slots__ = ("catalogue", "line", "parsed", "problems", "text")

    def __init__(self, line: int, text: dict[str, str], catalogue) -> None:
        self.line = line
        self.text = text
        self.catalogue = catalogue
        self.parsed: dict[str, Any] = {}
        self.problems: list[Problem] = []

    def get(self, name: str) -> str:
        return self.text.get(name, "")

    def problem(self, name: str, message: str) -> None:
        self.problems.append(Problem(message, field=name, line=self.line))


def required(cells: Cells, name: str) -> str:
    text = cells.get(name)
    if not text:
        cells.problem(name, _("required"))
    return text


def date(cells: Cells, name: str, *, month_ok: bool = False) -> dt.date | None:
    text = required(cells, name)
    if not text:
        return None
    if month_ok and len(text) == 7:
        text += "-01"
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        cells.problem(name, _("%(t)r is not a date; write YYYY-MM-DD") % {"t": text})
        return None


# Digits grouped in threes by commas, as English writes thousands: 1,234 or 12,345.5.
_ENGLISH_GROUPS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
_SPACES = str.maketrans("", "", " \u00a0\u202f")


def number_text(cells: Cells, name: str, text: str) -> str:
    """Return a number's text with a decimal point and no grouping, as the clerk's language
    writes numbers (Russian: a decimal comma, thousands after spaces; English: a decimal point,
    thousands after commas); "" after naming the problem when the text cannot be read so."""
    text = text.translate(_SPACES)
    if "," not in text:
        return text
    if (get_language() or "").startswith("ru"):
        if "." not in text and text.count(",") == 1:
            return text.replace(",", ".")
    elif _ENGLISH_GROUPS.fullmatch(text):
        return text.replace(",", "")
    cells.problem(
        name,
        _(
            "%(t)r is ambiguous: write the decimal separator as a point (1.5) and no thousands"
            " separator (1234)"
        )
        % {"t": text},
    )
    return ""


def decimal_cell(cells: Cells, name: str) -> Decimal | None:
    """Read a required cell as a decimal in the file's language; None (with a problem) if not."""
    text = required(cells, name)
    if not text:
        return None
    text = number_text(cells, name, text)
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        cells.problem(name, _("%(t)r is not a number") % {"t": text})
        return None


def amount(cells: Cells, name: str) -> Decimal | None:
    """Parse a number of 0 or more that fits the quantity columns (17 digits, 10 places)."""
    number = decimal_cell(cells, name)
    if number is None:
        return None
    if not number.is_finite() or number < 0:
        cells.problem(name, _("must be a number of 0 or more"))
        return None
    if number.as_tuple().exponent < -10 or abs(number) >= Decimal(10) ** 17:
        cells.problem(name, _("too many digits"))
        return None
    return number


def _lookup(cells: Cells, name: str, table: dict, *, optional: bool = False):
    key = cells.get(name)
    if not key:
        if not optional:
            cells.problem(name, _("required"))
        return None
    found = table.get(key)
    if found is None:
        cells.problem(name, _("nothing on record with key %(k)r") % {"k": key})
    return found


def unit(cells: Cells, name: str):
    """The unit on record with this key."""
    return _lookup(cells, name, cells.catalogue.units)


def unit_or_colony(cells: Cells, name: str):
    """The unit on record with this key; None (the whole colony) when the cell is empty."""
    return _lookup(cells, name, cells.catalogue.units, optional=True)


def product(cells: Cells, name: str):
    """The product on record with this key."""
    return _lookup(cells, name, cells.catalogue.products)


def period_kind(cells: Cells, name: str, *, default: str = "") -> str:
    """A shift, a day or a month; "" when the cell names none of them."""
    kind = cells.get(name) or default
    if kind not in PERIOD_KINDS:
        cells.problem(name, _("must be one of %(v)s") % {"v": ", ".join(PeriodKind.values)})
        return ""
    return kind


def period_kind_or_month(cells: Cells, name: str) -> str:
    return period_kind(cells, name, default=PeriodKind.MONTH)


def period_start(cells: Cells, name: str) -> dt.date | None:
    """The first day of the period (a month may be written YYYY-MM); after `period_kind`."""
    kind = cells.parsed["period_kind"]
    start = date(cells, name, month_ok=kind == PeriodKind.MONTH)
    if start and kind == PeriodKind.MONTH and start.day != 1:
        cells.problem(name, _("a month starts on its first day"))
    return start


def whole(text: str) -> bool:
    """Whether a text is a whole number written in ASCII digits (`int` reads other scripts')."""
    return text.isascii() and text.isdigit()


def shift(cells: Cells, name: str) -> int:
    """A shift's number, 1 to 9; 0 for a day or a month. After `period_kind`."""
    text = cells.get(name)
    if cells.parsed["period_kind"] == PeriodKind.SHIFT:
        if not whole(text) or not 1 <= int(text) <= 9:
            cells.problem(name, _("a shift is numbered 1 to 9"))
            return 0
        return int(text)
    if text:
        cells.problem(name, _("only a shift has a shift number"))
    return 0


def converted(amount_column: str) -> Parse:
    """Return the parser of a unit of measure: the amount in the product's unit, and the unit
    as entered (the product's when the cell is empty). After `product` and the amount."""

    def parse(cells: Cells, name: str) -> tuple[Decimal, str] | None:
        product, number = cells.parsed["product"], cells.parsed[amount_column]
        entered = cells.get(name) or (product.unit_of_measure if product else "")
        if product is None or number is None:
            return None
        try:
            return quantities.convert_for(number, entered, product), entered
        except quantities.UnknownUnit:
            cells.problem(
                name,
                _("%(u)r cannot be converted to %(p)s")
                % {"u": entered, "p": product.unit_of_measure},
            )
            return None

    return parse


def category(cells: Cells, name: str) -> str:
    """A staff category of the registry, or "all"."""
    text = required(cells, name)
    if text and text not in _CATEGORIES:
        cells.problem(name, _("must be one of %(v)s") % {"v": ", ".join(StaffCategory.values)})
    return text


def count(cells: Cells, name: str) -> int | None:
    """A whole number of 0 or more."""
    text = required(cells, name)
    if text and not whole(text):
        cells.problem(name, _("a count is a whole number of 0 or more"))
        return None
    return int(text) if text else None
