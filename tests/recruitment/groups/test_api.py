"""The API of dispatch groups, contributions, arrival and the funnel."""

from __future__ import annotations

import pytest

from kuzbas.recruitment.models import Affiliation
from tests.recruitment.groups.factories import AdmittedFactory

pytestmark = pytest.mark.django_db

API = "/api/recruitment"


def test_the_bureau_walks_an_applicant_from_group_to_membership(bureau_clerk, group):
    applicant = AdmittedFactory(call__bureau=group.bureau)
    client = bureau_clerk.client
    joined = client.post(
        f"{API}/groups/{group.pk}/manifest",
        {"application": applicant.pk},
        content_type="application/json",
    )
    assert joined.status_code == 200
    assert [m["reference"] for m in joined.json()["manifest"]] == [applicant.reference]
    cash = client.post(
        f"{API}/admitted/{applicant.pk}/contributions/cash",
        {
            "amount": "100.00",
            "currency": "USD",
            "instalments": [
                {"amount": "50.00", "due": "1922-05-15"},
                {"amount": "50.00", "due": "1922-06-15"},
            ],
        },
        content_type="application/json",
    )
    assert cash.status_code == 201
    first = cash.json()["contributions"][0]["instalments"][0]["id"]
    paid = client.post(f"{API}/instalments/{first}/pay", {}, content_type="application/json")
    assert paid.json()["outstanding"] == [{"amount": "50.00", "currency": "USD"}]
    client.post(f"{API}/groups/{group.pk}/depart", {}, content_type="application/json")
    arrived = client.post(
        f"{API}/admitted/{applicant.pk}/arrive",
        {"on": "1922-07-25"},
        content_type="application/json",
    )
    assert arrived.json()["member_from"] == "1922-07-25"
    funnel = client.get(f"{API}/figures/funnel?by=call").json()
    assert funnel[0]["arrived"] == 1


def test_a_full_group_answers_a_conflict_and_stores_nothing(bureau_clerk, group):
    group.capacity = 0
    group.save()
    applicant = AdmittedFactory(call__bureau=group.bureau)
    response = bureau_clerk.client.post(
        f"{API}/groups/{group.pk}/manifest",
        {"application": applicant.pk},
        content_type="application/json",
    )
    assert response.status_code == 409
    applicant.refresh_from_db()
    assert applicant.dispatch_group is None


def test_a_reader_gets_the_balance_as_counts_and_no_manifest(colonist, bureau_clerk, group):
    applicant = AdmittedFactory(call__bureau=group.bureau)
    bureau_clerk.client.post(
        f"{API}/groups/{group.pk}/manifest",
        {"application": applicant.pk},
        content_type="application/json",
    )
    Affiliation.objects.create(application=applicant, group="CP")
    body = colonist.client.get(f"{API}/groups/{group.pk}").json()
    assert body["manifest"] is None
    assert {"group": "CP", "count": "<5"} in body["balance"]
    assert applicant.name not in str(body)


def test_an_instalment_in_a_float_like_amount_is_refused_naming_it(bureau_clerk):
    applicant = AdmittedFactory()
    response = bureau_clerk.client.post(
        f"{API}/admitted/{applicant.pk}/contributions/cash",
        {
            "amount": "100.00",
            "currency": "USD",
            "instalments": [{"amount": "100.001", "due": "1922-05-15"}],
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "instalments.1" in response.content.decode()
