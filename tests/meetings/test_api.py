"""A meeting run from another client, through the API alone."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.meetings.conftest import MEMBERS

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def test_a_meeting_runs_end_to_end_through_the_api(assembly):
    chair = _client(assembly.chair)
    members = {key: _client(assembly.members[key]) for key in MEMBERS}
    base = "/api/meetings/"
    convened = _post(
        chair,
        base,
        {
            "body": "general-meeting",
            "title": "Extraordinary meeting",
            "convened_for": "1922-09-15T20:00:00Z",
        },
    )
    pk, code = convened.json()["id"], convened.json()["checkin_code"]
    assert _post(chair, f"{base}{pk}/open").status_code == 200
    item = _post(
        chair,
        f"{base}{pk}/items",
        {"kind": "motion", "title": "Build a bath house", "matter": "technical"},
    )
    assert item.status_code == 201, item.content

    for key in ("anna", "boris", "vera", "gleb"):
        assert _post(members[key], f"{base}{pk}/check-in", {"code": code}).status_code == 201
    assert _post(members["dora"], f"{base}{pk}/check-in", {"code": "WRONG1"}).status_code == 422
    assert (
        _post(members["anna"], f"{base}{pk}/items/1/speakers", {"point_of_order": True}).status_code
        == 201
    )
    assert _post(chair, f"{base}{pk}/items/1/speakers/next").json()["person"] == "anna"
    amendment = _post(
        members["boris"], f"{base}{pk}/items/1/amendments", {"title": "With a laundry"}
    )
    refused = _post(chair, f"{base}{pk}/items/1/open-vote")
    _post(chair, f"{base}{pk}/items/1/open-vote", {"motion": amendment.json()["number"]})
    for key in ("anna", "boris", "vera"):
        assert _post(members[key], f"{base}{pk}/ballot", {"choice": "yes"}).status_code == 201
    twice = _post(members["anna"], f"{base}{pk}/ballot", {"choice": "no"})
    closed = _post(chair, f"{base}{pk}/items/1/close-vote", {"motion": amendment.json()["number"]})
    state = members["gleb"].get(f"{base}{pk}/vote").json()
    detail = members["gleb"].get(f"{base}{pk}").json()

    assert refused.status_code == 409 and "first" in refused.json()["message"]
    assert twice.status_code == 409
    assert closed.json()["outcome"] == "carried"
    assert state["outcome"] == "carried" and state["counts"]["yes"] == "3"
    assert detail["quorum"]["met"] is True and detail["quorum"]["checked_in"] == 4
    assert [m["amends"] for m in detail["items"][0]["motions"]] == [
        item.json()["motions"][0]["number"],
        None,
    ]
