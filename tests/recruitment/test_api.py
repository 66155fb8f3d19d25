"""The recruitment API: the bureau writes and opens a call, enters a paper application, screens
and refuses it; readers get calls and the balance; applications are the screeners' alone."""

from __future__ import annotations

import pytest

from kuzbas.recruitment.models import Application, Call

pytestmark = pytest.mark.django_db


def post(persona, path, body):
    return persona.client.post(path, body, content_type="application/json")


def test_the_bureau_writes_and_opens_a_call_through_the_api(bureau, bureau_clerk):
    written = post(
        bureau_clerk,
        "/api/recruitment/calls",
        {
            "bureau": bureau.key,
            "key": "api-call",
            "title": "Miners wanted",
            "opens": "1922-03-01",
            "contribution": {"amount": "100.00", "currency": "USD"},
            "trades": [{"trade": "miner", "wanted": 40}],
        },
    )
    assert written.status_code == 201, written.json()
    assert written.json()["status"] == "draft"
    assert written.json()["contribution"] == {"amount": "100.00", "currency": "USD"}

    opened = post(bureau_clerk, "/api/recruitment/calls/api-call/open", {})

    assert opened.json()["status"] == "open" and opened.json()["open_today"] is True


def test_a_contribution_in_an_unknown_currency_is_refused_naming_the_field(bureau, bureau_clerk):
    answer = post(
        bureau_clerk,
        "/api/recruitment/calls",
        {
            "bureau": bureau.key,
            "key": "api-call",
            "title": "T",
            "opens": "1922-03-01",
            "contribution": {"amount": "100", "currency": "ZZZ"},
        },
    )

    assert answer.status_code == 422
    assert answer.json()["problems"][0]["field"] == "contribution_currency"
    assert not Call.objects.exists()


def test_the_clerk_enters_a_paper_application_and_refuses_it(call, reason, bureau_clerk):
    entered = post(
        bureau_clerk,
        f"/api/recruitment/calls/{call.key}/applications",
        {
            "name": "Ivan Petrov",
            "phone": "+7 495 000 0000",
            "trade": "miner",
            "answers": {"tools": "yes"},
            "consent": True,
        },
    )
    assert entered.status_code == 201, entered.json()
    pk = entered.json()["id"]
    assert entered.json()["source"] == "paper"

    refused = post(
        bureau_clerk, f"/api/recruitment/applications/{pk}/refuse", {"reason": reason.key}
    )

    assert refused.json()["state"] == "refused"
    assert refused.json()["refusal_reason"] == reason.key


def test_a_paper_application_without_consent_is_refused_and_not_stored(call, bureau_clerk):
    answer = post(
        bureau_clerk,
        f"/api/recruitment/calls/{call.key}/applications",
        {"name": "Ivan Petrov", "phone": "1234567", "trade": "miner", "consent": False},
    )

    assert answer.status_code == 422
    fields = {p["field"] for p in answer.json()["problems"]}
    assert {"consent", "answers.tools"} <= fields
    assert not Application.objects.exists()


def test_applications_are_not_for_readers(call, colonist):
    assert colonist.client.get("/api/recruitment/applications").status_code == 403
    assert colonist.client.get(f"/api/recruitment/calls/{call.key}").status_code == 200
