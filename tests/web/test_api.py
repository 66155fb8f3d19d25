import pytest
from django.test import Client

from kuzbas.members.services import issue_api_token
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_openapi_schema_is_published(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    assert "/api/members/people" in response.json()["paths"]


def test_the_docs_page_loads_only_from_our_own_server(client):
    response = client.get("/api/docs")

    assert response.status_code == 200
    assert b"cdn" not in response.content.lower()


def test_a_bearer_token_authenticates_and_is_shown_only_once(colonist):
    token, raw = issue_api_token(actor=colonist.user, name="phone")
    api = Client()

    response = api.get("/api/me", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 200
    assert response.json()["roles"] == ["colonist"]
    token.refresh_from_db()
    assert raw not in token.digest and token.last_used is not None


def test_a_wrong_token_is_answered_with_401_in_json(db):
    response = Client().get("/api/me", headers={"Authorization": "Bearer kz_nonsense"})

    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_a_refusal_names_the_missing_right(colonist):
    response = colonist.client.post(
        "/api/members/people", {"name_latin": "X"}, content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "not_permitted"
    assert response.json()["rule"] == "right.members.edit"
    assert "members.edit" not in response.json()["message"]  # the message is for a person


def test_invalid_json_fields_are_named(clerk):
    response = clerk.client.post(
        "/api/members/people",
        {"name_latin": "", "languages": "nl"},
        content_type="application/json",
    )

    body = response.json()
    assert response.status_code == 422
    fields = {p["field"] for p in body["problems"]}
    assert {"name_latin", "languages"} <= fields


def test_a_malformed_body_is_a_clear_422_not_a_500(clerk):
    response = clerk.client.post(
        "/api/members/people", "{not json", content_type="application/json"
    )

    assert response.status_code in {400, 422}
    assert "message" in response.json() or "detail" in response.json()


def test_an_invalid_email_is_refused_with_its_field(clerk):
    response = clerk.client.post(
        "/api/members/people",
        {"name_latin": "Ok Name", "email": "not-an-address"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "email"


def test_the_people_list_is_paginated_and_costs_a_fixed_number_of_queries(
    colonist, django_assert_max_num_queries
):
    for _ in range(30):
        MembershipFactory(person=PersonFactory())
    # A first request fills the per-process caches (content types) that every later one reuses;
    # whether this test runs first in its process must not change what it measures.
    colonist.client.get("/api/members/people?limit=25")

    with django_assert_max_num_queries(8):
        response = colonist.client.get("/api/members/people?limit=25")

    body = response.json()
    assert body["count"] == 31
    assert len(body["items"]) == 25


def test_private_email_is_shown_to_a_clerk_but_not_to_a_colonist(personas):
    PersonFactory(key="reese", email="reese@example.org")

    as_clerk = personas["clerk"].client.get("/api/members/people/reese").json()
    as_colonist = personas["colonist"].client.get("/api/members/people/reese").json()

    assert as_clerk["email"] == "reese@example.org"
    assert as_colonist["email"] is None


def test_headcount_on_a_date(colonist):
    response = colonist.client.get("/api/members/headcount?on=1922-10-01")

    assert response.status_code == 200
    assert response.json()["members_total"] == 1


def test_a_headcount_date_that_is_not_a_date_is_named(colonist):
    response = colonist.client.get("/api/members/headcount?on=yesterday")

    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "on"


def test_a_missing_query_parameter_is_named_even_when_it_is_called_body(clerk):
    response = clerk.client.get("/api/governance/proxies")

    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "body"


def test_a_phone_logs_in_for_a_token_and_a_wrong_password_gets_401(colonist, settings):
    settings.AXES_FAILURE_LIMIT = 3
    client = Client()
    username = colonist.user.get_username()
    issued = client.post(
        "/api/token",
        {"username": username, "password": "correct horse battery", "name": "my phone"},
        "application/json",
    )
    assert issued.status_code == 201
    token = issued.json()["token"]
    me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["username"] == username
    assert colonist.user.api_tokens.get().name == "my phone"

    for _attempt in range(2):
        wrong = client.post(
            "/api/token", {"username": username, "password": "guess"}, "application/json"
        )
        assert wrong.status_code == 401 and wrong.json()["code"] == "unauthenticated"
    locked = client.post(
        "/api/token", {"username": username, "password": "guess"}, "application/json"
    )
    assert locked.status_code == 429 and locked.json()["code"] == "locked_out"
    refused = client.post(
        "/api/token",
        {"username": username, "password": "correct horse battery"},
        "application/json",
    )
    assert refused.status_code == 429  # locked out, even with the right password
    assert colonist.user.api_tokens.count() == 1


@pytest.mark.parametrize("query", ["limit=4649941305576094433280", "offset=99999999999999999999"])
def test_a_page_past_what_the_database_counts_is_refused_by_field_not_a_server_error(clerk, query):
    response = clerk.client.get(f"/api/members/people?{query}")

    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == query.split("=")[0]
