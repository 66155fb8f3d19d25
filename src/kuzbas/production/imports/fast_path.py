"""The fast check of output rows in the usual shape: only lookups in small caches.

A colony's shifts over years run to millions of rows, so a row whose cells are in the usual
shape (units and products by their exact key, a plain number, a known period and unit of
measure) is checked by lookups in the catalogue and in the checker's caches of periods and
factors, and made into its `OutputRow` with its line of COPY's text format while its parts are
still text. Any row it does not fully accept, and any row with something in a column it does
not read (evidence, or a column added to the specification since), goes to `Checker.slow`,
which names every problem; so both paths accept the same rows.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from kuzbas.production import quantities
from kuzbas.production.imports.rows import OutputRow

if TYPE_CHECKING:
    from kuzbas.production.imports.checking import Checked, Checker

STREAM_EVERY = 2_000  # checked output rows handed to the writer at a time
# The columns this path reads; a row with anything in another column is checked field by field.
READ = ("unit", "product", "period_kind", "period_start", "shift", "quantity", "unit_of_measure")
_PLAIN_NUMBER = re.compile(r"\d{1,17}(?:\.\d{1,10})?")
_SHIFTS = {str(n): n for n in range(1, 10)}
_new = tuple.__new__  # a NamedTuple made from a tuple without its __new__'s keyword handling


def output_rows(checker: Checker, records, checked: Checked, stream=None) -> None:
    """Check output rows: the fast path for rows in the usual shape, else `checker.slow`."""
    handed = 0
    prefixes: dict[tuple[int, int], str] = {}
    index = {h: i for i, h in enumerate(checker.header)}
    width = len(checker.header)
    at_unit, at_product = index["unit"], index["product"]
    at_kind, at_start, at_quantity = (
        index["period_kind"],
        index["period_start"],
        index["quantity"],
    )
    at_shift, at_uom = index.get("shift", -1), index.get("unit_of_measure", -1)
    at_others = [i for h, i in index.items() if h not in READ]
    units, products = checker.catalogue.unit_ids, checker.catalogue.products
    identity = checker.IDENTITY
    seen, rows = checker.seen, checked.rows
    plain, periods = _PLAIN_NUMBER.fullmatch, checker.periods
    for line, values in records:
        if stream is not None and len(rows) - handed >= STREAM_EVERY:
            stream(rows[handed:], checked)
            handed = len(rows)
        if len(values) != width or (at_others and any(values[i] for i in at_others)):
            checker.slow(line, values, checked)
            continue
        unit_id = units.get(values[at_unit])
        product = products.get(values[at_product])
        kind = values[at_kind]
        span = periods.get((kind, values[at_start]))
        if span is None:
            span = checker.period(kind, values[at_start])
        if kind == "shift":
            shift = _SHIFTS.get(values[at_shift]) if at_shift >= 0 else None
        else:
            shift = None if at_shift >= 0 and values[at_shift] else 0
        text = values[at_quantity]
        if unit_id is None or product is None or span is None or shift is None or not plain(text):
            checker.slow(line, values, checked)
            continue
        conversion = checker.factor(values[at_uom] if at_uom >= 0 else "", product)
        key = (unit_id, product.pk, span[0], kind, shift)
        if conversion is None or key in seen:
            checker.slow(line, values, checked)
            continue
        seen[key] = line
        amount = Decimal(text)
        factor, entered, escaped = conversion
        # The column keeps ten places and the text has at most ten: the value is stored as is.
        if factor is identity:
            quantity, quantity_text = amount, text
        else:
            quantity = quantities.to_stored(Fraction(amount) * factor)
            quantity_text = str(quantity)
        prefix = prefixes.get(key[:2])
        if prefix is None:
            prefix = prefixes[key[:2]] = f"{unit_id}\t{product.pk}\t"
        rows.append(
            _new(
                OutputRow,
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
                ),
            )
        )
    if stream is not None and len(rows) > handed:
        stream(rows[handed:], checked)
