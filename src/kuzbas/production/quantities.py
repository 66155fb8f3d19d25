"""Exact conversion between units of measure, through pint with fractions (never floats).

The Russian pood (40 funt, 1 funt = 409.51241 g by the 1899 law on weights and measures) is
not in pint's default registry, so it is defined here once; every other unit is pint's own.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from functools import cache
from typing import Protocol

import pint

# Stored quantities keep ten decimals: enough for any whole number of poods in tonnes.
PLACES = Decimal("1e-10")


class UnknownUnit(ValueError):
    """The unit is not one pint knows, or not one of mass, volume or count as the product's."""


@cache
def registry() -> pint.UnitRegistry:
    ureg = pint.UnitRegistry(non_int_type=Fraction)
    ureg.define("funt = 40951241/100000000 * kilogram")
    ureg.define("pood = 40 * funt = pud")
    return ureg


def _parse(unit: str):
    try:
        return registry().Unit(unit.strip())
    except (pint.UndefinedUnitError, AttributeError, ValueError, TypeError, AssertionError):
        raise UnknownUnit(unit) from None


def is_known(unit: str) -> bool:
    try:
        _parse(unit)
    except UnknownUnit:
        return False
    return True


def convert_exact(amount: Decimal | Fraction | int, from_unit: str, to_unit: str) -> Fraction:
    """Return `amount` in `from_unit` expressed in `to_unit`, exactly."""
    source, target = _parse(from_unit), _parse(to_unit)
    quantity = registry().Quantity(Fraction(amount), source)
    try:
        converted = quantity.to(target)
    except pint.DimensionalityError:
        raise UnknownUnit(f"{from_unit} → {to_unit}") from None
    return Fraction(converted.magnitude)


def to_stored(value: Fraction) -> Decimal:
    """Return a converted quantity as the decimal stored, rounded half-even at ten places."""
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    return decimal.quantize(PLACES, rounding=ROUND_HALF_EVEN)


def convert(amount: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Return `amount` in `to_unit` as the stored decimal."""
    if from_unit.strip() == to_unit.strip():
        return Decimal(amount).quantize(PLACES)
    return to_stored(convert_exact(amount, from_unit, to_unit))


class Measured(Protocol):
    """What a product says about its unit: the unit, and its own unit's factor if it has one."""

    unit_of_measure: str
    reference_unit: str
    factor: Decimal | None


def product_factor(entered: str, product: Measured) -> Fraction:
    """Return the exact factor from `entered` to the product's unit of measure.

    A product with its own unit (a wagon, a bag) says how much of a reference unit one holds
    (`factor`); a quantity entered in any unit of the reference's kind goes through it.
    """
    own = product.unit_of_measure.strip()
    name = entered.strip() or own
    if name == own:
        return Fraction(1)
    if product.factor is not None:
        return convert_exact(1, name, product.reference_unit) / Fraction(product.factor)
    return convert_exact(1, name, own)


def convert_for(amount: Decimal, entered: str, product: Measured) -> Decimal:
    """Return `amount` in `entered` as the decimal stored in the product's unit."""
    factor = product_factor(entered, product)
    if factor == 1:
        return Decimal(amount).quantize(PLACES)
    return to_stored(Fraction(amount) * factor)
