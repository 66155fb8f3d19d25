"""Monthly totals kept in step with the raw output and plan rows.

Every service that writes output or plans calls `refresh_months` in its own transaction with
the (unit, product, month) keys it touched, so `MonthlyOutput` always equals an aggregation of
the raw rows (a test checks this after imports) and pages never scan the raw rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth

from kuzbas.production.models import MonthlyOutput, OutputRecord, Plan
from kuzbas.record.models import Citation, Evidence

Key = tuple[int, int, dt.date]


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _illustrative(model) -> Exists:
    return Exists(
        Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=OuterRef("pk"),
            status=Evidence.ILLUSTRATIVE,
        )
    )


def refresh_months(keys: Iterable[Key]) -> int:
    """Recompute the monthly totals for the touched keys from the raw rows; return rows written."""
    spans: dict[tuple[int, int], list[dt.date]] = defaultdict(list)
    for unit_id, product_id, day in keys:
        spans[(unit_id, product_id)].append(month_of(day))
    written = 0
    for (unit_id, product_id), months in spans.items():
        first, last = min(months), max(months)
        written += _refresh_span(unit_id, product_id, first, next_month(last))
    return written


def _refresh_span(unit_id: int, product_id: int, first: dt.date, end: dt.date) -> int:
    span = {"unit_id": unit_id, "product_id": product_id, "period_start__gte": first}
    span["period_start__lt"] = end
    output = (
        OutputRecord.objects.filter(**span)
        .annotate(month=TruncMonth("period_start"), illustrative=_illustrative(OutputRecord))
        .values("month")
        .annotate(
            total=Sum("quantity"),
            n=Count("id"),
            n_illustrative=Count("id", filter=Q(illustrative=True)),
        )
        .order_by()
    )
    plans = (
        Plan.objects.filter(**span)
        .annotate(month=TruncMonth("period_start"), illustrative=_illustrative(Plan))
        .values("month")
        .annotate(total=Sum("target"), n_illustrative=Count("id", filter=Q(illustrative=True)))
        .order_by()
    )
    rows: dict[dt.date, MonthlyOutput] = {}

    def row(month) -> MonthlyOutput:
        month = month.date() if isinstance(month, dt.datetime) else month
        if month not in rows:
            rows[month] = MonthlyOutput(unit_id=unit_id, product_id=product_id, month=month)
        return rows[month]

    for agg in output:
        r = row(agg["month"])
        r.output = agg["total"] or Decimal(0)
        r.records = agg["n"]
        r.illustrative_records = agg["n_illustrative"]
    for agg in plans:
        r = row(agg["month"])
        r.plan = agg["total"]
        r.illustrative_plan = agg["n_illustrative"] > 0
    MonthlyOutput.objects.filter(
        unit_id=unit_id, product_id=product_id, month__gte=first, month__lt=end
    ).delete()
    MonthlyOutput.objects.bulk_create(rows.values(), batch_size=1000)
    return len(rows)
