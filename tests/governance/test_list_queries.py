"""The governance lists (pages and API) cost the same number of queries for 2 motions or 8."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kuzbas.core.rights import Role
from kuzbas.governance.services import decisions, motions
from tests.factories import RoleGrantFactory, UserFactory
from tests.governance.conftest import BOARD_DAY

pytestmark = pytest.mark.django_db

LISTS = (
    "/governance/motions/",
    "/governance/register/",
    "/governance/bodies/",
    "/api/governance/motions",
    "/api/governance/register",
    "/api/governance/bodies",
)


def _decide_motions(board, count: int) -> None:
    """File `count` technical motions with the Board and record a counted vote on each."""
    for n in range(count):
        motion = motions.file_motion(
            actor=board.rutgers,
            title=f"Motion {n}",
            text="",
            matter="technical",
            body="managing-board",
            as_of=BOARD_DAY,
        )
        decisions.record_counted_vote(
            actor=board.rutgers,
            motion=motion,
            yes=2,
            no=1,
            abstain=0,
            present=3,
            decided_on=BOARD_DAY,
        )


def _queries(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


@pytest.fixture
def auditor_client(board) -> Client:
    user = UserFactory(username="reader")
    RoleGrantFactory(user=user, role=Role.ADMIN)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("url", LISTS)
def test_a_governance_list_does_not_grow_with_its_rows(url, board, auditor_client):
    _decide_motions(board, 2)
    few = _queries(auditor_client, url)

    _decide_motions(board, 6)
    many = _queries(auditor_client, url)

    assert many == few, url
