"""Exact conversion between poods, tonnes and the other units of mass."""

from decimal import Decimal
from fractions import Fraction

import pytest

from kuzbas.production import quantities


def test_a_pood_is_exactly_forty_funt_of_409_51241_grams():
    assert quantities.convert_exact(1, "pood", "kilogram") == Fraction("16.3804964")


def test_it_converts_poods_to_tonnes_without_rounding():
    assert quantities.convert(Decimal(61), "pood", "tonne") == Decimal("0.9992102804")


def test_a_tonne_in_poods_and_back_is_exactly_a_tonne():
    in_poods = quantities.convert_exact(1, "tonne", "pood")
    assert in_poods == Fraction(2_500_000_000, 40_951_241)
    assert quantities.convert_exact(in_poods, "pood", "tonne") == 1


def test_a_stored_tonne_in_poods_is_rounded_half_even_at_ten_places():
    assert quantities.convert(Decimal(1), "tonne", "pood") == Decimal("61.0482109687")


def test_it_knows_pint_s_own_units_of_mass():
    assert quantities.convert(Decimal(2000), "kilogram", "tonne") == Decimal(2)
    assert quantities.convert(Decimal(1), "short_ton", "tonne") == Decimal("0.90718474")


def test_it_refuses_to_convert_mass_into_length():
    with pytest.raises(quantities.UnknownUnit):
        quantities.convert(Decimal(1), "tonne", "metre")


def test_it_refuses_a_unit_it_does_not_know():
    assert not quantities.is_known("bushel of coal")
