"""The timeline page, its downloads, an event's page and the form that enters one."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.record import event_services
from kuzbas.record.models import Event, Evidence, Source
from tests.conftest import make_persona

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(records, operator):
    """Two events (one disputed by another source) and a periodization over the records."""
    source = Source.objects.get(key="rgaspi-626-1-6")
    other = Source.objects.create(key="tarle-1968", kind="book", title="Друзья страны Советов")
    event_services.create_event(
        actor=operator,
        key="pumps-arrive",
        title="The pumps arrive",
        kind="arrival",
        date="1923-05",
        people=["rutgers"],
        bodies=["managing-board"],
        concerns=[("governance.decision", str(records.decision.sequence))],
        citations=[{"source": source, "locator": "l. 3"}],
    )
    event_services.create_event(
        actor=operator,
        key="pumps-arrive-tarle",
        title="The pumps arrive late",
        kind="arrival",
        date="1923-07",
        version_of="pumps-arrive",
        citations=[{"source": other, "locator": "p. 345"}],
    )
    event_services.add_periodization(
        actor=operator,
        key="galkina",
        author="L.Iu. Galkina",
        work="AIC Kuzbas",
        periods=[
            {"name": "Organizational period", "start": "1921-10-20", "end": "1922-08"},
            {"name": "Managing period", "start": "1923-03", "end": "1924-12"},
        ],
        citations=[{"source": source}],
    )
    return records


def test_the_timeline_shows_bands_items_from_every_area_and_the_disagreement(history, clerk):
    page = clerk.client.get("/record/timeline/").content.decode()
    assert "Organizational period" in page and 'class="band"' in page
    assert "The pumps arrive" in page and "The pumps arrive late" in page
    assert "The sources disagree:" in page
    # Derived without retyping: the register entry, the meeting and the mine's rows.
    assert f'href="/governance/register/{history.decision.sequence}/"' in page
    assert f'href="/meetings/{history.meeting.pk}/"' in page
    assert 'href="/record/sources/tarle-1968/"' in page


def test_filtering_by_person_keeps_only_the_events_they_took_part_in(history, clerk):
    page = clerk.client.get("/record/timeline/", {"person": "rutgers"}).content.decode()
    assert "The pumps arrive" in page
    assert f'href="/meetings/{history.meeting.pk}/"' not in page


def test_filtering_by_source_finds_an_event_through_its_other_version(history, clerk):
    page = clerk.client.get("/record/timeline/", {"source": "tarle-1968"}).content.decode()
    assert 'data-uid="record.event:pumps-arrive"' in page
    assert f'data-uid="governance.decision:{history.decision.sequence}"' not in page


def test_zooming_to_a_year_leaves_the_others_outside_the_window(history, clerk):
    page = clerk.client.get("/record/timeline/", {"from": "1921", "to": "1922"})
    assert "The pumps arrive" not in page.content.decode()
    assert "more events lie outside this window" in page.content.decode()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "1923-13"}, "from"),
        ({"kind": "party"}, "kind"),
        ({"from": "1924", "to": "1923"}, "to"),
    ],
)
def test_a_bad_filter_is_refused_naming_it(history, clerk, params, field):
    response = clerk.client.get("/api/record/events", params)
    assert response.status_code == 422
    assert field in [p["field"] for p in response.json()["problems"]]
    assert clerk.client.get("/record/timeline/", params).status_code == 422


@pytest.mark.parametrize(
    ("fmt", "content_type", "magic"),
    [
        ("svg", "image/svg+xml", b"<svg"),
        ("png", "image/png", b"\x89PNG"),
        ("pdf", "application/pdf", b"%PDF"),
    ],
)
def test_the_timeline_downloads_as_an_image_and_a_pdf(history, clerk, fmt, content_type, magic):
    response = clerk.client.get(f"/record/timeline.{fmt}", {"kind": "arrival"})
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)


def test_the_drawing_on_the_page_keeps_its_event_links_outside_an_image_role(history, clerk):
    # An image's content is presentational: links inside one are nested interactive controls.
    page = clerk.client.get("/record/timeline/").content.decode()
    drawing = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="group"' in drawing and 'role="img"' not in drawing
    assert "<a href=" in drawing
    standalone = clerk.client.get("/record/timeline.svg").content.decode()
    assert 'role="img"' in standalone


def test_an_outsider_may_not_read_the_timeline(history):
    anonymous = make_persona("anonymous")
    assert anonymous.client.get("/record/timeline/").status_code in (302, 403)
    assert anonymous.client.get("/api/record/events").status_code in (401, 403)


def test_an_events_page_shows_its_versions_side_by_side_and_the_sources_panel(history, clerk):
    page = clerk.client.get("/record/events/pumps-arrive-tarle/").content.decode()
    assert "another source&#x27;s version of" in page or "another source's version of" in page
    assert "The pumps arrive late" in page and 'data-testid="sources"' in page


def test_a_clerk_enters_an_event_through_the_form_and_it_is_audited(history, clerk):
    response = clerk.client.post(
        "/record/events/new/",
        {
            "key": "new-pumps",
            "title": "New pumps ordered",
            "kind": "decision",
            "date": "1923-05-02",
            "people": "rutgers",
            "source": "rgaspi-626-1-6",
            "locator": "l. 4",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get(key="new-pumps")
    assert event.date == dt.date(1923, 5, 2)
    assert AuditEntry.objects.filter(action="record.event.add", object_id=str(event.pk)).exists()


def test_the_form_names_the_bad_field_and_stores_nothing(history, clerk):
    response = clerk.client.post(
        "/record/events/new/",
        {
            "key": "bad",
            "title": "Bad",
            "kind": "decision",
            "date": "1923-02-30",
            "source": "rgaspi-626-1-6",
        },
    )
    assert response.status_code == 422
    assert "is not a date" in response.content.decode()
    assert not Event.objects.filter(key="bad").exists()


def test_a_colonist_may_read_but_not_enter_events(history, colonist):
    assert colonist.client.get("/record/timeline/").status_code == 200
    assert colonist.client.get("/record/events/new/").status_code == 403
    response = colonist.client.post(
        "/api/record/events",
        {"key": "x", "title": "X", "kind": "other", "date": "1923"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Event.objects.filter(key="x").exists()


def test_the_api_lists_events_with_their_sources_and_versions(history, clerk):
    rows = clerk.client.get("/api/record/events", {"kind": "arrival"}).json()
    pumps = next(r for r in rows if r["id"] == "record.event:pumps-arrive")
    assert pumps["disputed"] is True
    assert [v["sources"][0]["source"] for v in pumps["versions"]] == ["tarle-1968"]
    assert pumps["people"][0]["key"] == "rutgers"
    assert pumps["records"][0]["url"] == f"/governance/register/{history.decision.sequence}/"
    assert {r["kind"] for r in rows} == {"arrival"}


def test_the_api_enters_an_event_and_names_a_bad_source(history, clerk):
    body = {
        "key": "api-event",
        "title": "Entered through the API",
        "kind": "meeting",
        "date": "1923-05-09",
        "bodies": ["general-meeting"],
        "citations": [{"source": "nowhere"}],
    }
    response = clerk.client.post("/api/record/events", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["problems"][0]["field"] == "citations[1].source"
    body["citations"] = [{"status": Evidence.ILLUSTRATIVE, "note": "made up for the test"}]
    response = clerk.client.post("/api/record/events", body, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["bodies"][0]["key"] == "general-meeting"


def test_the_api_lists_periodizations_with_their_periods(history, clerk):
    rows = clerk.client.get("/api/record/periodizations").json()
    assert [p["name"] for p in rows[0]["periods"]] == ["Organizational period", "Managing period"]
    assert rows[0]["periods"][0]["when"] == "1921-10-20 – 1922-08"


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_timeline_costs_the_same_queries_however_many_events_it_shows(history, clerk):
    source = Source.objects.get(key="rgaspi-626-1-6")
    clerk.client.get("/record/timeline/")  # content types cached, as in a running server
    before = _queries(clerk.client, "/record/timeline/")
    for n in range(3):
        event_services.create_event(
            actor=clerk.user,
            key=f"more-{n}",
            title=f"More {n}",
            kind="meeting",
            date=f"192{n + 2}-02",
            people=["rutgers"],
            bodies=["general-meeting"],
            citations=[{"source": source}],
        )
        event_services.create_event(
            actor=clerk.user,
            key=f"more-{n}-other",
            title=f"More {n}, as another source has it",
            kind="meeting",
            date=f"192{n + 2}-03",
            version_of=f"more-{n}",
            citations=[{"source": source}],
        )
    assert _queries(clerk.client, "/record/timeline/") == before


def test_the_timeline_speaks_russian(history, clerk):
    page = clerk.client.get("/record/timeline/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "<h1>Хронология</h1>" in page
    assert "Источники расходятся:" in page
    assert "прибытие" in page  # the kind of the hand-entered arrival


def test_with_the_record_public_a_visitor_reads_the_history_but_not_the_other_areas(
    history, settings
):
    settings.KUZBAS_PUBLIC_RECORD = True
    visitor = make_persona("anonymous")

    page = visitor.client.get("/record/timeline/")
    event = visitor.client.get("/record/events/pumps-arrive/")

    text = page.content.decode()
    assert page.status_code == 200 and event.status_code == 200
    assert "The pumps arrive late" in text and "Organizational period" in text
    # Items derived from the other areas (the meeting) stay behind the login with their pages.
    assert f'href="/meetings/{history.meeting.pk}/"' not in text
    assert visitor.client.get("/governance/register/").status_code == 302
