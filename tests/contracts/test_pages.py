"""The contracts' pages and API as a keeper and a reader use them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kuzbas.contracts.models.contracts import Contract
from kuzbas.contracts.models.versions import VersionStatus
from kuzbas.contracts.services import versions
from tests.contracts.conftest import carry, lease
from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def keeper(client, world):
    client.force_login(world.keeper)
    return client


@pytest.fixture
def reader(world):
    from django.test import Client

    person = PersonFactory(key="reader")
    MembershipFactory(person=person, valid_from=dt.date(2026, 1, 1))
    client = Client()
    client.force_login(UserFactory(username="reader", person=person))
    return client


def test_a_keeper_makes_a_contract_from_the_list_and_writes_its_first_clause(keeper, world):
    response = keeper.post(
        reverse("contracts:list"),
        {
            "key": "supply",
            "title": "Coal supply to the city",
            "enterprise": "coop",
            "counterparty": "kemerovo-city",
        },
    )
    assert response.status_code == 302
    clause = keeper.post(
        reverse("contracts:add_clause", args=["supply", 1]),
        {"number": "1", "text": "Поставка угля.", "translation": "Supply of coal."},
    )
    page = keeper.get(reverse("contracts:version", args=["supply", 1])).content.decode()

    assert clause.status_code == 302
    assert "Поставка угля." in page and "Supply of coal." in page
    assert Contract.objects.get(key="supply").parties.count() == 2


def test_a_contract_naming_an_unknown_party_is_refused_at_that_field(keeper, world):
    response = keeper.post(
        reverse("contracts:list"),
        {"key": "supply", "title": "Supply", "enterprise": "coop", "counterparty": "nobody"},
    )

    assert response.status_code == 422
    assert "There is no party “nobody”" in response.content.decode()
    assert not Contract.objects.filter(key="supply").exists()


def test_submitting_from_the_page_names_the_motion_and_the_body(keeper, world):
    lease(world)

    response = keeper.post(reverse("contracts:submit", args=["lease", 1]), follow=True)

    text = response.content.decode()
    assert "is filed with the General meeting" in text or "is filed with the general" in text
    assert "motion-link" in text


def test_the_diff_page_shows_the_words_an_amendment_changed(keeper, world):
    contract, first = lease(world)
    first = versions.submit(actor=world.keeper, version=first)
    carry(world, first.motion)
    second = versions.new_version(actor=world.keeper, contract=contract)
    clause = second.clauses.get(number="2")
    keeper.post(
        reverse("contracts:clause", args=["lease", 2, clause.pk]),
        {"number": "2", "text": clause.text.replace("1000", "1500")},
    )

    page = keeper.get(reverse("contracts:diff", args=["lease", 2])).content.decode()

    assert "<del>1000</del><ins>1500</ins>" in page
    assert "1 changed" in page


def test_an_obligation_with_a_coal_target_is_recorded_from_the_version_page(keeper, world):
    _contract, first = lease(world)
    first = versions.submit(actor=world.keeper, version=first)
    carry(world, first.motion)

    response = keeper.post(
        reverse("contracts:add_obligation", args=["lease", 1]),
        {
            "title": "1000 t of coal",
            "debtor": "enterprise",
            "kind": "output",
            "clause": "2",
            "due": "2026-06",
            "product": "coal",
            "target": "1000",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
        },
    )
    due = keeper.get(reverse("contracts:due")).content.decode()

    assert response.status_code == 302
    obligation = first.obligations.get()
    assert (obligation.due, obligation.due_precision) == (dt.date(2026, 6, 30), "month")
    assert "1000 t of coal" in due


def test_a_reader_sees_the_contract_but_no_form(reader, world):
    lease(world)

    page = reader.get(reverse("contracts:contract", args=["lease"]))
    version = reader.get(reverse("contracts:version", args=["lease", 1])).content.decode()
    refused = reader.post(reverse("contracts:submit", args=["lease", 1]))

    assert page.status_code == 200
    assert "clause-form" not in version and "submit-version" not in version
    assert refused.status_code == 403


def test_the_api_brings_a_version_into_force_through_the_meeting(keeper, world):
    keeper.post(
        "/api/contracts/",
        {
            "key": "loan",
            "title": "Loan from the regional fund",
            "parties": [
                {"party": "coop", "role": "enterprise"},
                {"party": "kemerovo-city", "role": "counterparty"},
            ],
        },
        content_type="application/json",
    )
    keeper.post(
        "/api/contracts/loan/versions/1/clauses",
        {"number": "1", "text": "The fund lends 1,000,000 RUB."},
        content_type="application/json",
    )
    submitted = keeper.post("/api/contracts/loan/versions/1/submit").json()
    from kuzbas.governance.models import Motion

    carry(world, Motion.objects.get(number=submitted["motion"]))

    body = keeper.get("/api/contracts/loan").json()

    assert submitted["status"] == VersionStatus.SUBMITTED
    assert body["status"] == "in_force"
    assert body["versions"][0]["decision"] is not None
    assert [a["kind"] for a in body["acts"]] == ["concluded"]


def test_the_api_refuses_a_clause_on_a_version_in_force(keeper, world):
    _contract, first = lease(world)
    first = versions.submit(actor=world.keeper, version=first)
    carry(world, first.motion)

    response = keeper.post(
        "/api/contracts/lease/versions/1/clauses",
        {"number": "9", "text": "Late."},
        content_type="application/json",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "not_now"


@pytest.mark.parametrize("count", [1, 5])
def test_the_list_and_due_pages_cost_the_same_queries_for_one_contract_or_five(
    keeper, world, count, django_assert_max_num_queries
):
    from kuzbas.contracts.services import obligations

    for n in range(count):
        _contract, version = lease(world, key=f"lease-{n}")
        obligations.add_obligation(
            actor=world.keeper,
            version=version,
            clause=version.clauses.get(number="3"),
            debtor="enterprise",
            kind="payment",
            title=f"Rent {n}",
            due=dt.date(2026, 3, 31),
        )
        version = versions.submit(actor=world.keeper, version=version)
        carry(world, version.motion)
    keeper.get(reverse("contracts:due"))  # the first read checks the targets once

    with django_assert_max_num_queries(20):
        listed = keeper.get(reverse("contracts:list"))
    with django_assert_max_num_queries(20):
        due = keeper.get(reverse("contracts:due"))

    assert listed.status_code == due.status_code == 200
    assert due.content.decode().count("Rent ") == count


def test_the_signed_original_is_uploaded_and_answered_so_that_it_cannot_run(
    keeper, world, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    lease(world)
    pdf = b"%PDF-1.4\n%%EOF\n"

    uploaded = keeper.post(
        reverse("contracts:upload_original", args=["lease", 1]),
        {"file": SimpleUploadedFile("signed.pdf", pdf)},
    )
    answer = keeper.get(reverse("contracts:original", args=["lease", 1]))

    assert uploaded.status_code == 302
    assert b"".join(answer.streaming_content) == pdf
    assert answer["Content-Type"] == "application/pdf"
    assert answer["Content-Security-Policy"] == "sandbox"


def test_the_api_diff_and_a_status_recorded_by_hand(keeper, world):
    _contract, first = lease(world)
    first = versions.submit(actor=world.keeper, version=first)
    carry(world, first.motion)
    first.refresh_from_db()
    keeper.post("/api/contracts/lease/versions", {}, content_type="application/json")
    keeper.delete("/api/contracts/lease/versions/2/clauses/3")
    from kuzbas.contracts.services import obligations

    rent = obligations.add_obligation(
        actor=world.keeper,
        version=first,
        clause=first.clauses.get(number="1"),
        debtor="enterprise",
        kind="report",
        title="Annual report to the city",
    )

    compared = keeper.get("/api/contracts/lease/versions/2/diff").json()
    met = keeper.post(
        f"/api/contracts/obligations/{rent.pk}/status",
        {"status": "met", "proof": "Report No. 1 sent on 1 March."},
        content_type="application/json",
    ).json()

    assert (compared["removed"], compared["changes"][-1]["kind"]) == (1, "removed")
    assert (met["status"], met["status_by"], met["proof"]) == (
        "met",
        "hand",
        "Report No. 1 sent on 1 March.",
    )


def test_a_keeper_adds_a_party_with_its_source_from_the_parties_page(keeper, world):
    from kuzbas.contracts.models.parties import Party
    from tests.factories import SourceFactory

    SourceFactory(key="fund-charter")

    response = keeper.post(
        reverse("contracts:parties"),
        {
            "key": "regional-fund",
            "name": "Regional development fund",
            "kind": "lender",
            "source": "fund-charter",
            "locator": "art. 2",
        },
    )

    assert response.status_code == 302
    party = Party.objects.get(key="regional-fund")
    assert party.citations.get().locator == "art. 2"
