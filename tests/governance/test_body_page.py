"""A body's page and its API: who holds each seat on a day, how the statute fills it, the
places left, and the history with its sources; appointments and their end recorded there."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kuzbas.core.actor import Operator
from kuzbas.governance.models import SeatHolding
from kuzbas.governance.services import seat_holdings
from tests.factories import PersonFactory, SourceFactory
from tests.governance.conftest import seat
from tests.governance.test_seat_holdings import carried

DAY = dt.date(1923, 5, 10)


@pytest.fixture
def demo_like(colony, clerk):
    """The board of 1922 as the demo records it, with sources, and Pearson's predecessor and
    Pearson as chief engineer."""
    operator = Operator("test")
    source = SourceFactory(key="n7", title="Organizatsiia AIK")
    people = {}
    for key, path in (
        ("rutgers", "managing-board.colony"),
        ("reese", "managing-board.colony"),
        ("shatov", "managing-board.sto_representative"),
    ):
        people[key] = PersonFactory(key=key, name_latin=key.capitalize())
        seat_holdings.add_seat_holding(
            actor=operator,
            seat=seat(path),
            person=people[key],
            valid_from=dt.date(1922, 11, 1),
            valid_to=dt.date(1926, 12, 31),
            citations=[{"source": source, "locator": "pp. 91-93"}],
        )
    seat_holdings.add_seat_holding(
        actor=operator,
        seat=seat("chief-engineer.holder"),
        person=PersonFactory(key="brown", name_latin="Brown"),
        valid_from=dt.date(1922, 11, 1),
        valid_to=dt.date(1923, 3, 31),
        to_precision="month",
    )
    return people


def page(client, key="managing-board", **query):
    return client.get(reverse("governance:body", args=[key]), query)


def test_the_body_page_shows_who_holds_each_seat_on_a_day(demo_like, colonist):
    response = page(colonist.client, on="1923-05-01")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Rutgers" in html and "Reese" in html and "Shatov" in html
    assert "Filled by appointment by" in html and "Council of Labor and Defense" in html
    assert "All places filled (2)" in html
    assert "pp. 91-93" in html
    assert "seat.managing-board.colony" in html


def test_a_place_left_is_vacant_and_its_holder_stays_in_the_history(demo_like, colonist):
    brown = SeatHolding.objects.get(person__key="brown")

    sitting = page(colonist.client, key="chief-engineer", on="1923-03-31").content.decode()
    left = page(colonist.client, key="chief-engineer", on="1923-04-01").content.decode()

    assert "All places filled (1)" in sitting
    assert "1 of 1 place vacant" in left
    assert "Brown" in left and brown.period in left  # the end's month precision kept


def test_a_day_that_is_not_a_date_is_refused_naming_the_field(demo_like, colonist):
    response = page(colonist.client, on="1923-13-45")
    assert response.status_code == 422
    assert 'data-testid="error-on"' in response.content.decode()


def test_an_unknown_body_is_not_found(colony, colonist):
    assert page(colonist.client, key="no-such-body").status_code == 404


def test_the_body_page_reads_in_a_fixed_number_of_queries(demo_like, colonist):
    page(colonist.client, on="1923-05-01")  # warm the statute's parse
    with CaptureQueriesContext(connection) as few:
        page(colonist.client, on="1923-05-01")
    for n in range(10):
        seat_holdings.add_seat_holding(
            actor=Operator("test"),
            seat=seat("managing-board.colony"),
            person=PersonFactory(),
            valid_from=dt.date(1927, 1, 1) + dt.timedelta(days=10 * n),
            valid_to=dt.date(1927, 1, 1) + dt.timedelta(days=10 * n + 5),
            citations=[{"status": "illustrative", "note": f"row {n}"}],
        )
    with CaptureQueriesContext(connection) as many:
        page(colonist.client, on="1923-05-01")
    assert len(many) == len(few)


def test_the_api_shows_the_seats_on_a_day_with_history(demo_like, colonist):
    response = colonist.client.get("/api/governance/bodies/managing-board/seats?on=1923-05-01")

    assert response.status_code == 200
    seats = {s["seat"]: s for s in response.json()}
    colony = seats["colony"]
    assert colony["filled_by"] == "election"
    assert (colony["places"], colony["vacant"]) == (2, 0)
    assert sorted(h["person"] for h in colony["holders"]) == ["reese", "rutgers"]
    sto = seats["sto_representative"]
    assert sto["appointed_by"] == "sto"
    assert sto["history"][0]["citations"][0]["locator"] == "pp. 91-93"
    assert sto["history"][0]["valid_to"] == "1926-12-31"


def test_the_api_refuses_a_day_that_is_not_a_date(demo_like, colonist):
    response = colonist.client.get("/api/governance/bodies/managing-board/seats?on=someday")
    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "on"


def test_the_api_reads_in_a_fixed_number_of_queries(demo_like, colonist):
    url = "/api/governance/bodies/managing-board/seats?on=1923-05-01"
    colonist.client.get(url)
    with CaptureQueriesContext(connection) as few:
        colonist.client.get(url)
    for n in range(10):
        seat_holdings.add_seat_holding(
            actor=Operator("test"),
            seat=seat("managing-board.sto_representative"),
            person=PersonFactory(),
            valid_from=dt.date(1927, 1, 1) + dt.timedelta(days=10 * n),
            valid_to=dt.date(1927, 1, 1) + dt.timedelta(days=10 * n + 5),
        )
    with CaptureQueriesContext(connection) as many:
        colonist.client.get(url)
    assert len(many) == len(few)


# Recording from the page and the API


def test_a_clerk_appoints_a_chief_engineer_from_the_page(demo_like, clerk):
    decision = carried("managing-board", "management")
    url = reverse("governance:seat_appoint", args=["chief-engineer", "holder"])
    prefix = f"seat-{seat('chief-engineer.holder').pk}"
    PersonFactory(key="pearson", name_latin="Pearson")

    response = clerk.client.post(
        url,
        {
            "on": "1923-05-10",
            f"{prefix}-person": "pearson",
            f"{prefix}-decision": decision.sequence,
            f"{prefix}-valid_from": "1923-05-10",
        },
    )

    assert response.status_code == 302
    assert response["Location"].endswith("?on=1923-05-10#seats")
    html = page(clerk.client, key="chief-engineer", on="1923-05-10").content.decode()
    assert "Pearson" in html and "All places filled (1)" in html


def test_the_appointment_form_finds_the_person_by_name_not_by_a_typed_key(demo_like, clerk):
    prefix = f"seat-{seat('chief-engineer.holder').pk}"
    html = page(clerk.client, key="chief-engineer", on="1923-05-10").content.decode()
    box = re.search(rf'<input[^>]*name="{prefix}-person"[^>]*>', html).group(0)
    assert f'list="people-for-id_{prefix}-person"' in box
    assert f'hx-get="/members/choices/?field={prefix}-person"' in box
    assert f'<datalist id="people-for-id_{prefix}-person">' in html
    assert "key in the registry" not in html


def test_the_page_refuses_a_decision_of_the_wrong_body_and_stores_nothing(demo_like, clerk):
    decision = carried("managing-board", "management")
    prefix = f"seat-{seat('managing-board.sto_representative').pk}"
    before = SeatHolding.objects.count()

    response = clerk.client.post(
        reverse("governance:seat_appoint", args=["managing-board", "sto_representative"]),
        {
            f"{prefix}-person": "rutgers",
            f"{prefix}-decision": decision.sequence,
            f"{prefix}-valid_from": "1927-01-01",
        },
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200  # htmx swaps the section with the error in place
    assert 'data-testid="error-seat-' in response.content.decode()
    assert "Council of Labor and Defense" in response.content.decode()
    assert SeatHolding.objects.count() == before


def test_the_page_refuses_a_date_that_is_not_a_date(demo_like, clerk):
    prefix = f"seat-{seat('chief-engineer.holder').pk}"
    before = SeatHolding.objects.count()
    response = clerk.client.post(
        reverse("governance:seat_appoint", args=["chief-engineer", "holder"]),
        {f"{prefix}-person": "rutgers", f"{prefix}-valid_from": "1923-02-30"},
    )
    assert response.status_code == 422
    assert f'data-testid="error-{prefix}-valid_from"' in response.content.decode()
    assert SeatHolding.objects.count() == before


def test_the_page_refuses_an_unknown_seat(demo_like, clerk):
    response = clerk.client.post(
        reverse("governance:seat_appoint", args=["managing-board", "treasurer"]), {}
    )
    assert response.status_code == 404


def test_a_clerk_ends_a_holding_from_the_page(demo_like, clerk):
    holding = SeatHolding.objects.get(person__key="shatov")
    prefix = f"holding-{holding.pk}"
    response = clerk.client.post(
        reverse("governance:holding_end", args=["managing-board", holding.pk]),
        {"on": "1924-01-01", f"{prefix}-on": "1923-12-31"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    holding.refresh_from_db()
    assert holding.valid_to == dt.date(1923, 12, 31)
    assert "1 of 1 place vacant" in response.content.decode()


def test_the_api_appoints_and_ends(demo_like, clerk):
    shatov = SeatHolding.objects.get(person__key="shatov")
    ended = clerk.client.post(
        f"/api/governance/bodies/managing-board/seats/sto_representative/holdings/{shatov.pk}/end",
        {"on": "1923-12-31"},
        content_type="application/json",
    )
    appointed = clerk.client.post(
        "/api/governance/bodies/managing-board/seats/sto_representative/holdings",
        {"person": "reese", "valid_from": "1924-01-01", "valid_to": "1924-06-30"},
        content_type="application/json",
    )
    assert ended.status_code == 200 and ended.json()["valid_to"] == "1923-12-31"
    assert appointed.status_code == 201
    assert appointed.json()["person"] == "reese"


def test_the_api_refuses_an_appointment_over_the_count(demo_like, clerk):
    before = SeatHolding.objects.count()
    response = clerk.client.post(
        "/api/governance/bodies/managing-board/seats/sto_representative/holdings",
        {"person": "reese", "valid_from": "1924-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert (response.json()["code"], response.json()["field"]) == ("conflict", "valid_from")
    assert SeatHolding.objects.count() == before


def test_the_api_refuses_an_appointment_by_the_wrong_body(demo_like, clerk):
    decision = carried("managing-board", "management")
    response = clerk.client.post(
        "/api/governance/bodies/managing-board/seats/sto_representative/holdings",
        {"person": "reese", "valid_from": "1927-01-01", "decision": decision.sequence},
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 409
    assert (body["code"], body["rule"]) == (
        "refused_by_statute",
        "seat.managing-board.sto_representative",
    )


def test_the_api_refuses_an_unknown_seat_and_a_date_that_is_not_a_date(demo_like, clerk):
    before = SeatHolding.objects.count()
    unknown = clerk.client.post(
        "/api/governance/bodies/managing-board/seats/treasurer/holdings",
        {"person": "reese", "valid_from": "1927-01-01"},
        content_type="application/json",
    )
    not_a_date = clerk.client.post(
        "/api/governance/bodies/managing-board/seats/sto_representative/holdings",
        {"person": "reese", "valid_from": "1927-02-30"},
        content_type="application/json",
    )
    assert (unknown.status_code, unknown.json()["field"]) == (404, "seat")
    assert not_a_date.status_code == 422
    assert not_a_date.json()["problems"][0]["field"] == "valid_from"
    assert SeatHolding.objects.count() == before


def test_the_api_ends_only_a_holding_of_the_seat_named(demo_like, clerk):
    rutgers = SeatHolding.objects.get(person__key="rutgers")
    response = clerk.client.post(
        f"/api/governance/bodies/managing-board/seats/sto_representative/holdings/{rutgers.pk}/end",
        {"on": "1923-12-31"},
        content_type="application/json",
    )
    rutgers.refresh_from_db()
    assert (response.status_code, response.json()["field"]) == (404, "holding")
    assert rutgers.valid_to == dt.date(1926, 12, 31)


def test_the_day_picker_swaps_only_the_seats_with_htmx(demo_like, colonist):
    response = colonist.client.get(
        reverse("governance:body", args=["managing-board"]),
        {"on": "1923-05-01"},
        headers={"HX-Request": "true", "HX-Target": "seats"},
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="seats">')
    assert "Rutgers" in html


def test_the_page_shows_why_an_elected_seat_is_not_appointed_to(demo_like, clerk):
    prefix = f"seat-{seat('managing-board.colony').pk}"
    response = clerk.client.post(
        reverse("governance:seat_appoint", args=["managing-board", "colony"]),
        {f"{prefix}-person": "shatov", f"{prefix}-valid_from": "1927-01-01"},
    )
    assert response.status_code == 409
    assert "not by appointment" in response.content.decode()
