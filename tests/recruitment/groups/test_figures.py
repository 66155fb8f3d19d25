"""The funnel and retention figures, each checked against a count in raw SQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from kuzbas.recruitment import arrival, dispatch, figures
from kuzbas.recruitment.models import RefusalReason
from kuzbas.recruitment.models.applications import ApplicationSource, ApplicationState
from tests.factories import MembershipFactory
from tests.recruitment.groups.factories import AdmittedFactory, GroupFactory, OpenCallFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(1924, 12, 31)


def _sql(query: str, *params) -> int:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchone()[0]


@pytest.fixture
def history(bureau_clerk, settings):
    """Two calls; applications at every step; two groups arrived in 1922, and some who left."""
    settings.KUZBAS_TODAY = dt.date(1922, 6, 1)
    first, second = OpenCallFactory(key="first"), OpenCallFactory(key="second")
    for state in (ApplicationState.SCREENING, ApplicationState.WITHDRAWN):
        AdmittedFactory(call=first, state=state, admitted_on=None)
    reason = RefusalReason.objects.create(bureau=second.bureau, key="no-place", name="No place")
    AdmittedFactory(
        call=second,
        state=ApplicationState.REFUSED,
        refusal_reason=reason,
        admitted_on=None,
        source=ApplicationSource.PAPER,
    )
    AdmittedFactory(
        call=second,
        state=ApplicationState.RECOMMENDED,
        admitted_on=None,
        source=ApplicationSource.PAPER,
    )
    AdmittedFactory(call=first)  # admitted, on no group yet
    groups = [
        GroupFactory(number=n, capacity=10, departs_on=dt.date(1922, 6, 2), arrives_on=day)
        for n, day in ((1, dt.date(1922, 7, 1)), (2, dt.date(1923, 3, 1)))
    ]
    for n, (group, nationality, call) in enumerate(
        [
            (groups[0], "American", first),
            (groups[0], "Finnish", first),
            (groups[0], "American", second),
            (groups[1], "Dutch", second),
            (groups[1], "American", first),
        ]
    ):
        dispatch.join(
            actor=bureau_clerk.user,
            group=group,
            application=AdmittedFactory(call=call, nationality=nationality, name=f"Arrived {n}"),
        )
    for group in groups:
        dispatch.depart(actor=bureau_clerk.user, group=group)
    arrival.arrive_group(actor=bureau_clerk.user, group=groups[0])
    # Two of the first group left: one after four months, one after a year and a half.
    for name, last in (("Arrived 1", dt.date(1922, 11, 1)), ("Arrived 2", dt.date(1923, 12, 31))):
        membership = groups[0].applications.get(name=name).person.memberships.get()
        membership.valid_to = last
        membership.save()
    # A Finnish member who came back later: a member again on the 24-month day.
    person = groups[0].applications.get(name="Arrived 1").person
    MembershipFactory(person=person, valid_from=dt.date(1924, 1, 1))
    settings.KUZBAS_TODAY = TODAY
    return groups


def _by_key(rows):
    return {r.key: r for r in rows}


def test_the_funnel_by_call_equals_raw_counts(history):
    shown = _by_key(figures.funnel_by_call(today=TODAY))
    for key in ("first", "second"):
        where = (
            "FROM recruitment_application a JOIN recruitment_call c ON c.id = a.call_id "
            "WHERE c.key = %s"
        )
        row = shown[key]
        assert row.applied == _sql(f"SELECT COUNT(*) {where}", key)
        assert row.screened == _sql(
            f"SELECT COUNT(*) {where} AND a.state IN "
            "('refused','recommended','admitted','dispatched','arrived')",
            key,
        )
        assert row.admitted == _sql(f"SELECT COUNT(*) {where} AND a.admitted_on IS NOT NULL", key)
        assert row.dispatched == _sql(
            f"SELECT COUNT(*) {where} AND a.state IN ('dispatched','arrived')", key
        )
        assert row.arrived == _sql(f"SELECT COUNT(*) {where} AND a.arrived_on IS NOT NULL", key)
    assert shown["first"].applied == 6


def test_the_funnel_by_source_equals_raw_counts(history):
    shown = _by_key(figures.funnel_by_source(today=TODAY))
    for source in shown:
        assert shown[source].applied == _sql(
            "SELECT COUNT(*) FROM recruitment_application WHERE source = %s", source
        )
        assert shown[source].arrived == _sql(
            "SELECT COUNT(*) FROM recruitment_application "
            "WHERE source = %s AND arrived_on IS NOT NULL",
            source,
        )
    assert set(shown) == {ApplicationSource.PAPER, ApplicationSource.PUBLIC_FORM}


STILL_SQL = """
SELECT COUNT(*) FROM recruitment_application a
WHERE a.arrived_on IS NOT NULL AND a.dispatch_group_id = %s AND EXISTS (
  SELECT 1 FROM members_membership m
  WHERE m.person_id = a.person_id AND m.status = 'member'
    AND m.valid_from <= %s AND (m.valid_to IS NULL OR m.valid_to >= %s))
"""


def test_retention_by_group_equals_raw_counts_after_6_12_and_24_months(history):
    first = next(r for r in figures.retention_by_group(today=TODAY) if r.key == str(history[0].pk))
    for months in figures.HORIZONS:
        day = figures.add_months(dt.date(1922, 7, 1), months)
        assert first.retained[months].still == _sql(STILL_SQL, history[0].pk, day, day)
        assert first.retained[months].of == _sql(
            "SELECT COUNT(*) FROM recruitment_application "
            "WHERE dispatch_group_id = %s AND arrived_on IS NOT NULL",
            history[0].pk,
        )
    assert [first.retained[m].still for m in figures.HORIZONS] == [2, 2, 2]


def test_retention_by_nationality_counts_only_those_arrived_long_enough_ago(history):
    rows = {r.label: r for r in figures.retention_by_nationality(today=TODAY)}
    assert set(rows) == {"American", "Finnish"}
    finnish = rows["Finnish"]
    assert finnish.retained[6].still == _sql(
        "SELECT COUNT(*) FROM recruitment_application a JOIN members_membership m "
        "ON m.person_id = a.person_id WHERE a.nationality = 'Finnish' "
        "AND m.valid_from <= %s AND (m.valid_to IS NULL OR m.valid_to >= %s)",
        dt.date(1923, 1, 1),
        dt.date(1923, 1, 1),
    )


def test_the_retention_chart_has_a_bar_per_row_and_horizon(history):
    from kuzbas.recruitment.charts import retention_chart

    rows = figures.retention_by_group(today=TODAY)
    spec = retention_chart(rows, title="Retention", series_title="group")
    points = spec["datasets"]["retention"]
    assert len(points) == sum(1 for r in rows for k in r.retained.values() if k.of)
    assert spec["mark"]["type"] == "bar"
