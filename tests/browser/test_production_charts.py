"""A colonist opens the production dashboard and a unit page, and the charts draw."""

import gzip

import pytest
from playwright.sync_api import expect

from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.production.conftest import load_production_with_its_sources

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def history(transactional_db, operator):
    load_production_with_its_sources(operator)
    colonist = PersonFactory(key="sparks", name_latin="N. Sparks")
    MembershipFactory(person=colonist)
    UserFactory(username="sparks", person=colonist)


def log_in(page, live_server):
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("sparks")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_test_id("account-link")).to_have_text("sparks")


def expect_charts_drawn(page, keys):
    # The chart library is fetched when a chart comes near the screen.
    page.get_by_test_id(f"chart-{keys[0]}").scroll_into_view_if_needed()
    for key in keys:
        chart = page.get_by_test_id(f"chart-{key}")
        expect(chart).to_have_attribute("data-rendered", "yes", timeout=15_000)
        expect(chart.locator("svg").first).to_be_visible()


def test_the_dashboard_and_a_unit_page_draw_their_charts_without_errors(page, live_server, history):
    log_in(page, live_server)
    page.goto(live_server.url + "/production/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Production")
    expect_charts_drawn(page, ("output", "headcount", "productivity", "plan"))
    expect(page.locator("mark.illustrative").first).to_be_visible()

    page.get_by_role("link", name="Kemerovo mine 1").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kemerovo mine 1")
    expect_charts_drawn(page, ("output", "headcount", "productivity", "plan"))
    assert page.console_errors == []


@pytest.fixture
def statistician(history):
    from kuzbas.core.rights import Role
    from tests.factories import RoleGrantFactory

    person = PersonFactory(key="statistician", name_latin="A. Statistician")
    MembershipFactory(person=person)
    RoleGrantFactory(user=UserFactory(username="stat", person=person), role=Role.CLERK)


@pytest.fixture
def pumps_decision(history, operator):
    """Decision No. 1 (the board's pumps, 2 May 1923); the register is emptied afterwards.

    A live-server test empties the tables by deleting rows, which the register's triggers
    refuse, so the entries are removed behind the application's back as in demo_colony.
    """
    import datetime as dt
    import importlib
    from pathlib import Path

    from django.db import connection

    import kuzbas
    from kuzbas.governance.models import Seat
    from kuzbas.governance.services import decisions, motions, seat_holdings, statute_book

    statutes = Path(kuzbas.__file__).parent / "demo" / "statutes"
    for name in ("aick-1921.toml", "aick-1922-10.toml"):
        statute_book.load_statute_version(actor=operator, path_or_text=statutes / name)
    seats = {seat.key: seat for seat in Seat.objects.filter(body__key="managing-board")}
    for n, seat_key in enumerate(("sto_representative", "colony", "colony")):
        seat_holdings.add_seat_holding(
            actor=operator,
            seat=seats[seat_key],
            person=PersonFactory(key=f"board-{n}"),
            valid_from=dt.date(1922, 11, 1),
        )
    motion = motions.file_motion(
        actor=operator,
        title="Choice of mine pumps",
        text="Buy two pumps for the flooded shaft.",
        matter="technical",
        body="managing-board",
        as_of=dt.date(1923, 5, 1),
    )
    yield decisions.record_counted_vote(
        actor=operator,
        motion=motion,
        yes=2,
        no=1,
        abstain=0,
        present=3,
        decided_on=dt.date(1923, 5, 2),
    )
    triggers = importlib.import_module(
        "kuzbas.governance.migrations.0004_register_refuses_update_and_delete"
    )
    install, remove = triggers.STATEMENTS[connection.vendor]
    with connection.cursor() as cursor:
        for statement in remove:
            cursor.execute(statement)
        cursor.execute("DELETE FROM governance_decision")
        for statement in install:
            cursor.execute(statement)


def test_a_chart_downloads_as_an_svg_image(page, live_server, history):
    log_in(page, live_server)
    page.goto(live_server.url + "/production/units/kemerovo-mine-1/")
    link = page.get_by_test_id("download-output-svg")
    expect(link).to_be_visible()
    # The system's Chromium raises no download event; fetch the link in the page's session.
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-disposition"] == (
        'attachment; filename="kuzbas-output-kemerovo-mine-1-coal.svg"'
    )
    assert response.body().startswith(b"<svg")
    assert b"Illustrative, not from a source" in response.body()


def test_a_colonist_asks_for_a_month_s_report_and_gets_a_pdf(page, live_server, history):
    log_in(page, live_server)
    page.goto(live_server.url + "/production/")
    page.get_by_test_id("report-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Monthly production report")
    page.get_by_label("Month").fill("1923-04")
    with page.expect_response(lambda r: "/production/report/?month=" in r.url) as answer:
        page.get_by_role("button", name="Make the PDF").click()
    response = answer.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    # The browser shows it in its PDF viewer; the file itself is fetched in the same session.
    assert page.request.get(response.url).body().startswith(b"%PDF-")


def test_a_statistician_links_a_decision_on_a_unit_page_and_unlinks_it(
    page, live_server, statistician, pumps_decision
):
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("stat")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/production/units/kemerovo-mine-1/")

    form = page.get_by_test_id("link-form")
    form.locator("summary").click()
    form.get_by_label("Register entry No.").fill("1")
    form.get_by_label("Output per worker", exact=True).check()
    form.get_by_role("button", name="Link").click()

    expect(page.get_by_text("Decision No. 1 is linked to 1 figure.")).to_be_visible()
    impact = page.locator("[data-testid^='impact-']")
    expect(impact.get_by_role("link", name="Decision No. 1 of 2 May 1923")).to_be_visible()
    chart = impact.locator("[data-testid^='chart-impact-']")
    chart.scroll_into_view_if_needed()
    expect(chart).to_have_attribute("data-rendered", "yes", timeout=15_000)

    impact.get_by_role("button", name="Unlink decision No. 1").click()
    expect(page.get_by_text("Decision No. 1 is no longer linked")).to_be_visible()
    expect(page.locator("[data-testid^='impact-']")).to_have_count(0)
    assert page.console_errors == []


FIRST_VIEW_LIMIT = 300_000


def test_the_dashboards_first_view_on_a_phone_transfers_under_300_kb(page, live_server, history):
    """Count what a first visit to the dashboard fetches before scrolling, each body as a
    compressing server sends it (gzip; the demo and production serve the collected files
    precompressed through whitenoise), then scroll: the charts still draw."""
    log_in(page, live_server)
    page.wait_for_load_state("networkidle")  # the page after the login has fetched all it will
    fetched = []
    page.on("response", lambda response: fetched.append(response))
    page.goto(live_server.url + "/production/")
    page.wait_for_load_state("networkidle")

    first_view = {r.url: len(gzip.compress(r.body(), 6)) for r in fetched if r.status == 200}
    assert not [url for url in first_view if "/vendor/vega" in url]
    assert sum(first_view.values()) < FIRST_VIEW_LIMIT, sorted(first_view.items())

    expect_charts_drawn(page, ("output", "headcount", "productivity", "plan"))
    assert [url for url in (r.url for r in fetched) if "/vendor/vega/" in url]
    assert page.console_errors == []
