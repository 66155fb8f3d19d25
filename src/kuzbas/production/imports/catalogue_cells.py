"""How the cells of the catalogue's files parse: units, products and transfer acts.

Like `cells`, each parser reads one column's text, sees the values parsed before it, and
names what is wrong with the row's line and the column.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from kuzbas.production import quantities
from kuzbas.production.catalogue import has_quantities
from kuzbas.production.imports.cells import Cells, Parse, date, required
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


def unit_of_measure(cells: Cells, name: str) -> str:
    """A unit of measure pint knows; a product with quantities on record keeps its own."""
    text = required(cells, name)
    if not text:
        return text
    if not quantities.is_known(text):
        cells.problem(
            name,
            _("%(u)r is not a unit of measure (try tonne, kilogram, pood, litre)") % {"u": text},
        )
        return text
    on_record = cells.catalogue.products.get(cells.parsed.get("key", ""))
    if on_record is not None and on_record.unit_of_measure != text and has_quantities(on_record):
        cells.problem(
            name,
            _("output or plans of %(p)s are kept in %(u)s; its unit of measure cannot change")
            % {"p": on_record.key, "u": on_record.unit_of_measure},
        )
    return text


def debt_share(cells: Cells, name: str) -> Decimal | None:
    """The share of debts assumed, 0 to 1 (one half is 0.5), at most four places."""
    text = required(cells, name)
    if not text:
        return None
    try:
        share = Decimal(text)
    except InvalidOperation:
        cells.problem(name, _("%(t)r is not a number") % {"t": text})
        return None
    if not share.is_finite() or not 0 <= share <= 1 or share.as_tuple().exponent < -4:
        cells.problem(name, _("a share is a number from 0 to 1 with at most four places"))
        return None
    return share


def optional_count(cells: Cells, name: str) -> int | None:
    text = cells.get(name)
    if text and not text.isdigit():
        cells.problem(name, _("a count is a whole number of 0 or more"))
        return None
    return int(text) if text else None
