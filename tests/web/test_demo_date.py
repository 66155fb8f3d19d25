"""The demo's date control: reads move to the chosen day; writes, the API and non-demo sites
never do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory

from kuzbas.core.clock import colony_today
from kuzbas.web.demo_date import SESSION_KEY, DemoDate

pytestmark = pytest.mark.django_db

COLONY_DAY = dt.date(1922, 10, 1)
CHOSEN = dt.date(1921, 12, 1)


@pytest.fixture
def demo(settings):
    settings.KUZBAS_TODAY = COLONY_DAY
    settings.KUZBAS_DATE_CONTROL = True
    return settings


def seen_by(method: str, path: str) -> dt.date:
    """Return the day a request's view sees, with the session holding the chosen day."""
    request = getattr(RequestFactory(), method)(path)
    request.session = {SESSION_KEY: CHOSEN.isoformat()}
    seen = []
    DemoDate(lambda r: seen.append(colony_today()))(request)
    return seen[0]


def test_a_page_read_in_the_demo_sees_the_chosen_day(demo):
    assert seen_by("get", "/members/headcount/") == CHOSEN
    assert colony_today() == COLONY_DAY  # and only while the page is read


@pytest.mark.parametrize(("method", "path"), [("post", "/meetings/1/"), ("get", "/api/members")])
def test_a_write_and_the_api_keep_the_colonys_day(demo, method, path):
    assert seen_by(method, path) == COLONY_DAY


def test_outside_the_demo_a_chosen_day_is_ignored(demo):
    demo.KUZBAS_DATE_CONTROL = False
    assert seen_by("get", "/members/headcount/") == COLONY_DAY


def test_the_control_takes_a_day_of_1921_to_1927_and_refuses_another_naming_it(demo, client):
    response = client.post("/demo-date/", {"on": "1930-01-01", "next": "/"})
    assert response.status_code == 422
    assert "1921-01-01" in response.content.decode()
    assert SESSION_KEY not in client.session

    response = client.post("/demo-date/", {"on": "1921-12-01", "next": "/members/"})
    assert response.status_code == 302 and response["Location"] == "/members/"
    assert client.session[SESSION_KEY] == "1921-12-01"

    client.post("/demo-date/", {"reset": "1", "next": "https://elsewhere.example/"})
    assert SESSION_KEY not in client.session


def test_outside_the_demo_the_control_is_not_there(demo, client):
    demo.KUZBAS_DATE_CONTROL = False
    assert client.post("/demo-date/", {"on": "1921-12-01"}).status_code == 404
    assert 'data-testid="demo-date"' not in client.get("/").content.decode()
