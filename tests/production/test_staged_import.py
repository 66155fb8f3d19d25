"""An output file staged with COPY on PostgreSQL and merged in SQL gives what checking it row by
row gives; a file SQL does not accept whole is checked row by row, its problems named by line."""

from __future__ import annotations

import pytest
from django.db import connection

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Invalid
from kuzbas.production.imports import importing, staged
from kuzbas.production.models.statistics import OutputRecord
from kuzbas.production.models.totals import MonthlyOutput
from kuzbas.record.models import Citation

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY staging is PostgreSQL's"
)

HEADER = "unit,product,period_kind,period_start,shift,quantity,unit_of_measure\n"


def _file(unit: str, rows: list[str]) -> bytes:
    return (HEADER + "".join(f"{unit},{row}\n" for row in rows)).encode()


ROWS = [
    "coal,shift,1923-01-02,1,10.5,tonne",
    "coal,shift,1923-01-02,2,11,",
    "coal,day,1923-02-03,,7.25,tonne",
    "coke,month,1923-03,,300,",
    "coke,month,1923-04-01,,0,tonne",
]


@pytest.fixture
def staged_runs(monkeypatch):
    """Count the files SQL accepted whole."""
    runs: list[staged.Staged] = []
    real = staged._stage_and_merge

    def counting(text, header):
        done = real(text, header)
        runs.append(done)
        return done

    monkeypatch.setattr(staged, "_stage_and_merge", counting)
    return runs


def _stored(unit_key: str) -> list[tuple]:
    return list(
        OutputRecord.objects.filter(unit__key=unit_key)
        .order_by("period_start", "product__key", "shift")
        .values_list(
            "product__key",
            "period_start",
            "period_kind",
            "shift",
            "period_end",
            "quantity",
            "quantity_entered",
            "unit_entered",
        )
    )


def test_a_usual_file_is_staged_and_stores_what_the_row_by_row_check_stores(
    colony, clerk, staged_runs, monkeypatch
):
    fast = importing.import_file(actor=clerk.user, kind="output", data=_file("north", ROWS))
    monkeypatch.setattr(staged, "can_stage", lambda data, header: False)
    slow = importing.import_file(actor=clerk.user, kind="output", data=_file("south", ROWS))

    assert len(staged_runs) == 1
    assert _stored("north") == _stored("south")
    assert (fast.created, fast.changed, fast.unchanged) == (5, 0, 0)
    assert (fast.created, fast.changed, fast.unchanged, fast.months_refreshed) == (
        slow.created,
        slow.changed,
        slow.unchanged,
        slow.months_refreshed,
    )
    north = MonthlyOutput.objects.filter(unit__key="north").values_list("month", "output")
    south = MonthlyOutput.objects.filter(unit__key="south").values_list("month", "output")
    assert sorted(north) == sorted(south)


def test_a_second_import_with_one_row_changed_changes_it_and_drops_its_evidence(
    colony, clerk, staged_runs, operator
):
    importing.import_file(actor=clerk.user, kind="output", data=_file("north", ROWS))
    record = OutputRecord.objects.get(unit__key="north", period_kind="day")
    from tests.factories import SourceFactory

    Citation.objects.create(target=record, source=SourceFactory(), status="documented")
    changed = [*ROWS[:2], "coal,day,1923-02-03,,8,tonne", *ROWS[3:]]

    result = importing.import_file(actor=clerk.user, kind="output", data=_file("north", changed))

    assert (result.created, result.changed, result.unchanged) == (0, 1, 4)
    record.refresh_from_db()
    assert str(record.quantity.normalize()) == "8"
    assert not Citation.objects.filter(object_id=record.pk, content_type__model="outputrecord")
    assert len(staged_runs) == 2
    assert AuditEntry.objects.filter(action="production.import.output").count() == 2


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("coal,day,1923-02-30,,7,tonne", "period_start"),
        ("nothing,day,1923-02-03,,7,tonne", "product"),
        ("coal,day,1923-02-03,,-7,tonne", "quantity"),
        ("coal,shift,1923-02-03,,7,tonne", "shift"),
    ],
)
def test_a_file_with_a_bad_row_is_checked_row_by_row_and_names_its_line(
    colony, clerk, staged_runs, row, field
):
    with pytest.raises(Invalid) as raised:
        importing.import_file(actor=clerk.user, kind="output", data=_file("north", [*ROWS, row]))

    assert staged_runs == []
    assert [(p.line, p.field) for p in raised.value.problems] == [(7, field)]
    assert not OutputRecord.objects.exists()


def test_a_row_seen_twice_is_named_with_its_first_line(colony, clerk, staged_runs):
    with pytest.raises(Invalid) as raised:
        importing.import_file(
            actor=clerk.user, kind="output", data=_file("north", [*ROWS, ROWS[0]])
        )

    assert staged_runs == []
    assert "line 2" in raised.value.problems[0].message
    assert not OutputRecord.objects.exists()


def test_days_of_a_month_that_has_its_total_are_refused_after_staging(colony, clerk, staged_runs):
    importing.import_file(actor=clerk.user, kind="output", data=_file("north", [ROWS[3]]))

    with pytest.raises(Invalid) as raised:
        importing.import_file(
            actor=clerk.user, kind="output", data=_file("north", ["coke,day,1923-03-05,,1,"])
        )

    assert "counted twice" in raised.value.problems[0].message
    assert OutputRecord.objects.filter(period_kind="day").count() == 0
    assert len(staged_runs) == 2
