"""A month counted twice: a monthly total and the days (or shifts) of the same month.

Output is recorded at the grain the evidence has: a month's total from a report, or its days
from a pit log. A month's total is the sum of its records, so a unit that has both a row for
the whole of October and rows for days in October would count October twice. Every write of
output passes here before the monthly totals are computed (`aggregates.refresh_months`); a
clash refuses the write, naming the month, the unit and the product, and the transaction it
runs in (one import, one entry) leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.utils.translation import gettext as _

from kuzbas.core.errors import Invalid, Problem
from kuzbas.production.models import Product, Unit
from kuzbas.production.models.statistics import OutputRecord, PeriodKind


def refuse(spans: list[tuple[int, int, dt.date, dt.date]], month_sql: str) -> None:
    """Raise Invalid if, within the spans written, a month holds both its total and its days.

    `spans` are (unit, product, first month, month after the last), as `aggregates` groups
    them; `month_sql` is the database's expression for a row's month.
    """
    if not spans:
        return
    span = "(unit_id = %s AND product_id = %s AND period_start >= %s AND period_start < %s)"
    where = " OR ".join([span] * len(spans))
    params = [value for one in spans for value in one]
    table = OutputRecord._meta.db_table
    with connection.cursor() as cursor:  # the names and placeholders are ours, not input
        cursor.execute(
            f"SELECT unit_id, product_id, {month_sql} FROM {table} WHERE {where} "  # noqa: S608
            "GROUP BY 1, 2, 3 "
            "HAVING SUM(CASE WHEN period_kind = %s THEN 1 ELSE 0 END) > 0 "
            "AND SUM(CASE WHEN period_kind <> %s THEN 1 ELSE 0 END) > 0 "
            "ORDER BY 3, 1, 2 LIMIT 20",
            [*params, PeriodKind.MONTH, PeriodKind.MONTH],
        )
        clashes = cursor.fetchall()
    if not clashes:
        return
    units = Unit.objects.in_bulk({u for u, _p, _m in clashes})
    products = Product.objects.in_bulk({p for _u, p, _m in clashes})
    raise Invalid(
        problems=[
            Problem(
                _(
                    "%(month)s, %(unit)s, %(product)s: the month would be counted twice, once "
                    "as its monthly total and again as its days. Keep one of the two: remove "
                    "the month's total or its daily rows."
                )
                % {
                    "month": str(month)[:7],
                    "unit": units[unit_id].name,
                    "product": products[product_id].name,
                },
                field="period_start",
            )
            for unit_id, product_id, month in clashes
        ]
    )
