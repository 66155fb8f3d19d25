"""What a file of each kind holds: its columns, how each parses, and the row it makes.

A specification per kind names the file's columns in order (which a file must have, and how
each cell parses, see `cells`), the typed row a checked line becomes (the table's columns, its
natural key first), and which of the row's values are compared with what is on record. Adding
a column is an edit here: its `Column`, its field in the row, and its place in `build`. The
fast check of output rows (`fast_path`) sends a row whose other columns hold anything to
these checks, so a new output column is checked here before the fast path learns it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, NamedTuple

from django.db import models

from kuzbas.production.imports import catalogue_cells, cells
from kuzbas.production.models.catalogue import Product, TransferAct, Unit
from kuzbas.production.models.statistics import HeadcountSnapshot, OutputRecord, Plan
from kuzbas.production.periods import period_end
from kuzbas.production.plan_clashes import file_clashes


class Kind(StrEnum):
    UNITS = "units"
    PRODUCTS = "products"
    TRANSFER_ACTS = "transfer_acts"
    OUTPUT = "output"
    PLANS = "plans"
    HEADCOUNT = "headcount"


@dataclass(frozen=True)
class Column:
    """A column of an import file: its name in the header, whether a file must have it, and
    how its cell parses (None: read by the evidence check, `checking.citation_of`)."""

    name: str
    parse: cells.Parse | None
    required: bool = False


# Any row may cite its evidence: a source's key, where in it, documented or illustrative, a note.
CITATION_COLUMNS = ("source", "locator", "evidence", "note")
_CITATION = tuple(Column(name, None) for name in CITATION_COLUMNS)


@dataclass(frozen=True)
class CitationSpec:
    """A row's evidence, as its `record.Citation` will hold it."""

    source_id: int | None
    locator: str
    status: str
    note: str


class OutputRow(NamedTuple):
    unit_id: int
    product_id: int
    period_start: dt.date
    period_kind: str
    shift: int
    period_end: dt.date
    quantity: Decimal
    quantity_entered: Decimal
    unit_entered: str
    # Not a column: the row as a line of COPY's text format, when the fast check made it
    # while the parts were text ("" otherwise, and `writing` makes it).
    copy_line: str = ""


class PlanRow(NamedTuple):
    unit_id: int
    product_id: int
    period_start: dt.date
    period_kind: str
    period_end: dt.date
    target: Decimal
    target_entered: Decimal
    unit_entered: str


class UnitRow(NamedTuple):
    key: str
    name: str
    kind: str
    site_id: int | None
    opened: dt.date | None
    taken_over: dt.date | None
    closed: dt.date | None
    transfer_act_id: int | None
    description: str


class ProductRow(NamedTuple):
    key: str
    name: str
    unit_of_measure: str
    reference_unit: str
    factor: Decimal | None


class TransferActRow(NamedTuple):
    key: str
    title: str
    from_enterprise: str
    date: dt.date
    debt_share: Decimal
    staff: int | None
    output_baseline: str
    note: str


class HeadcountRow(NamedTuple):
    unit_id: int | None
    on: dt.date
    category: str
    count: int


@dataclass(frozen=True)
class RowSpec:
    """One kind of file: its columns, its typed row, and the row's place on record."""

    kind: Kind
    model: type[models.Model]
    columns: tuple[Column, ...]
    row: type[tuple]
    # From the parsed cells (by column name) to the row.
    build: Callable[[dict[str, Any]], tuple]
    # The natural key: the row's first fields. Rows are fetched for comparison by the key's
    # fields before `ranged` and a range of `ranged` (a date); by the key's one field when
    # there is no `ranged` (the catalogue's rows, keyed by their `key`).
    key: tuple[str, ...]
    ranged: str | None
    # The values compared with a row on record (the row's last fields; what follows from the
    # key, such as a period's end, is not compared).
    compared: tuple[str, ...]
    # Problems among the checked rows (a row's line by its key) and with what is on record
    # that no single row shows: plans that meet each other.
    check_rows: Callable[[list[tuple], dict[tuple, int]], list] | None = None
    # Whether the monthly totals follow these rows (else a write only raises the version).
    monthly: bool = False

    def __post_init__(self) -> None:
        names = self.row._fields
        assert names[: len(self.key)] == self.key, "the key comes first in the row"
        assert names[self.compared_from : len(self.fields)] == self.compared

    @property
    def names(self) -> tuple[str, ...]:
        """The columns a file may have, in order."""
        return tuple(c.name for c in self.columns)

    @property
    def required(self) -> tuple[str, ...]:
        """The columns a file must have."""
        return tuple(c.name for c in self.columns if c.required)

    @property
    def fields(self) -> tuple[str, ...]:
        """The table's columns a row writes, in the row's order."""
        return tuple(f for f in self.row._fields if f != "copy_line")

    @property
    def key_length(self) -> int:
        return len(self.key)

    @property
    def ranged_at(self) -> int | None:
        return self.row._fields.index(self.ranged) if self.ranged else None

    @property
    def compared_from(self) -> int:
        return len(self.fields) - len(self.compared)


def _output(p: dict[str, Any]) -> OutputRow:
    quantity, entered = p["unit_of_measure"]
    return OutputRow(
        unit_id=p["unit"].pk,
        product_id=p["product"].pk,
        period_start=p["period_start"],
        period_kind=p["period_kind"],
        shift=p["shift"],
        period_end=period_end(p["period_kind"], p["period_start"]),
        quantity=quantity,
        quantity_entered=p["quantity"],
        unit_entered=entered,
    )


def _plan(p: dict[str, Any]) -> PlanRow:
    target, entered = p["unit_of_measure"]
    return PlanRow(
        unit_id=p["unit"].pk,
        product_id=p["product"].pk,
        period_start=p["period_start"],
        period_kind=p["period_kind"],
        period_end=period_end(p["period_kind"], p["period_start"]),
        target=target,
        target_entered=p["target"],
        unit_entered=entered,
    )


def _headcount(p: dict[str, Any]) -> HeadcountRow:
    unit = p["unit"]
    return HeadcountRow(
        unit_id=unit.pk if unit else None, on=p["on"], category=p["category"], count=p["count"]
    )


def _unit(p: dict[str, Any]) -> UnitRow:
    return UnitRow(**{name: p[column] for name, column in _UNIT_COLUMNS.items()})


_UNIT_COLUMNS = {f: f.removesuffix("_id") for f in UnitRow._fields}


def _product(p: dict[str, Any]) -> ProductRow:
    return ProductRow(**{f: p[f] for f in ProductRow._fields})


def _transfer_act(p: dict[str, Any]) -> TransferActRow:
    return TransferActRow(
        **{f: p[f] for f in TransferActRow._fields if f != "note"}, note=p["act_note"]
    )


SPECS: dict[Kind, RowSpec] = {
    Kind.UNITS: RowSpec(
        kind=Kind.UNITS,
        model=Unit,
        columns=(
            Column("key", catalogue_cells.key(80), required=True),
            Column("name", catalogue_cells.text(200), required=True),
            Column("kind", catalogue_cells.unit_kind, required=True),
            Column("site", catalogue_cells.site),
            Column("opened", catalogue_cells.optional_date),
            Column("taken_over", catalogue_cells.optional_date),
            Column("closed", catalogue_cells.closed),
            Column("transfer_act", catalogue_cells.transfer_act),
            Column("description", catalogue_cells.text(5000, optional=True)),
            *_CITATION,
        ),
        row=UnitRow,
        build=_unit,
        key=("key",),
        ranged=None,
        compared=UnitRow._fields[1:],
    ),
    Kind.PRODUCTS: RowSpec(
        kind=Kind.PRODUCTS,
        model=Product,
        columns=(
            Column("key", catalogue_cells.key(40), required=True),
            Column("name", catalogue_cells.text(120), required=True),
            Column("unit_of_measure", catalogue_cells.text(30), required=True),
            Column("reference_unit", catalogue_cells.text(30, optional=True)),
            Column("factor", catalogue_cells.factor),
        ),
        row=ProductRow,
        build=_product,
        key=("key",),
        ranged=None,
        compared=ProductRow._fields[1:],
    ),
    Kind.TRANSFER_ACTS: RowSpec(
        kind=Kind.TRANSFER_ACTS,
        model=TransferAct,
        columns=(
            Column("key", catalogue_cells.key(80), required=True),
            Column("title", catalogue_cells.text(200), required=True),
            Column("from_enterprise", catalogue_cells.text(200), required=True),
            Column("date", cells.date, required=True),
            Column("debt_share", catalogue_cells.debt_share, required=True),
            Column("staff", catalogue_cells.optional_count),
            Column("output_baseline", catalogue_cells.text(200, optional=True)),
            # The act's own note; `note` is the evidence's.
            Column("act_note", catalogue_cells.text(5000, optional=True)),
            *_CITATION,
        ),
        row=TransferActRow,
        build=_transfer_act,
        key=("key",),
        ranged=None,
        compared=TransferActRow._fields[1:],
    ),
    Kind.OUTPUT: RowSpec(
        kind=Kind.OUTPUT,
        model=OutputRecord,
        columns=(
            Column("unit", cells.unit, required=True),
            Column("product", cells.product, required=True),
            Column("period_kind", cells.period_kind, required=True),
            Column("period_start", cells.period_start, required=True),
            Column("shift", cells.shift),
            Column("quantity", cells.amount, required=True),
            Column("unit_of_measure", cells.converted("quantity")),
            *_CITATION,
        ),
        row=OutputRow,
        build=_output,
        key=("unit_id", "product_id", "period_start", "period_kind", "shift"),
        ranged="period_start",
        compared=("quantity", "quantity_entered", "unit_entered"),
        monthly=True,
    ),
    Kind.PLANS: RowSpec(
        kind=Kind.PLANS,
        model=Plan,
        columns=(
            Column("unit", cells.unit, required=True),
            Column("product", cells.product, required=True),
            Column("period_kind", cells.period_kind_or_month),
            Column("period_start", cells.period_start, required=True),
            Column("target", cells.amount, required=True),
            Column("unit_of_measure", cells.converted("target")),
            *_CITATION,
        ),
        row=PlanRow,
        build=_plan,
        key=("unit_id", "product_id", "period_start", "period_kind"),
        ranged="period_start",
        compared=("target", "target_entered", "unit_entered"),
        check_rows=file_clashes,
        monthly=True,
    ),
    Kind.HEADCOUNT: RowSpec(
        kind=Kind.HEADCOUNT,
        model=HeadcountSnapshot,
        columns=(
            Column("unit", cells.unit_or_colony),
            Column("on", cells.date, required=True),
            Column("category", cells.category, required=True),
            Column("count", cells.count, required=True),
            *_CITATION,
        ),
        row=HeadcountRow,
        build=_headcount,
        key=("unit_id", "on", "category"),
        ranged="on",
        compared=("count",),
    ),
}

# The columns of each kind of file, for the import page, the exports and the demo loader.
COLUMNS: dict[Kind, tuple[str, ...]] = {kind: spec.names for kind, spec in SPECS.items()}
