"""How the cells of the catalogue's files parse: units, products and transfer acts.

Like `cells`, each parser reads one column's text, sees the values parsed before it, and
names what is wrong with the row's line and the column.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from kuzbas.production.catalogue import has_quantities, measure_problems
from kuzbas.production.imports.cells import (
    Cells,
    Parse,
    date,
    decimal_cell,
    number_text,
    required,
    whole,
)
from kuzbas.production.models.catalogue import UnitKind

_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_KINDS = frozenset(UnitKind.values)


def _too_long(cells: Cells, name: str, value: str, most: int) -> None:
    if len(value) > most:
        cells.problem(name, _("at most %(n)s characters") % {"n": most})


def key(most: int) -> Parse:
    """Return the parser of a key of at most `most` letters, digits, hyphens and underscores."""

    def parse(cells: Cells, name: str) -> str:
        value = required(cells, name)
        if value and not _SLUG.fullmatch(value):
            cells.problem(name, _("a key has only letters, digits, hyphens and underscores"))
        _too_long(cells, name, value, most)
        return value

    return parse


def text(most: int, *, optional: bool = False) -> Parse:
    """Return the parser of text of at most `most` characters (required unless `optional`)."""

    def parse(cells: Cells, name: str) -> str:
        value = cells.get(name) if optional else required(cells, name)
        _too_long(cells, name, value, most)
        return value

    return parse


def optional_date(cells: Cells, name: str) -> dt.date | None:
    return date(cells, name) if cells.get(name) else None


def closed(cells: Cells, name: str) -> dt.date | None:
    """The day a unit closed, not before it opened. After `opened`."""
    day = optional_date(cells, name)
    opened = cells.parsed.get("opened")
    if day and opened and day < opened:
        cells.problem(name, _("a unit cannot close before it opens (%(o)s)") % {"o": opened})
    return day


def unit_kind(cells: Cells, name: str) -> str:
    kind = required(cells, name)
    if kind and kind not in _KINDS:
        cells.problem(name, _("must be one of %(v)s") % {"v": ", ".join(UnitKind.values)})
    return kind


def site(cells: Cells, name: str) -> int | None:
    """The site on record with this key, or none when the cell is empty."""
    found_key = cells.get(name)
    if not found_key:
        return None
    found = cells.catalogue.sites.get(found_key)
    if found is None:
        cells.problem(name, _("no site with key %(k)r") % {"k": found_key})
    return found


def transfer_act(cells: Cells, name: str) -> int | None:
    """The transfer act on record with this key, or none when the cell is empty."""
    found_key = cells.get(name)
    if not found_key:
        return None
    found = cells.catalogue.transfer_acts.get(found_key)
    if found is None:
        cells.problem(name, _("no transfer act with key %(k)r") % {"k": found_key})
    return found


def optional_amount(cells: Cells, name: str) -> Decimal | None:
    """A number, or none when the cell is empty (whether it fits is the next check's)."""
    value = cells.get(name)
    if not value:
        return None
    value = number_text(cells, name, value)
    if not value:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        cells.problem(name, _("%(t)r is not a number") % {"t": value})
        return None
    if not number.is_finite() or number.as_tuple().exponent < -10 or abs(number) >= 10**17:
        cells.problem(name, _("too many digits"))
        return None
    return number


def factor(cells: Cells, name: str) -> Decimal | None:
    """A product's own unit's factor to its reference unit; checks the product's unit whole,
    and that a product with quantities on record keeps it. After the unit and the reference."""
    before = len(cells.problems)
    number = optional_amount(cells, name)
    wanted = (cells.parsed["unit_of_measure"], cells.parsed["reference_unit"], number)
    if len(cells.problems) > before or not wanted[0]:  # named already
        return number
    for problem in measure_problems(*wanted):
        cells.problem(problem.field or name, problem.message)
    on_record = cells.catalogue.products.get(cells.parsed.get("key", ""))
    if on_record is None or len(cells.problems) > before:
        return number
    stored = (on_record.unit_of_measure, on_record.reference_unit, on_record.factor)
    if stored != wanted and has_quantities(on_record):
        cells.problem(
            "unit_of_measure",
            _("output or plans of %(p)s are kept in %(u)s; its unit of measure cannot change")
            % {"p": on_record.key, "u": on_record.unit_of_measure},
        )
    return number


def debt_share(cells: Cells, name: str) -> Decimal | None:
    """The share of debts assumed, 0 to 1 (one half is 0.5), at most four places."""
    share = decimal_cell(cells, name)
    if share is None:
        return None
    if not share.is_finite() or not 0 <= share <= 1 or share.as_tuple().exponent < -4:
        cells.problem(name, _("a share is a number from 0 to 1 with at most four places"))
        return None
    return share


def optional_count(cells: Cells, name: str) -> int | None:
    text = cells.get(name)
    if text and not whole(text):
        cells.problem(name, _("a count is a whole number of 0 or more"))
        return None
    return int(text) if text else None
