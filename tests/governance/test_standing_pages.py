"""The register list, an entry's page, the API and the body page show whether a decision stands:
suspended while an appeal that suspends it is heard, overturned once one is upheld."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.governance.services import seat_holdings
from tests.factories import PersonFactory
from tests.governance.appeal_world import (
    APPEALED,
    DECIDED,
    HEARD,
    appeal_against,
    board_decides,
    sto_decides,
)
from tests.governance.conftest import seat

pytestmark = pytest.mark.django_db


@pytest.fixture
def on(settings):
    def set_today(day: dt.date) -> None:
        settings.KUZBAS_TODAY = day

    return set_today


def test_the_register_shows_a_decision_suspended_by_an_appeal(suspending, colonist, on):
    decision = board_decides()
    appeal = appeal_against(decision)
    on(APPEALED)

    text = colonist.client.get("/governance/register/").content.decode()

    cell = text.split(f'data-testid="standing-{decision.sequence}"')[1].split("</td>")[0]
    assert "suspended from 20 May 1923" in cell
    assert f"motion No. {appeal.motion.number}" in cell


def test_the_register_shows_the_overturned_decision_and_the_entry_that_overturned_it(
    suspending,
    colonist,
    on,
):
    decision = board_decides()
    upheld = sto_decides(appeal_against(decision), upheld=True)
    on(HEARD)

    text = colonist.client.get("/governance/register/").content.decode()

    cell = text.split(f'data-testid="standing-{decision.sequence}"')[1].split("</td>")[0]
    assert "overturned by" in cell
    assert f'href="/governance/register/{upheld.sequence}/"' in cell
    later = text.split(f'data-testid="standing-{upheld.sequence}"')[1].split("</td>")[0]
    assert "in force" in later


def test_the_entry_page_says_it_is_overturned_and_the_upholding_entry_says_what_it_overturns(
    suspending,
    colonist,
    on,
):
    decision = board_decides()
    upheld = sto_decides(appeal_against(decision), upheld=True)
    on(HEARD)

    original = colonist.client.get(f"/governance/register/{decision.sequence}/").content.decode()
    upholding = colonist.client.get(f"/governance/register/{upheld.sequence}/").content.decode()

    assert f"Overturned on 1923-06-15 by register entry No. {upheld.sequence}" in original
    assert "upheld" in original.split("<h2>Appeals</h2>")[1]
    assert (
        f'href="/governance/register/{decision.sequence}/"'
        in upholding.split('data-testid="overturns"')[1].split("</p>")[0]
    )


def test_the_entry_page_in_russian_names_the_standing(suspending, colonist, on):
    decision = board_decides()
    appeal_against(decision)
    on(APPEALED)

    text = colonist.client.get(
        f"/governance/register/{decision.sequence}/", HTTP_ACCEPT_LANGUAGE="ru"
    ).content.decode()

    assert "Приостановлено" in text


def test_the_api_gives_each_entry_its_standing(suspending, colonist, on):
    decision = board_decides()
    upheld = sto_decides(appeal_against(decision), upheld=True)
    on(HEARD)

    entries = {e["sequence"]: e for e in colonist.client.get("/api/governance/register").json()}
    one = colonist.client.get(f"/api/governance/register/{decision.sequence}").json()

    assert entries[decision.sequence]["standing"]["status"] == "overturned"
    assert entries[decision.sequence]["standing"]["by"] == upheld.sequence
    assert entries[upheld.sequence]["overturns"] == decision.sequence
    assert one["standing"] == entries[decision.sequence]["standing"]
    assert one["standing"]["rule"] == "appeal.to_sto"


def test_the_body_page_shows_the_decision_behind_a_holding_and_its_standing(
    suspending,
    clerk,
    colonist,
):
    decision = board_decides()
    holding = seat_holdings.appoint(
        actor=clerk.user,
        seat=seat("chief-engineer.holder"),
        person=PersonFactory(),
        valid_from=DECIDED,
        decision=decision,
    )
    appeal_against(decision)

    before = colonist.client.get("/governance/bodies/chief-engineer/", {"on": "1923-05-15"})
    during = colonist.client.get("/governance/bodies/chief-engineer/", {"on": "1923-05-25"})

    def cell(response) -> str:
        text = response.content.decode()
        return text.split(f'data-testid="holding-decision-{holding.pk}"')[1].split("</td>")[0]

    assert f'href="/governance/register/{decision.sequence}/"' in cell(before)
    assert "in force" in cell(before)
    assert "suspended from 20 May 1923" in cell(during)


def test_the_body_page_refuses_an_appointment_on_a_suspended_decision_with_its_rule(
    suspending,
    clerk,
):
    decision = board_decides()
    appeal_against(decision)

    response = clerk.client.post(
        "/governance/bodies/chief-engineer/seats/holder/",
        {
            "seat-" + str(seat("chief-engineer.holder").pk) + "-person": PersonFactory().key,
            "seat-" + str(seat("chief-engineer.holder").pk) + "-decision": decision.sequence,
            "seat-" + str(seat("chief-engineer.holder").pk) + "-valid_from": "1923-05-25",
        },
    )

    assert response.status_code == 409
    assert "Suspended from 1923-05-20" in response.content.decode()


def test_the_api_refuses_an_appointment_on_a_suspended_decision(suspending, clerk):
    decision = board_decides()
    appeal_against(decision)

    response = clerk.client.post(
        "/api/governance/bodies/chief-engineer/seats/holder/holdings",
        {"person": PersonFactory().key, "valid_from": "1923-05-25", "decision": decision.sequence},
        content_type="application/json",
    )

    assert response.status_code == 409
    assert (response.json()["code"], response.json()["rule"]) == (
        "refused_by_statute",
        "appeal.to_sto",
    )


def test_the_list_of_holdings_names_the_decision_and_its_standing(suspending, clerk, colonist):
    decision = board_decides()
    seat_holdings.appoint(
        actor=clerk.user,
        seat=seat("chief-engineer.holder"),
        person=PersonFactory(),
        valid_from=DECIDED,
        decision=decision,
    )
    appeal_against(decision)

    [row] = colonist.client.get(
        "/api/governance/bodies/chief-engineer/seats", {"on": "1923-05-25"}
    ).json()

    assert row["history"][0]["decision"] == decision.sequence
    assert row["history"][0]["decision_standing"] == "suspended"


def test_every_holding_seated_by_one_decision_shows_its_standing(suspending, clerk, colonist):
    decision = board_decides()
    first = seat_holdings.appoint(
        actor=clerk.user,
        seat=seat("chief-engineer.holder"),
        person=PersonFactory(),
        valid_from=DECIDED,
        decision=decision,
    )
    seat_holdings.resign(actor=clerk.user, holding=first, on=DECIDED + dt.timedelta(days=1))
    second = seat_holdings.appoint(
        actor=clerk.user,
        seat=seat("chief-engineer.holder"),
        person=PersonFactory(),
        valid_from=DECIDED + dt.timedelta(days=2),
        decision=decision,
    )
    appeal_against(decision)

    text = colonist.client.get(
        "/governance/bodies/chief-engineer/", {"on": "1923-05-25"}
    ).content.decode()

    for holding in (first, second):
        cell = text.split(f'data-testid="holding-decision-{holding.pk}"')[1].split("</td>")[0]
        assert "suspended from 20 May 1923" in cell
