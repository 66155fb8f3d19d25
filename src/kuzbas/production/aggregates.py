"""Monthly totals kept in step with the raw output and plan rows, and the statistics' version.

Every service that writes output or plans calls `refresh_months` in its own transaction with
the (unit, product, month) keys it touched, so `MonthlyOutput` always equals an aggregation of
the raw rows (a test checks this after imports) and pages never scan the raw rows. From the
touched monthly totals it recomputes, in the same transaction, the colony's monthly output per
product (`ColonyMonthlyOutput`) and each unit's total per product (`UnitOutputTotal`): the
dashboard reads those few hundred rows, the same on every server, instead of summing thousands.
Every write to the statistics also raises the version number (`bump`) in the same transaction,
which is what cached page figures are keyed on.
"""

# ruff: noqa: S608 — the SQL here is built from model table names; values are parameters.
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F

from kuzbas.production import double_counts
from kuzbas.production.models.statistics import OutputRecord, Plan
from kuzbas.production.models.totals import (
    ColonyMonthlyOutput,
    MonthlyOutput,
    StatisticsVersion,
    UnitOutputTotal,
)
from kuzbas.record.models import Citation, Evidence

Key = tuple[int, int, dt.date]
VERSION_KEY = "production"


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def bump() -> None:
    """Raise the statistics' version; call inside the transaction of the write."""
    if not StatisticsVersion.objects.filter(key=VERSION_KEY).update(number=F("number") + 1):
        StatisticsVersion.objects.get_or_create(key=VERSION_KEY, defaults={"number": 1})


def version() -> str | None:
    """Return the statistics' current version, or None before the first write.

    The number, and the random generation of the counter's row, so that a database made
    afresh never repeats an old database's version.
    """
    found = StatisticsVersion.objects.filter(key=VERSION_KEY).values_list("generation", "number")
    for generation, number in found:
        return f"{generation}:{number}"
    return None


def _spans(keys: Iterable[Key]) -> list[tuple[int, int, dt.date, dt.date]]:
    """Group touched months into one run per unit and product: (unit, product, from, to)."""
    months: dict[tuple[int, int], list[dt.date]] = defaultdict(list)
    for unit_id, product_id, day in keys:
        months[(unit_id, product_id)].append(month_of(day))
    return [
        (unit_id, product_id, min(found), next_month(max(found)))
        for (unit_id, product_id), found in sorted(months.items())
    ]


def _month_sql(column: str) -> str:
    if connection.vendor == "postgresql":
        # Through timestamp, not timestamptz: no time zone arithmetic per row.
        return f"date_trunc('month', {column}::timestamp)::date"
    return f"strftime('%%Y-%%m-01', {column})"


def refresh_months(keys: Iterable[Key]) -> int:
    """Recompute the monthly totals of the touched months from the raw rows; return rows kept.

    Set-based whatever the number of months touched: one DELETE of the touched months, one
    INSERT … SELECT … GROUP BY over the output rows and one over the plans (an upsert that
    adds the plan to the month's output row).
    """
    spans = _spans(keys)
    if not spans:
        return 0
    double_counts.refuse(spans, _month_sql("period_start"))
    bump()
    span = "(r.unit_id = %s AND r.product_id = %s AND r.{day} >= %s AND r.{day} < %s)"
    raw_rows = " OR ".join([span.format(day="period_start")] * len(spans))
    kept_rows = " OR ".join([span.format(day="month")] * len(spans))
    params = [value for one in spans for value in one]
    monthly = MonthlyOutput._meta.db_table
    month = _month_sql("r.period_start")
    output_ill, output_ill_params = _illustrative(OutputRecord)
    plan_ill, plan_ill_params = _illustrative(Plan)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {monthly} WHERE {kept_rows.replace('r.', '')}", params)
        cursor.execute(
            f"INSERT INTO {monthly} (unit_id, product_id, month, output, records, "
            "illustrative_records, plan, illustrative_plan) "
            f"SELECT r.unit_id, r.product_id, {month}, SUM(r.quantity), COUNT(*), "
            f"SUM({output_ill}), "
            f"NULL, FALSE FROM {OutputRecord._meta.db_table} r WHERE {raw_rows} GROUP BY 1, 2, 3",
            [*output_ill_params, *params],
        )
        cursor.execute(
            f"INSERT INTO {monthly} (unit_id, product_id, month, output, records, "
            "illustrative_records, plan, illustrative_plan) "
            f"SELECT r.unit_id, r.product_id, {month}, 0, 0, 0, SUM(r.target), "
            f"MAX({plan_ill}) = 1 "
            f"FROM {Plan._meta.db_table} r WHERE {raw_rows} GROUP BY 1, 2, 3 "
            "ON CONFLICT (unit_id, product_id, month) DO UPDATE SET plan = excluded.plan, "
            "illustrative_plan = excluded.illustrative_plan",
            [*plan_ill_params, *params],
        )
        _refresh_made_from_monthly(cursor, spans)
        cursor.execute(f"SELECT COUNT(*) FROM {monthly} r WHERE {kept_rows}", params)
        return cursor.fetchone()[0]


def _refresh_made_from_monthly(cursor, spans: list[tuple[int, int, dt.date, dt.date]]) -> None:
    """Recompute the colony's months and the units' totals that the touched months feed."""
    monthly = MonthlyOutput._meta.db_table
    ranges: dict[int, tuple[dt.date, dt.date]] = {}
    for _unit_id, product_id, start, end in spans:
        low, high = ranges.get(product_id, (start, end))
        ranges[product_id] = (min(low, start), max(high, end))
    months = " OR ".join(["(product_id = %s AND month >= %s AND month < %s)"] * len(ranges))
    params = [value for pk, (low, high) in sorted(ranges.items()) for value in (pk, low, high)]
    colony = ColonyMonthlyOutput._meta.db_table
    cursor.execute(f"DELETE FROM {colony} WHERE {months}", params)
    cursor.execute(
        f"INSERT INTO {colony} (product_id, month, output, plan, illustrative) "
        "SELECT product_id, month, SUM(output), SUM(plan), "
        "MAX(CASE WHEN illustrative_records > 0 OR illustrative_plan THEN 1 ELSE 0 END) = 1 "
        f"FROM {monthly} WHERE {months} GROUP BY product_id, month",
        params,
    )
    pairs = sorted({(unit_id, product_id) for unit_id, product_id, _start, _end in spans})
    chosen = " OR ".join(["(unit_id = %s AND product_id = %s)"] * len(pairs))
    params = [value for pair in pairs for value in pair]
    totals = UnitOutputTotal._meta.db_table
    cursor.execute(f"DELETE FROM {totals} WHERE {chosen}", params)
    cursor.execute(
        f"INSERT INTO {totals} (unit_id, product_id, output, illustrative) "
        "SELECT unit_id, product_id, SUM(output), SUM(illustrative_records) > 0 "
        f"FROM {monthly} WHERE {chosen} GROUP BY unit_id, product_id",
        params,
    )


def _illustrative(model) -> tuple[str, list]:
    """SQL (and its parameters) for 1 if a raw row `r` has an illustrative citation, else 0.

    An indexed lookup per row, left out (a constant 0) while no row of the model has one.
    """
    ct = ContentType.objects.get_for_model(model)
    if not Citation.objects.filter(content_type=ct, status=Evidence.ILLUSTRATIVE).exists():
        return "0", []
    return (
        f"CASE WHEN EXISTS (SELECT 1 FROM {Citation._meta.db_table} c "
        "WHERE c.content_type_id = %s AND c.object_id = r.id AND c.status = %s) THEN 1 ELSE 0 END",
        [ct.pk, Evidence.ILLUSTRATIVE],
    )
