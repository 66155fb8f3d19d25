"""The bulk import path: the fast row check, rows written while the file is checked, and the
monthly totals recomputed set-based — each against the plain, field-by-field behaviour."""

from decimal import Decimal

import pytest
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from kuzbas.core.errors import Invalid
from kuzbas.production import aggregates, services
from kuzbas.production.imports import checking, fast_path, importing, matching, reading
from kuzbas.production.imports.rows import Kind
from kuzbas.production.models.statistics import OutputRecord
from kuzbas.production.models.totals import ColonyMonthlyOutput, MonthlyOutput, UnitOutputTotal
from kuzbas.production.selectors import monthly_series, unit_lines

# Rows in shapes the fast path takes and shapes it hands to the field-by-field checks.
VARIED = (
    "unit,product,period_kind,period_start,shift,quantity,unit_of_measure\n"
    "north,coal,shift,1923-03-01,1,10.5,tonne\n"
    "north,coal,shift,1923-03-01,02,7,\n"
    " north ,coal,day,1923-03-02,,12,tonne\n"
    'south,coal,day,1923-03-02,,"1,200",pood\n'
    "south,coke,month,1923-04,,30.25, tonne \n"
    "south,coke,day,1923-04-03,,0.0000000001,kilogram\n"
    "north,coal,shift,1923-03-01,3,00012.50,pood\n"
)


def _fast_and_plain(data: bytes):
    table = reading.read_table(data, "o.csv")
    fast = checking.check_table(Kind.OUTPUT, table)
    table = reading.read_table(data, "o.csv")
    plain = checking.Checked(kind=Kind.OUTPUT)
    checker = checking.Checker(Kind.OUTPUT, table.header, matching.Catalogue())
    for line, values in table.records:
        checker.slow(line, values, plain)
    return fast, plain


def test_the_fast_check_keeps_exactly_what_the_field_checks_keep(colony):
    fast, plain = _fast_and_plain(VARIED.encode())
    assert fast.problems == plain.problems == []
    # The same values (10.5 and 10.5000000000 are one number; each row's COPY line is its own).
    assert [r[:-1] for r in fast.rows] == [r[:-1] for r in plain.rows]
    assert len(fast.rows) == 7


def test_the_fast_check_names_the_same_problems_as_the_field_checks(colony):
    bad = VARIED + "north,coal,shift,1923-03-01,1,11,tonne\nnorth,coal,shift,1923-13-01,1,-1,x\n"
    fast, plain = _fast_and_plain(bad.encode())
    assert fast.problems == plain.problems
    assert {p.line for p in fast.problems} == {9, 10}


def test_a_bad_row_after_rows_already_written_leaves_nothing_behind(colony, clerk, monkeypatch):
    monkeypatch.setattr(fast_path, "STREAM_EVERY", 2)
    rows = "".join(f"north,coal,day,1923-05-{d:02d},{d},tonne\n" for d in range(1, 21))
    data = "unit,product,period_kind,period_start,quantity,unit_of_measure\n" + rows
    with pytest.raises(Invalid) as caught:
        importing.import_file(
            actor=clerk.user, kind="output", data=(data + "north,coal,day,x,1,x\n").encode()
        )
    assert [p.line for p in caught.value.problems] == [22, 22]
    assert not OutputRecord.objects.exists()
    assert not MonthlyOutput.objects.exists()


def test_a_file_over_months_on_record_and_new_months_is_sorted_row_by_row(colony, clerk):
    header = "unit,product,period_kind,period_start,quantity\n"
    march = "".join(f"north,coal,day,1923-03-{d:02d},{d}\n" for d in range(1, 11))
    importing.import_file(actor=clerk.user, kind="output", data=(header + march).encode())
    april = "".join(f"north,coal,day,1923-04-{d:02d},{d}\n" for d in range(1, 6))
    again = march.replace("1923-03-10,10", "1923-03-10,99") + "north,coal,day,1923-03-11,1\n"
    result = importing.import_file(
        actor=clerk.user, kind="output", data=(header + again + april).encode()
    )
    assert (result.created, result.changed, result.unchanged) == (6, 1, 9)
    raw = {
        (r["unit_id"], r["product_id"], r["month"]): (r["total"], r["n"])
        for r in OutputRecord.objects.annotate(month=TruncMonth("period_start"))
        .values("unit_id", "product_id", "month")
        .annotate(total=Sum("quantity"), n=Count("id"))
    }
    kept = {
        (m.unit_id, m.product_id, m.month): (m.output, m.records)
        for m in MonthlyOutput.objects.all()
    }
    assert kept == raw
    assert kept[(colony["north"].pk, colony["coal"].pk, raw_month(3))] == (
        Decimal(55 - 10 + 99 + 1),
        11,
    )


def raw_month(month: int):
    import datetime as dt

    return dt.date(1923, month, 1)


def test_every_write_raises_the_statistics_version(colony, clerk):
    before = aggregates.version()
    importing.import_file(
        actor=clerk.user,
        kind="output",
        data=b"unit,product,period_kind,period_start,quantity\nnorth,coal,month,1923-03,5\n",
    )
    assert aggregates.version() not in (None, before)


def test_re_importing_the_same_file_leaves_the_version_alone(colony, clerk):
    data = b"unit,product,period_kind,period_start,quantity\nnorth,coal,month,1923-03,5\n"
    importing.import_file(actor=clerk.user, kind="output", data=data)
    before = aggregates.version()
    importing.import_file(actor=clerk.user, kind="output", data=data)
    assert aggregates.version() == before


@pytest.mark.django_db(transaction=True)
def test_kept_figures_are_never_older_than_the_last_write(colony, clerk):
    header = "unit,product,period_kind,period_start,quantity\n"
    importing.import_file(
        actor=clerk.user, kind="output", data=(header + "north,coal,month,1923-03,5\n").encode()
    )
    first = monthly_series()
    assert monthly_series() is first  # kept: the version has not moved
    importing.import_file(
        actor=clerk.user, kind="output", data=(header + "south,coal,month,1923-03,7\n").encode()
    )
    [march] = monthly_series()
    assert march.output["coal"] == 12


# VARIED without its April day of coke: a month's total and its days may not both be on record.
NO_DOUBLE_COUNT = VARIED.replace("south,coke,day,1923-04-03,,0.0000000001,kilogram\n", "")


def _colony_and_units_from_the_monthly_totals():
    """What the colony's months and the units' totals must be: sums of the monthly totals."""
    colony_months = {
        (r["product_id"], r["month"]): (r["total"], r["planned"])
        for r in MonthlyOutput.objects.values("product_id", "month").annotate(
            total=Sum("output"), planned=Sum("plan")
        )
    }
    unit_totals = {
        (r["unit_id"], r["product_id"]): r["total"]
        for r in MonthlyOutput.objects.values("unit_id", "product_id").annotate(total=Sum("output"))
    }
    return colony_months, unit_totals


def _kept_colony_and_units():
    colony_months = {
        (c.product_id, c.month): (c.output, c.plan) for c in ColonyMonthlyOutput.objects.all()
    }
    unit_totals = {(t.unit_id, t.product_id): t.output for t in UnitOutputTotal.objects.all()}
    return colony_months, unit_totals


def test_the_colony_months_and_unit_totals_follow_imports_plans_and_single_records(
    colony, clerk, operator
):
    importing.import_file(actor=clerk.user, kind="output", data=NO_DOUBLE_COUNT.encode())
    again = NO_DOUBLE_COUNT.replace("10.5", "11.5") + "south,coal,day,1923-05-09,,4,tonne\n"
    importing.import_file(actor=clerk.user, kind="output", data=again.encode())
    services.set_plan(
        actor=operator,
        unit=colony["north"],
        product=colony["coal"],
        period_start=raw_month(3),
        target=Decimal(40),
    )
    services.record_output(
        actor=operator,
        unit=colony["south"],
        product=colony["coke"],
        period_kind="day",
        period_start=raw_month(6),
        quantity=Decimal(3),
    )

    kept = _kept_colony_and_units()

    assert kept == _colony_and_units_from_the_monthly_totals()
    coal_march = kept[0][(colony["coal"].pk, raw_month(3))]
    assert coal_march[1] == Decimal(40)
    assert kept[1][(colony["south"].pk, colony["coke"].pk)] == Decimal(
        "33.25"
    )  # 30.25 imported, 3 recorded


def test_the_dashboard_reads_the_colony_months_and_unit_totals_as_kept(colony, clerk):
    importing.import_file(actor=clerk.user, kind="output", data=NO_DOUBLE_COUNT.encode())
    ColonyMonthlyOutput.objects.filter(product=colony["coke"]).update(output=Decimal(1))
    UnitOutputTotal.objects.filter(product=colony["coke"]).update(output=Decimal(2))
    aggregates.bump()  # what a write does: figures kept under the old version are not used

    series = monthly_series()
    lines = {line.unit.key: line.output for line in unit_lines()}

    assert series[-1].output["coke"] == Decimal(1)
    assert lines["south"]["coke"] == Decimal(2)
