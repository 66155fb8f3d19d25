"""The report to the counterparty: obligations with their status, output against a contracted
target from production's figures, money and balances; as a page, as JSON and as a PDF whose
text reads back (in Russian too)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import translation
from pypdf import PdfReader

from kuzbas.contracts.models.obligations import Obligation
from kuzbas.contracts.money_lines import record_money_line
from kuzbas.contracts.report_pdf import render
from kuzbas.contracts.reports import contract_report
from kuzbas.core.actor import Operator
from kuzbas.money.amounts import money
from kuzbas.production.catalogue import create_product, create_unit
from kuzbas.production.services import record_output
from tests.contracts.money_world import make_money_world

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def world(db, clerk):
    world = make_money_world()
    operator = Operator("test")
    mine = create_unit(actor=operator, key="mine-1", name="Mine No. 1", kind="mine")
    coal = create_product(actor=operator, key="coal", name="Coal", unit_of_measure="tonne")
    world.coal_target = Obligation.objects.create(
        contract=world.contract,
        version=world.version,
        clause=world.support,
        debtor="enterprise",
        kind="output",
        title="Coal for the Urals",
        due=D(1923, 12, 31),
        product=coal,
        unit=mine,
        target=Decimal("1000"),
        period_start=D(1923, 1, 1),
        period_end=D(1923, 12, 31),
    )
    for month, tonnes in ((1, "300"), (2, "450")):
        record_output(
            actor=operator,
            unit=mine,
            product=coal,
            period_kind="month",
            period_start=D(1923, month, 1),
            quantity=Decimal(tonnes),
        )
    record_money_line(
        actor=clerk.user,
        contract=world.contract,
        kind="support_promised",
        amount=money("1000", "QRG"),
        on=D(1923, 2, 1),
        debtor="counterparty",
        clause=world.support,
        title="Support for the mines",
    )
    return world


def test_the_report_counts_the_output_in_the_period_against_the_target(world):
    report = contract_report(world.contract, D(1923, 2, 1), D(1923, 6, 30))
    [target] = report.targets
    assert target.in_period == Decimal("450")  # January falls outside the period
    assert target.share == Decimal("0.4500")
    assert [o.title for o in report.obligations] == ["Coal for the Urals"]
    assert report.closing.owed_to_enterprise == {"QRG": money("1000", "QRG")}
    assert report.opening.is_empty


def test_the_pdf_reads_back_with_every_part(world):
    pdf = render(contract_report(world.contract, D(1923, 1, 1), D(1923, 12, 31)))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for expected in (
        "Contract with the STO",
        "Coal for the Urals",
        "Obligations",
        "Support for the mines",
        "1,000.00 QRG",
        "750",
    ):
        assert expected in text


def test_a_period_without_figures_says_no_data(world):
    pdf = render(contract_report(world.contract, D(1925, 1, 1), D(1925, 12, 31)))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "No obligation in this period has a measurable target." in text
    assert "No money was recorded in this period." in text


def test_the_pdf_prints_russian(world):
    with translation.override("ru"):
        pdf = render(contract_report(world.contract, D(1923, 1, 1), D(1923, 12, 31)))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Обязательства" in text


def test_the_page_the_file_and_the_api(colonist, world):
    page = colonist.client.get("/contracts/sto-1921/report/?start=1923-01-01&end=1923-12-31")
    assert page.status_code == 200 and "Coal for the Urals" in page.content.decode()
    pdf = colonist.client.get("/contracts/sto-1921/report.pdf?start=1923-01-01&end=1923-12-31")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    api = colonist.client.get("/api/contracts/sto-1921/report?start=1923-01-01&end=1923-12-31")
    assert api.json()["targets"][0]["counted_in_period"].startswith("750")


def test_a_period_ending_before_it_starts_is_refused_naming_the_field(colonist, world):
    page = colonist.client.get("/contracts/sto-1921/report/?start=1923-12-31&end=1923-01-01")
    assert page.status_code == 422 and 'data-testid="error-end"' in page.content.decode()
    api = colonist.client.get("/api/contracts/sto-1921/report?start=1923-12-31&end=1923-01-01")
    assert api.status_code == 422
