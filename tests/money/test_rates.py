"""Dated exchange rates: recorded with their source by those who keep the money, used in either
direction at the latest date on or before the day, refused when there is none."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Conflict, Invalid, NotFound, NotPermitted
from kuzbas.money.amounts import money
from kuzbas.money.models import ExchangeRate
from kuzbas.money.rates import convert, rate_on, total_in
from kuzbas.money.services import record_rate
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_rate_is_taken_at_the_latest_day_on_or_before(clerk):
    record_rate(clerk.user, base="QCV", quote="USD", rate="5.14", on=D(1923, 1, 1))
    record_rate(clerk.user, base="QCV", quote="USD", rate="5.18", on=D(1924, 1, 1))
    assert rate_on("QCV", "USD", D(1923, 6, 1)).rate == Decimal("5.14")
    assert rate_on("QCV", "USD", D(1924, 1, 1)).rate == Decimal("5.18")
    assert convert(money("10", "QCV"), "USD", D(1923, 6, 1)) == money("51.40", "USD")
    # The other way round, at the inverse of the same rate.
    back = rate_on("USD", "QCV", D(1923, 6, 1))
    assert back.inverse and back.rate * Decimal("5.14") == pytest.approx(Decimal(1))
    assert convert(money("51.40", "USD"), "QCV", D(1923, 6, 1)) == money("10.00", "QCV")


def test_no_rate_before_the_day_is_refused_naming_both_currencies(clerk):
    record_rate(clerk.user, base="QCV", quote="USD", rate="5.14", on=D(1923, 1, 1))
    with pytest.raises(NotFound) as refused:
        convert(money("10", "QCV"), "USD", D(1922, 12, 31))
    assert "QCV" in refused.value.message and "USD" in refused.value.message
    with pytest.raises(NotFound):
        total_in([money("1", "USD"), money("1", "QRG")], "USD", D(1930, 1, 1))


def test_a_total_converts_each_amount_at_the_days_rate(clerk):
    record_rate(clerk.user, base="QCV", quote="QRG", rate="10", on=D(1922, 11, 1))
    total = total_in([money("3", "QCV"), money("4.50", "QRG")], "QRG", D(1923, 1, 1))
    assert total == money("34.50", "QRG")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("10000"), places=4),
    st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2),
)
def test_conversion_is_exact_decimal_arithmetic(clerk, rate, amount):
    ExchangeRate.objects.all().delete()
    record_rate(clerk.user, base="USD", quote="QRG", rate=rate, on=D(1922, 1, 1))
    converted = convert(money(amount, "USD"), "QRG", D(1922, 1, 1))
    assert isinstance(converted.amount, Decimal)
    assert abs(converted.amount - amount * rate) <= Decimal("0.005")


def test_recording_a_rate_is_audited_with_its_source(clerk):
    source = SourceFactory(key="bank-table")
    row = record_rate(
        clerk.user, base="qrg", quote="usd", rate="0.515", on=D(1922, 5, 1), source=source
    )
    assert (row.base, row.quote, row.source) == ("QRG", "USD", source)
    entry = AuditEntry.objects.get(action="money.rate.record")
    assert entry.changes["source"] == "bank-table" and entry.changes["rate"] == "0.515"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"base": "ZZZ"}, "base"),
        ({"quote": "QRG"}, "quote"),  # the same currency twice
        ({"rate": "0"}, "rate"),
        ({"rate": "-2"}, "rate"),
        ({"rate": 1.5}, "rate"),  # a float
        ({"rate": "abc"}, "rate"),
        ({"note": "bad\x00note"}, "note"),
    ],
)
def test_a_bad_rate_is_refused_naming_the_field_and_stores_nothing(clerk, fields, field):
    given = {"base": "QRG", "quote": "USD", "rate": "0.5", "on": D(1922, 1, 1)} | fields
    with pytest.raises(Invalid) as refused:
        record_rate(clerk.user, **given)
    assert field in {p.field for p in refused.value.problems}
    assert not ExchangeRate.objects.exists() and not AuditEntry.objects.exists()


def test_a_second_rate_for_the_same_pair_and_day_is_a_conflict(clerk):
    record_rate(clerk.user, base="QRG", quote="USD", rate="0.5", on=D(1922, 1, 1))
    with pytest.raises(Conflict):
        record_rate(clerk.user, base="USD", quote="QRG", rate="2", on=D(1922, 1, 1))


def test_only_those_who_keep_the_money_record_rates(colonist):
    with pytest.raises(NotPermitted):
        record_rate(colonist.user, base="QRG", quote="USD", rate="0.5", on=D(1922, 1, 1))


def test_the_rates_page_lists_and_records(clerk, colonist):
    page = clerk.client.post(
        "/money/rates/",
        {"base": "QCV", "quote": "USD", "rate": "5.14", "on": "1923-01-01", "source": ""},
    )
    assert page.status_code == 302
    listed = colonist.client.get("/money/rates/").content.decode()
    assert "1 QCV = 5.14 USD" in listed and "Record a rate" not in listed
    refused = clerk.client.post(
        "/money/rates/",
        {
            "base": "QCV",
            "quote": "USD",
            "rate": "5",
            "on": "1923-01-01",
            "source": "no-such-source",
        },
    )
    assert refused.status_code == 422 and ExchangeRate.objects.count() == 1
    assert "no-such-source" in refused.content.decode()


def test_the_api_reads_and_records_rates(clerk):
    made = clerk.client.post(
        "/api/money/rates",
        {"base": "QCV", "quote": "USD", "rate": "5.14", "on": "1923-01-01"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["rate"] == "5.14"
    assert [r["quote"] for r in clerk.client.get("/api/money/rates?base=qcv").json()] == ["USD"]
    bad = clerk.client.post(
        "/api/money/rates",
        {"base": "QCV", "quote": "USD", "rate": "1e400", "on": "1923-01-02"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and ExchangeRate.objects.count() == 1


def test_the_rates_form_names_currencies_in_the_readers_language(clerk):
    clerk.client.post("/i18n/setlang/", {"language": "ru", "next": "/"})
    page = clerk.client.get("/money/rates/").content.decode()
    assert "QCV — червонец" in page and "USD — доллар США" in page
    assert "Курсы валют" in page
