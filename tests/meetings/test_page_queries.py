"""The meeting page costs a fixed number of queries, however long its agenda."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kuzbas.meetings.services import agenda, speakers
from tests.meetings.conftest import DAY, check_in_all

pytestmark = pytest.mark.django_db


def _add_motions(assembly, count: int) -> None:
    """Put `count` motions on the agenda, each with an amendment and a member waiting to speak."""
    for n in range(count):
        item = agenda.add_item(
            actor=assembly.chair,
            meeting=assembly.meeting,
            kind="motion",
            title=f"Motion {n}",
            matter="technical",
            as_of=DAY,
        )
        agenda.propose_amendment(
            actor=assembly.members["anna"], item=item, title=f"Amend {n}", text="x", as_of=DAY
        )
        speakers.request_to_speak(actor=assembly.members["boris"], item=item)


def _queries_for_the_chairs_page(assembly, client) -> list[str]:
    client.force_login(assembly.chair)
    client.get(f"/meetings/{assembly.meeting.pk}/")  # notices read, sessions warmed
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/meetings/{assembly.meeting.pk}/")
    assert response.status_code == 200
    return [q["sql"] for q in queries]


def test_the_meeting_page_does_not_grow_with_its_agenda(assembly, client):
    check_in_all(assembly, "anna", "boris")
    _add_motions(assembly, 1)
    short = _queries_for_the_chairs_page(assembly, client)

    _add_motions(assembly, 5)
    long = _queries_for_the_chairs_page(assembly, client)

    assert len(long) == len(short), long


def test_the_meeting_page_costs_a_bounded_number_of_queries(assembly, client):
    check_in_all(assembly, "anna", "boris")
    _add_motions(assembly, 3)

    queries = _queries_for_the_chairs_page(assembly, client)

    assert len(queries) <= 25, "\n".join(queries)


def test_the_statute_history_is_read_once_for_the_page(assembly, client):
    check_in_all(assembly, "anna", "boris")
    _add_motions(assembly, 3)

    queries = _queries_for_the_chairs_page(assembly, client)

    history_reads = [q for q in queries if "governance_statuteversion" in q]
    assert len(history_reads) <= 1, history_reads


def _queries_for_the_minutes(assembly, client) -> int:
    client.force_login(assembly.chair)
    client.get(f"/meetings/{assembly.meeting.pk}/minutes/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/meetings/{assembly.meeting.pk}/minutes/")
    assert response.status_code == 200
    return len(queries)


def test_the_minutes_do_not_grow_with_the_agenda(assembly, client):
    check_in_all(assembly, "anna", "boris")
    _add_motions(assembly, 1)
    short = _queries_for_the_minutes(assembly, client)

    _add_motions(assembly, 5)

    assert _queries_for_the_minutes(assembly, client) == short
