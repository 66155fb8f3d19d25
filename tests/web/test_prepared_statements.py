"""The hot statements of a ballot are planned once a connection on PostgreSQL (`core/prepared.py`)
and read the same everywhere."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection

from kuzbas.core import prepared
from kuzbas.core.guarded_write import write_if
from kuzbas.members.models import Person

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="only PostgreSQL keeps prepared statements; SQLite plans each statement itself",
)

QUESTION = "SELECT CAST(%s AS integer) + 1 AS n, CAST(%s AS text) AS word"
MOMENT = "SELECT %s::bigint + 1 AS n, %s::text AS word, %s::timestamptz AS at"


def _prepared_here() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return {row[0] for row in cursor.fetchall()}


def test_a_statement_reads_the_same_through_this_cursor_everywhere():
    assert prepared.fetch_one(QUESTION, [41, "Kemerovo"]) == (42, "Kemerovo")
    assert prepared.fetch_dict(QUESTION, [1, ""]) == {"n": 2, "word": ""}
    assert prepared.fetch_one(QUESTION + " WHERE 1 = 2", [1, ""]) is None


@ON_POSTGRESQL
def test_a_prepared_statement_reads_a_moment_as_django_does():
    at = dt.datetime(1922, 10, 1, 9, 30, tzinfo=dt.UTC)

    assert prepared.fetch_one(MOMENT, [41, "Kemerovo", at]) == (42, "Kemerovo", at)


@ON_POSTGRESQL
def test_the_statement_is_prepared_once_on_its_connection():
    for n in range(3):
        assert prepared.fetch_one(MOMENT, [n, "x", dt.datetime.now(dt.UTC)])[0] == n + 1

    kept = [s for s in _prepared_here() if "::bigint + 1 AS n" in s]
    assert len(kept) == 1 and "$1" in kept[0]


@ON_POSTGRESQL
def test_an_operator_behind_a_pooler_turns_preparing_off(settings):
    settings.KUZBAS_PREPARED_STATEMENTS = False

    assert prepared.fetch_one(MOMENT.replace("+ 1", "+ 2"), [1, "x", None])[0] == 3

    assert not [s for s in _prepared_here() if "+ 2 AS n" in s]


def test_a_broken_constraint_in_a_guarded_write_is_djangos_error_and_writes_nothing():
    existing = Person.objects.create(key="vera", name_latin="Vera")
    twin = Person(key="vera", name_latin="Another Vera")

    with pytest.raises(IntegrityError):
        write_if("SELECT 1 AS one, (1 = %s) AS ok", [1], [twin])

    assert list(Person.objects.values_list("pk", flat=True)) == [existing.pk]


def test_a_guard_that_does_not_hold_writes_nothing_and_says_so():
    dora = Person(key="dora", name_latin="Dora")

    found = write_if("SELECT %s AS why, (1 = 2) AS ok", ["closed"], [dora])

    assert found == {"why": "closed", "ok": False}
    assert not Person.objects.filter(key="dora").exists()
