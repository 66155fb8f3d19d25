"""The production pages: what they show, and that they cost a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kuzbas.production import selectors, services
from kuzbas.production.models.catalogue import Product, Unit
from tests.factories import EmploymentFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_the_colony_with_illustrative_data_marked(production_demo, colonist):
    response = colonist.client.get("/production/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="mines">7<' in html
    assert 'data-testid="plants">3<' in html
    assert 'class="illustrative"' in html
    for key in ("output", "headcount", "productivity", "plan"):
        assert f'id="chart-{key}-spec" type="application/json"' in html


def test_the_dashboard_costs_the_same_queries_whatever_the_number_of_units(
    production_demo, colonist
):
    with CaptureQueriesContext(connection) as demo:
        colonist.client.get("/production/")
    coal = Product.objects.get(key="coal")
    for n in range(5):
        unit = Unit.objects.create(key=f"extra-{n}", name=f"Extra {n}", kind="mine")
        unit.monthly.create(product=coal, month="1926-12-01", output=5, records=1)
    with CaptureQueriesContext(connection) as more:
        colonist.client.get("/production/")
    assert len(more) == len(demo) <= 20


def test_a_unit_page_shows_its_sources_and_charts(production_demo, colonist):
    html = colonist.client.get("/production/units/kemerovo-chemical-plant/").content.decode()
    assert "2 March 1924" in html
    assert "p. 157" in html
    assert 'id="chart-output-spec"' in html


def test_the_comparison_page_shows_the_documented_tripling(production_demo, colonist):
    response = colonist.client.get(
        "/production/compare/",
        {
            "product": "coal",
            "a_from": "1922-10",
            "a_to": "1922-10",
            "b_from": "1923-03",
            "b_to": "1923-04",
        },
    )
    html = response.content.decode()
    assert "3.000" in html
    assert "200.0" in html


def test_an_unknown_unit_is_not_found(production_demo, colonist):
    assert colonist.client.get("/production/units/nowhere/").status_code == 404


def test_the_import_page_previews_then_commits(colony, clerk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv = b"unit,on,category,count\nnorth,1923-01-01,all,12\n"
    preview = clerk.client.post(
        "/production/import/",
        {"kind": "headcount", "file": SimpleUploadedFile("h.csv", csv), "action": "preview"},
    )
    digest = preview.context["preview"].digest
    assert preview.context["preview"].created == 1
    committed = clerk.client.post("/production/import/", {"action": "commit", "digest": digest})
    assert committed.status_code == 302
    assert colony["north"].headcounts.get().count == 12


def test_the_export_reads_back_through_the_import_unchanged(production_demo, clerk):
    from kuzbas.production.imports.importing import preview_file

    data = b"".join(clerk.client.get("/production/export/output.csv").streaming_content)
    preview = preview_file("output", data, "output.csv")
    assert preview.ok
    assert (preview.created, preview.changed) == (0, 0)


def test_the_records_api_reads_one_page_of_rows(production_demo, colonist):
    with CaptureQueriesContext(connection) as queries:
        response = colonist.client.get("/api/production/records?unit=kemerovo-mine-1&limit=3")
    body = response.json()
    assert [r["period_start"] for r in body["items"]] == ["1922-10-01", "1922-11-01", "1922-12-01"]
    assert body["items"][0]["unit_entered"] == "pood"
    assert body["items"][0]["citations"][0]["status"] == "illustrative"
    assert len(queries) <= 12


def test_without_headcount_totals_the_staff_follows_the_registry_s_employment(colony, clerk):
    services.record_output(
        actor=clerk.user,
        unit=colony["north"],
        product=colony["coal"],
        period_kind="month",
        period_start=dt.date(1923, 3, 1),
        quantity=120,
    )
    EmploymentFactory(category="production", valid_from=dt.date(1923, 1, 1))
    EmploymentFactory(category="office", valid_from=dt.date(1923, 1, 1))
    EmploymentFactory(category="production", valid_to=dt.date(1923, 3, 15))
    [march] = selectors.monthly_series()
    coal = selectors.period_kpis([march], march.month, march.month, colony["coal"])
    assert march.staff == {"all": 2, "production": 1, "office": 1}
    assert coal.output_per_worker.value == 60


def test_the_dashboard_shows_new_figures_at_once_though_its_fragments_are_cached(
    production_demo, clerk
):
    import datetime as dt
    import re

    from kuzbas.core.actor import Operator
    from kuzbas.production import services
    from kuzbas.production.models.statistics import OutputRecord

    def page() -> str:
        text = clerk.client.get("/production/").content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)

    before, again = page(), page()
    last = OutputRecord.objects.order_by("-period_start")[0]
    services.record_output(
        actor=Operator("test"),
        unit=last.unit,
        product=last.product,
        period_kind=last.period_kind,
        period_start=last.period_start + dt.timedelta(days=40),
        quantity=last.quantity * 1000,
        shift=last.shift,
    )
    after = page()

    assert before == again
    assert after != before
