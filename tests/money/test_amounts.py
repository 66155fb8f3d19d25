"""Money arithmetic: Decimal amounts with their currency; no float gets in, no two currencies
are added without a dated rate."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kuzbas.core.errors import Invalid
from kuzbas.money.amounts import Money, add, by_currency, money
from kuzbas.money.currencies import CODES, HISTORICAL

amounts = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False
)
currencies = st.sampled_from(["USD", "RUB", "EUR", *HISTORICAL])


@given(st.floats(allow_nan=True, allow_infinity=True), currencies)
def test_a_float_is_never_taken_as_an_amount(value, currency):
    with pytest.raises(Invalid) as refused:
        money(value, currency)
    assert refused.value.problems[0].field == "amount"


@given(amounts, currencies)
def test_an_amount_keeps_its_decimal_exactly(value, currency):
    built = money(str(value), currency)
    assert built.amount == value
    assert isinstance(built.amount, Decimal)
    assert built.currency.code == currency


@given(amounts, amounts, currencies, currencies)
def test_two_currencies_are_never_added(a, b, one, other):
    first, second = money(a, one), money(b, other)
    if one == other:
        assert add(first, second).amount == a + b
    else:
        with pytest.raises(Invalid, match="without a dated rate"):
            add(first, second)


@given(st.lists(st.tuples(amounts, currencies), max_size=30))
def test_totals_are_kept_per_currency(pairs):
    totals = by_currency(money(a, c) for a, c in pairs)
    for code in {c for _, c in pairs}:
        assert totals[code] == Money(sum(a for a, c in pairs if c == code), code)
    assert set(totals) == {c for _, c in pairs}


@pytest.mark.parametrize(
    ("amount", "currency", "field"),
    [
        ("12,5", "USD", "amount"),
        ("1e999999", "USD", "amount"),
        ("NaN", "USD", "amount"),
        ("10", "XXX1", "currency"),
        ("10", "", "currency"),
        (True, "USD", "amount"),
    ],
)
def test_bad_amounts_are_refused_naming_the_field(amount, currency, field):
    with pytest.raises(Invalid) as refused:
        money(amount, currency)
    assert field in {p.field for p in refused.value.problems}


def test_the_colonys_currencies_are_known_beside_isos():
    assert {"QRG", "QCV", "QSZ", "USD", "RUB"} <= set(CODES)
    assert money("10", "qcv").currency.name == "chervonets"
