"""The dashboard's first request after an import reads what the import kept for it (the colony's
monthly series, the units' totals) instead of computing it; a later write that keeps nothing
makes the page compute again, never show older figures."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kuzbas.production import kept, selectors
from kuzbas.production.imports import importing

# Kept figures are used outside a transaction only (what one sees may yet be rolled back).
pytestmark = pytest.mark.django_db(transaction=True)

CSV = (
    "unit,product,period_kind,period_start,quantity\n"
    "north,coal,day,1923-01-02,10\n"
    "north,coal,day,1923-02-03,12.5\n"
    "south,coke,month,1923-02,300\n"
)


@pytest.fixture
def computed(monkeypatch):
    """Count the series and units' totals the pages compute."""
    calls: list[str] = []
    series, totals = selectors._monthly_series, selectors._unit_totals

    def counting_series(unit):
        calls.append("series")
        return series(unit)

    def counting_totals():
        calls.append("unit_totals")
        return totals()

    monkeypatch.setattr(selectors, "_monthly_series", counting_series)
    monkeypatch.setattr(selectors, "_unit_totals", counting_totals)
    return calls


def _a_fresh_process() -> None:
    kept._KEPT.clear()


def test_the_first_dashboard_after_an_import_computes_neither_series_nor_totals(
    colony, clerk, colonist, computed
):
    importing.import_file(actor=clerk.user, kind="output", data=CSV.encode())
    computed.clear()
    _a_fresh_process()

    response = colonist.client.get("/production/?product=coal")

    assert response.status_code == 200
    assert computed == []
    north = next(line for line, _cells in response.context["unit_rows"] if line.unit.key == "north")
    assert north.output == {"coal": Decimal("22.5")}


def test_what_the_import_kept_equals_what_the_page_would_compute(colony, clerk):
    importing.import_file(actor=clerk.user, kind="output", data=CSV.encode())
    _a_fresh_process()
    stored_series = selectors.monthly_series()
    stored_lines = selectors.unit_lines()

    computed_series, _keep = selectors._monthly_series(None)
    (totals, _illustrative, _latest), _keep = selectors._unit_totals()

    assert list(stored_series) == list(computed_series)
    assert {line.unit.pk: line.output for line in stored_lines if line.output} == totals


def test_after_a_write_that_keeps_nothing_the_page_computes_again(
    colony, clerk, colonist, operator, computed
):
    importing.import_file(actor=clerk.user, kind="output", data=CSV.encode())
    from kuzbas.production import aggregates

    aggregates.bump()  # a write elsewhere: the kept figures are for the number before
    computed.clear()
    _a_fresh_process()

    response = colonist.client.get("/production/?product=coal")

    assert response.status_code == 200
    assert sorted(computed) == ["series", "unit_totals"]
