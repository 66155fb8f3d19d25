"""The elections API: a chair calls, opens and closes; members vote and get receipts."""

from __future__ import annotations

import pytest
from django.test import Client

from kuzbas.elections.models import ElectionParticipation
from tests.elections.conftest import RANKINGS, check_in

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client, path, data=None):
    return client.post(path, data or {}, content_type="application/json")


def test_an_election_runs_from_call_to_result_over_the_api(assembly):
    chair = _client(assembly.chair)
    called = _post(
        chair,
        "/api/elections/",
        {
            "title": "Election to the Organization Committee",
            "seat": "organization-committee.member",
            "places": 2,
            "method": "stv",
            "candidates": ["vera", "gleb"],
            "meeting": assembly.meeting.pk,
        },
    )
    pk = called.json()["id"]
    added = _post(chair, f"/api/elections/{pk}/candidates", {"person": "dora"})
    check_in(assembly, *RANKINGS)
    opened = _post(chair, f"/api/elections/{pk}/open")
    receipts = [
        _post(_client(assembly.members[k]), f"/api/elections/{pk}/ballot", {"marks": m})
        for k, m in RANKINGS.items()
    ]
    closed = _post(chair, f"/api/elections/{pk}/close")
    result = chair.get(f"/api/elections/{pk}/result").json()

    assert called.status_code == 201
    assert called.json()["meeting"] == assembly.meeting.pk
    assert [c["person"] for c in added.json()["candidates"]] == ["vera", "gleb", "dora"]
    assert (opened.json()["status"], opened.json()["roll"]) == ("voting", 7)
    assert all(r.status_code == 201 and len(r.json()["receipt"]) == 16 for r in receipts)
    assert closed.status_code == 200
    assert result["elected"] == ["vera", "dora"]
    assert result["quota"] == "3"
    assert [s["kind"] for s in result["stages"]] == ["first_preferences", "surplus", "exclusion"]
    assert result["register_entry"] is not None


def test_a_second_ballot_is_a_conflict(assembly, voting):
    client = _client(assembly.members["anna"])
    _post(client, f"/api/elections/{voting.pk}/ballot", {"marks": ["vera"]})

    again = _post(client, f"/api/elections/{voting.pk}/ballot", {"marks": ["gleb"]})

    assert again.status_code == 409
    assert ElectionParticipation.objects.count() == 1


def test_a_bad_ranking_is_refused_naming_the_place(assembly, voting):
    response = _post(
        _client(assembly.members["anna"]),
        f"/api/elections/{voting.pk}/ballot",
        {"marks": ["vera", "nobody"]},
    )

    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "marks[2]"
    assert not ElectionParticipation.objects.exists()


def test_a_colonist_may_not_call_or_close_an_election(assembly, voting):
    client = _client(assembly.members["anna"])

    called = _post(
        client, "/api/elections/", {"title": "T", "seat": "x.y", "places": 1, "method": "stv"}
    )
    closed = _post(client, f"/api/elections/{voting.pk}/close")

    assert (called.status_code, closed.status_code) == (403, 403)


def test_the_result_and_receipts_wait_for_the_count(assembly, voting):
    client = _client(assembly.members["anna"])

    assert client.get(f"/api/elections/{voting.pk}/result").status_code == 409
    assert client.get(f"/api/elections/{voting.pk}/receipts").status_code == 409


def test_the_meetings_agenda_in_the_api_names_its_election(assembly, election):
    body = _client(assembly.members["anna"]).get(f"/api/meetings/{assembly.meeting.pk}").json()

    item = next(i for i in body["items"] if i["kind"] == "election")
    assert item["election"] == {
        "id": election.pk,
        "title": election.title,
        "status": election.status,
        "places": 2,
        "method": "stv",
    }
    assert all(i["election"] is None for i in body["items"] if i["kind"] != "election")
