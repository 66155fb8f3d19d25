"""The monthly report as PDF: the month's totals, every figure's evidence, page footers."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from kuzbas.production import catalogue, report_pdf, reports, services
from kuzbas.production.models.totals import MonthlyOutput
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

MARCH = dt.date(1923, 3, 1)


def pdf_text(body: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(body))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Thousands are split by a narrow space and cells wrap: compare without any whitespace.
    return reader, re.sub(r"\s+", "", text)


@pytest.fixture
def documented_march(colony, operator):
    """North mine's March 1923: output, plan and headcount, each from a source."""
    report = SourceFactory(key="board-report", title="Report of the board")
    cite = [{"source": report, "locator": "p. 7", "status": "documented"}]
    for kind, amount in (("output", 1200), ("plan", 1000)):
        record = services.record_output if kind == "output" else services.set_plan
        field = "quantity" if kind == "output" else "target"
        record(
            actor=operator,
            unit=colony["north"],
            product=colony["coal"],
            period_start=MARCH,
            citations=cite,
            **({"period_kind": "month"} if kind == "output" else {}),
            **{field: Decimal(amount)},
        )
    for category, count in (("all", 40), ("production", 30)):
        services.record_headcount(
            actor=operator,
            unit=colony["north"],
            on=dt.date(1923, 3, 1),
            category=category,
            count=count,
            citations=cite,
        )
    return colony


def test_the_report_of_the_demo_month_holds_its_totals_and_says_what_is_illustrative(
    production_demo, colonist
):
    response = colonist.client.get("/production/report/", {"month": "1923-04", "product": "coal"})
    reader, text = pdf_text(response.content)
    total = sum(m.output for m in MonthlyOutput.objects.filter(month="1923-04-01"))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="kuzbas-report-1923-04.pdf"' in response["Content-Disposition"]
    assert reader.metadata.title == "Monthly production report, April 1923"
    assert "Monthlyproductionreport,April1923" in text
    assert f"{total.quantize(Decimal(1)):,}" in text  # tonnes, whole and grouped
    assert "Thisreportcontainsillustrativefigures" in text
    assert "illustrative" in text


def test_every_page_has_a_footer_with_the_date_and_its_number(production_demo, colonist):
    body = colonist.client.get("/production/report/", {"month": "1923-04"}).content
    reader = PdfReader(io.BytesIO(body))
    total = len(reader.pages)
    today = f"{dt.date.today():%-d %B %Y}"  # the day as English writes it
    assert total >= 2
    for n, page in enumerate(reader.pages, 1):
        footer = page.extract_text()
        assert f"page {n} of {total}" in footer
        assert f"generated {today}" in footer


def test_the_report_embeds_the_charts_as_images(production_demo, colonist):
    body = colonist.client.get("/production/report/", {"month": "1923-04"}).content
    reader = PdfReader(io.BytesIO(body))
    images = [image for page in reader.pages for image in page.images]
    assert len(images) == 3  # output, headcount, productivity: no plan in the year to April


def test_documented_figures_carry_their_source_and_none_is_called_illustrative(
    documented_march, colonist
):
    body = colonist.client.get("/production/report/", {"month": "1923-03"}).content
    _reader, text = pdf_text(body)
    assert "1,200" in text
    assert "1,000" in text
    assert "120.0%" in text  # plan fulfilment
    assert "output:documented[1];plan:documented[1]" in text
    assert "allstaff40documented[1]" in text
    assert "[1]Reportoftheboard.RGASPI626/1/6,p.7" in text
    assert "Thisreportcontainsillustrativefigures" not in text


def test_the_key_figures_show_their_numerator_and_denominator(documented_march, colonist):
    body = colonist.client.get("/production/report/", {"month": "1923-03"}).content
    _reader, text = pdf_text(body)
    assert "Outputperworker30tonneperworker-month" in text  # 1200 t ÷ 40 worker-months
    assert "outputofCoal:1,200tonne" in text
    assert "allstaff:40worker-months" in text


def test_the_report_of_one_unit_leaves_the_other_units_out(documented_march, colonist):
    response = colonist.client.get("/production/report/", {"month": "1923-03", "unit": "south"})
    _reader, text = pdf_text(response.content)
    assert "Monthlyproductionreport,March1923:Southmine" in text
    assert "Northmine" not in text
    assert "Nofiguresforthismonth" in text


def test_names_in_cyrillic_print_in_an_embedded_font(documented_march, operator, colonist):
    catalogue.create_unit(actor=operator, key="kemerovo", name="Кемеровский рудник", kind="mine")
    body = colonist.client.get("/production/report/", {"month": "1923-03"}).content
    reader, text = pdf_text(body)
    fonts = {
        str(f["/BaseFont"])
        for page in reader.pages
        for f in page["/Resources"]["/Font"].get_object().values()
    }
    assert "Кемеровскийрудник" in text
    assert any("DejaVuSans" in name for name in fonts)


def test_the_report_object_marks_a_colony_total_as_illustrative_if_any_part_is(
    production_demo,
):
    report = reports.monthly_report(dt.date(1923, 4, 1))
    [coal] = report.main.output
    assert coal.output_basis.illustrative
    assert report_pdf.render(report).startswith(b"%PDF-")


def test_a_month_of_documented_figures_is_not_marked_illustrative(documented_march):
    report = reports.monthly_report(MARCH)
    north = next(scope for scope in report.units if scope.name == "North mine")
    assert not report.illustrative
    assert {line.basis.label for line in north.staff + north.kpis} == {"documented [1]"}


def test_the_form_page_offers_the_latest_month(production_demo, colonist):
    response = colonist.client.get("/production/report/")
    assert response.status_code == 200
    assert 'name="month" value="1926-12"' in response.content.decode()


def test_the_form_page_is_prefilled_for_a_unit(production_demo, colonist):
    response = colonist.client.get("/production/report/?unit=kemerovo-mine-1")
    assert '<option value="kemerovo-mine-1" selected>' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"month": "March"}, "month", "write the month as YYYY-MM"),
        ({"month": "1923-13"}, "month", "not a real month"),
        ({"month": ""}, "month", "This field is required."),
        ({"month": "1923-03", "unit": "nowhere"}, "unit", "No unit with key nowhere."),
        ({"month": "1923-03", "product": "gold"}, "product", "No product with key gold."),
    ],
)
def test_bad_input_is_named_by_its_field(colony, colonist, query, field, message):
    response = colonist.client.get("/production/report/", query)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]


def test_the_dashboard_links_to_the_report(production_demo, colonist):
    html = colonist.client.get("/production/").content.decode()
    assert 'href="/production/report/"' in html


def test_a_month_without_figures_gives_a_message_not_an_empty_pdf(colony, colonist):
    response = colonist.client.get("/production/report/", {"month": "1925-07"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert response.context["form"].errors["month"] == [
        "No figures for 1925-07: there is no report to print."
    ]


def test_a_single_month_of_figures_says_there_is_no_chart_instead_of_drawing_a_dot(
    documented_march, colonist
):
    response = colonist.client.get("/production/report/", {"month": "1923-03"})

    reader, text = pdf_text(response.content)
    images = sum(len(page.images) for page in reader.pages)
    assert response["Content-Type"] == "application/pdf"
    assert images == 0
    assert "Nochart:achartneedsfiguresfortwomonthsormore." in text
