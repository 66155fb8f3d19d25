"""Every chart also downloads as SVG and PNG, with the illustrative marking drawn into it."""

import xml.etree.ElementTree as ET

import pytest

from kuzbas.production import charts, services
from kuzbas.production.models.catalogue import Unit

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def svg_texts(body: bytes) -> list[str]:
    root = ET.fromstring(body)  # raises unless the SVG is well-formed XML
    assert root.tag == f"{SVG}svg"
    # A multi-line title is one <text> with a <tspan> per line.
    return [
        "".join(line.itertext())
        for text in root.iter(f"{SVG}text")
        for line in (list(text.iter(f"{SVG}tspan")) or [text])
    ]


def test_the_output_chart_downloads_as_svg_with_its_labels_and_illustrative_marking(
    production_demo, colonist
):
    response = colonist.client.get("/production/charts/output.svg?product=coal")
    texts = svg_texts(response.content)
    assert response["Content-Type"] == "image/svg+xml"
    assert "Output by month" in texts
    assert {"Coal", "Coke", "1922-10", "tonne"} <= set(texts)
    assert any(t.startswith("Illustrative, not from a source:") for t in texts)


def test_the_headcount_chart_names_the_sources_of_its_documented_values(production_demo, colonist):
    response = colonist.client.get("/production/charts/headcount.svg")
    texts = svg_texts(response.content)
    assert "Documented values from:" in texts
    assert any(t.endswith("pp. 1-2") for t in texts)


def test_a_chart_downloads_as_png(production_demo, colonist):
    response = colonist.client.get("/production/charts/plan.png?product=coal")
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(PNG_SIGNATURE)
    assert 'filename="kuzbas-plan-coal.png"' in response["Content-Disposition"]


def test_a_unit_chart_draws_that_unit_s_figures(production_demo, colonist):
    response = colonist.client.get("/production/charts/output.svg?unit=kemerovo-mine-1")
    texts = svg_texts(response.content)
    assert "Coal" in texts
    assert "Coke" not in texts  # the mine makes no coke


def test_the_chart_of_a_decision_s_impact_downloads_with_the_decision_marked(
    production_demo, decision, operator, colonist
):
    link = services.link_decision(
        actor=operator,
        decision_sequence=decision.sequence,
        unit=Unit.objects.get(key="kemerovo-mine-1"),
        kpi="output_per_worker",
    )
    response = colonist.client.get(f"/production/charts/impact-{link.pk}.svg?product=coal")
    texts = svg_texts(response.content)
    assert "Output per worker around decision No. 1" in texts
    assert b'stroke-dasharray="4,4"' in response.content


def test_each_chart_on_a_page_links_to_its_images(production_demo, colonist):
    html = colonist.client.get("/production/units/kemerovo-mine-1/").content.decode()
    assert 'href="/production/charts/output.svg?unit=kemerovo-mine-1&amp;product=coal"' in html
    assert 'href="/production/charts/plan.png?unit=kemerovo-mine-1&amp;product=coal"' in html


@pytest.mark.parametrize(
    "path", ["/production/charts/nothing.svg", "/production/charts/output.gif"]
)
def test_an_unknown_chart_or_format_is_not_found(production_demo, colonist, path):
    assert colonist.client.get(path).status_code == 404


def test_a_chart_for_an_unknown_unit_is_not_found(production_demo, colonist):
    response = colonist.client.get("/production/charts/output.svg?unit=nowhere")
    assert response.status_code == 404


def test_an_outsider_gets_no_chart(production_demo, personas):
    response = personas["outsider"].client.get("/production/charts/output.png")
    assert response.status_code == 403


def test_an_image_without_generated_values_says_so():
    spec = charts.line_chart(
        [charts.Point("1923-03-01", "Coal", 10.0, False)], title="Coal", y_title="tonne"
    )
    image = charts.static_spec(spec, sources=["Report, p. 2"])
    assert image["title"]["subtitle"] == [
        "No illustrative values.",
        "Documented values from:",
        "– Report, p. 2",
    ]
    assert image["width"] == charts.STATIC_WIDTH
