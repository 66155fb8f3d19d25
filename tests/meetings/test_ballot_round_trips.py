"""A ballot from a phone costs a fixed, small number of round trips to the database.

On PostgreSQL: the token (with its account), the meeting with the motion on screen and the
voter's check-in, and one statement that checks the vote's state and the roll and writes the
participation, the sealed paper and the audit entry together.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kuzbas.governance.models import Participation, SealedPaper
from kuzbas.meetings.services import votes
from kuzbas.members.services import issue_api_token
from tests.meetings.conftest import DAY, check_in_all

pytestmark = pytest.mark.django_db


def _statements(captured) -> list[str]:
    # Savepoints are the test's transaction around the statement, not the ballot's.
    return [
        q["sql"]
        for q in captured
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))
    ]


def test_a_ballot_from_a_phone_is_three_round_trips_on_postgresql(assembly, pumps_item):
    check_in_all(assembly, "anna", "boris", "vera")
    votes.open_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)
    _token, raw = issue_api_token(actor=assembly.members["anna"], name="phone")
    phone = Client(headers={"Authorization": f"Bearer {raw}"})
    url = f"/api/meetings/{assembly.meeting.pk}/ballot"

    with CaptureQueriesContext(connection) as captured:
        answer = phone.post(
            url, {"choice": "yes", "key": "k" * 16}, content_type="application/json"
        )

    assert answer.status_code == 201, answer.content
    assert Participation.objects.filter(voter__key="anna").count() == 1
    assert SealedPaper.objects.count() == 1
    statements = _statements(captured.captured_queries)
    if connection.vendor == "postgresql":
        assert len(statements) == 3, statements
    else:
        # SQLite, in-process: the token and its last use, the meeting, the guard, three rows.
        assert len(statements) == 7, statements


def test_a_retry_returns_the_receipt_and_writes_nothing_more(assembly, pumps_item):
    check_in_all(assembly, "anna", "boris", "vera")
    votes.open_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)
    _token, raw = issue_api_token(actor=assembly.members["anna"], name="phone")
    phone = Client(headers={"Authorization": f"Bearer {raw}"})
    url = f"/api/meetings/{assembly.meeting.pk}/ballot"
    body = {"choice": "no", "key": "r" * 16}

    first = phone.post(url, body, content_type="application/json")
    again = phone.post(url, body, content_type="application/json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["receipt"] == first.json()["receipt"]
    assert SealedPaper.objects.count() == 1
