"""Import of output, plans and headcount: every bad row named, all or nothing, idempotent."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from openpyxl import Workbook

from kuzbas.core.errors import Invalid, NotPermitted
from kuzbas.production.imports.importing import import_file, preview_file
from kuzbas.production.models.statistics import HeadcountSnapshot, OutputRecord, Plan
from kuzbas.production.models.totals import MonthlyOutput
from kuzbas.record.models import Citation
from tests.factories import SourceFactory

BAD_OUTPUT = (
    "unit,product,period_kind,period_start,shift,quantity,unit_of_measure,source,locator\n"
    "north,coal,month,1923-03-01,,1200,tonne,,\n"
    "nowhere,coal,month,1923-03-01,,5,tonne,,\n"
    "north,coal,day,1923-03-02,,-4,tonne,,\n"
    "south,coal,shift,1923-03-02,7x,10,pood,,\n"
    "south,coal,month,1923-03-15,,10,bushel,,\n"
    "north,coal,month,1923-03-01,,1300,tonne,,\n"
    "south,coal,day,1923-03-02,,10,pood,no-such-source,p. 4\n"
)
GOOD_OUTPUT = (
    "unit,product,period_kind,period_start,shift,quantity,unit_of_measure,source,locator\n"
    "north,coal,month,1923-03-01,,1200,tonne,report,p. 1\n"
    "north,coal,day,1923-04-02,,4,tonne,,\n"
    "south,coal,shift,1923-03-02,1,610,pood,,\n"
    "south,coal,shift,1923-03-02,2,61,pood,,\n"
    "south,coke,month,1923-04,,30.5,tonne,,\n"
)


def test_it_names_every_bad_row_with_its_line_and_imports_nothing(colony, clerk):
    with pytest.raises(Invalid) as caught:
        import_file(actor=clerk.user, kind="output", data=BAD_OUTPUT.encode(), filename="o.csv")
    where = {(p.line, p.field) for p in caught.value.problems}
    assert where == {
        (3, "unit"),
        (4, "quantity"),
        (5, "shift"),
        (6, "period_start"),
        (6, "unit_of_measure"),
        (7, None),
        (8, "source"),
    }
    assert OutputRecord.objects.count() == 0
    assert MonthlyOutput.objects.count() == 0


def test_the_fixed_file_imports_once_and_a_second_time_changes_nothing(colony, clerk):
    SourceFactory(key="report")
    data = GOOD_OUTPUT.encode()
    first = import_file(actor=clerk.user, kind="output", data=data, filename="o.csv")
    rows, monthly, citations = (
        list(OutputRecord.objects.values_list("pk", "quantity").order_by("pk")),
        list(MonthlyOutput.objects.values_list("pk", "output").order_by("pk")),
        Citation.objects.count(),
    )
    second = import_file(actor=clerk.user, kind="output", data=data, filename="o.csv")
    assert (first.created, first.changed, first.unchanged) == (5, 0, 0)
    assert (second.created, second.changed, second.unchanged) == (0, 0, 5)
    assert list(OutputRecord.objects.values_list("pk", "quantity").order_by("pk")) == rows
    assert list(MonthlyOutput.objects.values_list("pk", "output").order_by("pk")) == monthly
    assert Citation.objects.count() == citations == 1


def test_a_preview_says_what_an_import_would_do_and_writes_nothing(colony, clerk):
    import_file(
        actor=clerk.user,
        kind="output",
        data=GOOD_OUTPUT.replace("report", "").replace("p. 1", "").encode(),
    )
    changed = GOOD_OUTPUT.replace(",1200,", ",1250,").replace("report", "").replace("p. 1", "")
    changed += "north,coal,day,1923-04-03,,5,tonne,,\n"
    preview = preview_file("output", changed.encode(), "o.csv")
    assert (preview.created, preview.changed, preview.unchanged) == (1, 1, 4)
    assert OutputRecord.objects.count() == 5


def test_a_changed_row_is_updated_and_its_month_recomputed(colony, clerk):
    plain = GOOD_OUTPUT.replace("report", "").replace("p. 1", "")
    import_file(actor=clerk.user, kind="output", data=plain.encode())
    result = import_file(
        actor=clerk.user, kind="output", data=plain.replace(",1200,", ",1250,").encode()
    )
    march = MonthlyOutput.objects.get(
        unit=colony["north"], product=colony["coal"], month="1923-03-01"
    )
    assert (result.changed, result.unchanged) == (1, 4)
    assert march.output == Decimal(1250)


def test_it_stores_poods_in_tonnes_and_keeps_what_was_entered(colony, clerk):
    plain = GOOD_OUTPUT.replace("report", "").replace("p. 1", "")
    import_file(actor=clerk.user, kind="output", data=plain.encode())
    shift = OutputRecord.objects.get(unit=colony["south"], shift=1)
    assert shift.quantity == Decimal("9.9921028040")
    assert (shift.quantity_entered, shift.unit_entered) == (Decimal(610), "pood")


def test_monthly_totals_equal_an_aggregation_of_the_raw_rows_after_imports(colony, clerk):
    plain = GOOD_OUTPUT.replace("report", "").replace("p. 1", "")
    import_file(actor=clerk.user, kind="output", data=plain.encode())
    import_file(actor=clerk.user, kind="output", data=plain.replace(",61,", ",62,").encode())
    plans = (
        "unit,product,period_start,target,unit_of_measure\n"
        "north,coal,1923-03,1000,tonne\n"
        "south,coal,1923-03,20,tonne\n"
    )
    import_file(actor=clerk.user, kind="plans", data=plans.encode())
    raw = {
        (r["unit_id"], r["product_id"], r["month"]): (r["total"], r["n"])
        for r in OutputRecord.objects.annotate(month=TruncMonth("period_start"))
        .values("unit_id", "product_id", "month")
        .annotate(total=Sum("quantity"), n=Count("id"))
    }
    kept = {
        (m.unit_id, m.product_id, m.month): (m.output, m.records)
        for m in MonthlyOutput.objects.exclude(records=0)
    }
    planned = dict(
        MonthlyOutput.objects.exclude(plan=None).values_list("unit_id").annotate(Sum("plan"))
    )
    assert kept == raw
    assert planned == dict(Plan.objects.values_list("unit_id").annotate(Sum("target")))


def test_headcount_rows_without_a_unit_count_for_the_whole_colony(colony, clerk):
    data = b"unit,on,category,count\n,1922-10-01,all,2307\nnorth,1922-10-01,production,900\n"
    import_file(actor=clerk.user, kind="headcount", data=data)
    import_file(actor=clerk.user, kind="headcount", data=data)
    assert HeadcountSnapshot.objects.filter(unit=None).get().count == 2307
    assert HeadcountSnapshot.objects.count() == 2


def test_it_reads_an_xlsx_workbook_and_names_its_bad_rows_by_sheet_line(colony, clerk):
    book = Workbook()
    sheet = book.active
    sheet.append(["unit", "product", "period_kind", "period_start", "quantity", "unit_of_measure"])
    sheet.append(["north", "coal", "month", "1923-03-01", 12.5, "tonne"])
    sheet.append(["north", "coal", "month", "1923-04-01", "lots", "tonne"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(Invalid) as caught:
        import_file(actor=clerk.user, kind="output", data=out.getvalue(), filename="o.xlsx")
    assert [(p.line, p.field) for p in caught.value.problems] == [(3, "quantity")]
    sheet.delete_rows(3)
    out = io.BytesIO()
    book.save(out)
    import_file(actor=clerk.user, kind="output", data=out.getvalue(), filename="o.xlsx")
    assert OutputRecord.objects.get().quantity == Decimal("12.5")


def test_it_refuses_a_file_with_unknown_columns_before_reading_any_row(colony, clerk):
    with pytest.raises(Invalid) as caught:
        import_file(actor=clerk.user, kind="plans", data=b"unit,product,tons\nnorth,coal,4\n")
    assert [p.line for p in caught.value.problems] == [1, 1]


def test_a_colonist_may_not_import(colony, colonist):
    with pytest.raises(NotPermitted):
        import_file(actor=colonist.user, kind="output", data=GOOD_OUTPUT.encode())


def test_daily_rows_for_a_month_with_a_monthly_total_are_refused_not_added(colony, clerk):
    """March's coal would count twice: once as the month's total, again as its days."""
    month_total = (
        "unit,product,period_kind,period_start,shift,quantity,unit_of_measure,source,locator\n"
        "north,coal,month,1923-03-01,,1200,tonne,,\n"
    )
    days = (
        "unit,product,period_kind,period_start,shift,quantity,unit_of_measure,source,locator\n"
        "north,coal,day,1923-03-02,,40,tonne,,\n"
        "north,coal,day,1923-03-03,,43,tonne,,\n"
    )
    import_file(actor=clerk.user, kind="output", data=month_total.encode())
    before = list(MonthlyOutput.objects.values_list("month", "output"))

    with pytest.raises(Invalid) as caught:
        import_file(actor=clerk.user, kind="output", data=days.encode(), filename="days.csv")

    (problem,) = caught.value.problems
    assert problem.message.startswith("1923-03, North mine, Coal: the month would be counted twice")
    assert list(MonthlyOutput.objects.values_list("month", "output")) == before
    assert OutputRecord.objects.count() == 1


def test_a_monthly_total_for_a_month_that_has_its_days_is_refused_too(colony, clerk, operator):
    days = (
        "unit,product,period_kind,period_start,shift,quantity,unit_of_measure,source,locator\n"
        "south,coal,day,1923-04-02,,40,tonne,,\n"
    )
    import_file(actor=clerk.user, kind="output", data=days.encode())

    from kuzbas.production import services

    with pytest.raises(Invalid) as caught:
        services.record_output(
            actor=operator,
            unit=colony["south"],
            product=colony["coal"],
            period_kind="month",
            period_start=dt.date(1923, 4, 1),
            quantity=Decimal(900),
        )

    assert "1923-04, South mine, Coal" in caught.value.problems[0].message
    assert OutputRecord.objects.count() == 1
