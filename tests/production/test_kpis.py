"""The KPIs' arithmetic: exact values from explicit numerators and denominators."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from kuzbas.production import kpis


def figure(value, *, illustrative=False, label="x"):
    return kpis.Figure(
        label, Fraction(value) if value is not None else None, "t", "p", illustrative
    )


def test_output_per_worker_is_output_over_worker_months():
    kpi = kpis.output_per_worker(figure(415_260), figure(2307), "1922-10")
    assert kpi.value == 180
    assert kpi.inputs == (figure(415_260), figure(2307))


def test_output_per_production_worker_divides_by_production_staff_only():
    kpi = kpis.output_per_production_worker(figure(1000), figure(800), "p")
    assert kpi.value == Fraction(5, 4)
    assert kpi.rounded(2) == Decimal("1.25")


def test_the_share_of_office_and_guard_staff_is_a_fraction_of_all_staff():
    kpi = kpis.office_and_guard_share(figure(400), figure(2307), "1922-10")
    assert kpi.value == Fraction(400, 2307)
    assert kpi.percent(1) == Decimal("17.3")


def test_plan_fulfilment_is_output_over_target():
    kpi = kpis.plan_fulfilment(figure(105), figure(100), "1924-01")
    assert kpi.percent(0) == Decimal(105)


def test_a_kpi_without_a_denominator_has_no_value_rather_than_a_wrong_one():
    assert kpis.output_per_worker(figure(10), figure(0), "p").value is None
    assert kpis.output_per_worker(figure(10), figure(None), "p").value is None


def test_a_kpi_with_an_illustrative_input_is_illustrative():
    kpi = kpis.output_per_worker(figure(10, illustrative=True), figure(2), "p")
    assert kpi.illustrative


def test_a_change_is_the_later_value_over_the_earlier_as_ratio_and_percent():
    before = kpis.output_per_worker(figure(180), figure(1), "1922-10")
    after = kpis.output_per_worker(figure(1080), figure(2), "1923-03 – 1923-04")
    change = kpis.change(before, after)
    assert change.ratio == 3
    assert change.percent == 200


def test_the_workforce_cut_of_1923_is_88_5_percent():
    before = kpis.output_per_worker(figure(2307), figure(1), "1922-10")
    after = kpis.output_per_worker(figure(2041), figure(1), "1923-04")
    change = kpis.change(before, after)
    assert change.ratio == Fraction(2041, 2307)
    assert kpis.shown(change.ratio * 100, 1) == Decimal("88.5")


def test_month_on_month_and_year_on_year_compare_with_the_right_months():
    def kpi(value):
        return kpis.output_per_worker(figure(value), figure(1), "m")

    series = {
        dt.date(1924, 1, 1): kpi(100),
        dt.date(1925, 1, 1): kpi(150),
        dt.date(1925, 2, 1): kpi(120),
    }
    assert kpis.month_on_month(series, dt.date(1925, 2, 1)).ratio == Fraction(4, 5)
    assert kpis.year_on_year(series, dt.date(1925, 1, 1)).percent == 50
    assert kpis.month_on_month(series, dt.date(1924, 1, 1)) is None
