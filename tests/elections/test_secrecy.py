"""A closed election: nothing the database keeps or the elections API answers links a member to
a ranking."""

from __future__ import annotations

import json

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from kuzbas.elections.models import ElectionBallot, ElectionParticipation
from kuzbas.elections.services import count
from tests.elections.conftest import DAY, MEMBERS, RANKINGS

pytestmark = pytest.mark.django_db
# Voters who do not stand: their registry keys appear nowhere a candidate's name is expected.
NOT_STANDING = ("anna", "boris", "egor", "fedor")


@pytest.fixture
def closed(assembly, voting):
    clients, receipts = {}, {}
    for key, marks in RANKINGS.items():
        client = Client()
        client.force_login(assembly.members[key])
        response = client.post(
            f"/api/elections/{voting.pk}/ballot", {"marks": marks}, content_type="application/json"
        )
        assert response.status_code == 201, response.content
        receipts[key] = response.json()["receipt"]
        clients[key] = client
    count.close_election(actor=assembly.chair, election=voting, as_of=DAY)
    return voting, clients, receipts


def _rows():
    for model in apps.get_models():
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [c[0] for c in cursor.description]
            for row in cursor.fetchall():
                yield table, dict(zip(columns, map(str, row), strict=True))


def test_no_table_row_holds_a_receipt_next_to_anything_naming_a_voter(closed):
    _election, _clients, receipts = closed
    for table, row in _rows():
        text = json.dumps(row)
        if not any(r in text for r in receipts.values()):
            continue
        assert table == ElectionBallot._meta.db_table, (table, text)
        assert set(row) == {"receipt", "election_id", "marks"}, row
        assert not any(key in row["marks"] for key in NOT_STANDING)


def test_the_ballot_tables_keep_no_time_and_no_voter(closed):
    ballot_columns = {f.column for f in ElectionBallot._meta.concrete_fields}
    participation_columns = {f.column for f in ElectionParticipation._meta.concrete_fields}

    assert ballot_columns == {"receipt", "election_id", "marks"}
    assert participation_columns == {"id", "election_id", "voter_id"}


def test_no_row_outside_the_box_holds_a_ranking(closed):
    # Rankings only one voter cast (and unlike the list of those elected), as the box keeps them.
    distinctive = [json.dumps(RANKINGS[key]) for key in ("egor", "fedor")]

    for table, row in _rows():
        if table == ElectionBallot._meta.db_table:
            continue
        text = " ".join(row.values())
        assert not any(ranking in text for ranking in distinctive), (table, row)


def test_the_audit_trail_says_who_voted_never_how(closed):
    from kuzbas.audit.models import AuditEntry

    entries = AuditEntry.objects.filter(action="elections.ballot.cast")

    assert sorted(e.changes["voter"] for e in entries) == sorted(MEMBERS)
    assert all(set(e.changes) == {"voter"} for e in entries)


def test_no_elections_api_answer_links_a_member_to_a_ranking(closed):
    election, clients, receipts = closed
    paths = [
        "/api/elections/",
        f"/api/elections/{election.pk}",
        f"/api/elections/{election.pk}/result",
        f"/api/elections/{election.pk}/receipts",
    ]

    for client in clients.values():
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            text = response.content.decode()
            assert not any(f'"{key}"' in text for key in NOT_STANDING), path
            if path.endswith("/receipts"):
                papers = response.json()["ballots"]
                assert all(set(p) == {"receipt", "marks"} for p in papers)
                assert {p["receipt"] for p in papers} == set(receipts.values())
            else:
                assert not any(r in text for r in receipts.values()), path


def test_no_session_keeps_a_receipt(closed):
    from django.contrib.sessions.models import Session

    decoded = [json.dumps(s.get_decoded()) for s in Session.objects.all()]

    assert decoded
    assert not any(r in text for r in closed[2].values() for text in decoded)
