"""Numbers and dates read one way per language, on the pages a member reads most.

English: "6,802", "12.5%", "1 September 1924". Russian: "6 802" and "12,5 %" with no-break
spaces, "1 сентября 1924" (`kuzbas/core/formats.py`, `kuzbas/web/formats/`).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from kuzbas.core import formats
from kuzbas.core.actor import Operator
from kuzbas.demo.loader import load_demo
from kuzbas.governance.models import Decision
from kuzbas.meetings.models import Meeting

NBSP = "\xa0"
ISO_DAY = re.compile(r"\b1[89]\d\d-\d\d-\d\d\b")
ABBREVIATED_MONTH = re.compile(r"\b(Jan|Feb|Aug|Sept|Oct|Nov|Dec)\. \d")
COMMA_GROUPED = re.compile(r"\b\d{1,3},\d{3}\b")
DOT_DECIMAL = re.compile(r"\b\d+\.\d+\b")


@pytest.mark.parametrize(
    ("language", "value", "places", "expected"),
    [
        ("en", Decimal("6802.165"), 0, "6,802"),
        ("ru", Decimal("6802.165"), 0, f"6{NBSP}802"),
        ("en", Decimal("1234567.5"), 1, "1,234,567.5"),
        ("ru", Decimal("1234567.5"), 1, f"1{NBSP}234{NBSP}567,5"),
        ("en", 60000, None, "60,000"),
        ("en", Fraction(1, 8), 2, "0.12"),  # half-even
    ],
)
def test_a_number_is_grouped_and_pointed_as_its_language_writes_it(
    language, value, places, expected
):
    with translation.override(language):
        assert formats.number(value, places) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("6802.165"), "6,802"),  # large: whole tonnes
        (Decimal("12.345"), "12.3"),  # small: one decimal
        (Decimal("40.000"), "40"),  # whole stays whole
        (Decimal("0.04"), "0.0"),
    ],
)
def test_a_quantity_is_whole_when_large_and_to_one_decimal_when_small(value, expected):
    with translation.override("en"):
        assert formats.quantity(value) == expected


def test_money_has_two_places_and_a_percent_one():
    with translation.override("en"):
        assert formats.money(Decimal("12.5")) == "12.50"
        assert formats.percent(Decimal("120")) == "120.0%"
    with translation.override("ru"):
        assert formats.money(Decimal("1012.5")) == f"1{NBSP}012,50"
        assert formats.percent(Decimal("12.25")) == f"12,2{NBSP}%"


def test_a_date_is_written_day_first_with_the_month_by_name_in_both_languages():
    day = dt.date(1924, 9, 1)
    with translation.override("en"):
        assert formats.day(day) == "1 September 1924"
        assert formats.month(day) == "September 1924"
    with translation.override("ru"):
        assert formats.day(day) == "1 сентября 1924"
        assert formats.month(day) == "Сентябрь 1924"


def visible(response) -> str:
    assert response.status_code == 200, response.status_code
    page = response.content.decode()
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<details class=\"rule-key\".*?</details>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


@pytest.fixture
def colony(db):
    load_demo(actor=Operator("test"))


@pytest.fixture
def pages(colony, colonist):
    decision = Decision.objects.order_by("sequence").first()
    # A meeting known to the day, with an agenda: its minutes date its decisions.
    meeting = (
        Meeting.objects.filter(items__isnull=False, convened_precision="day")
        .order_by("convened_for")
        .first()
    )
    return {
        "dashboard": "/production/",
        "register entry": f"/governance/register/{decision.sequence}/",
        "minutes": f"/meetings/{meeting.pk}/minutes/",
        "meeting": f"/meetings/{meeting.pk}/",
    }


def test_an_english_page_writes_1_september_1924_and_6_802(pages, colonist):
    texts = {name: visible(colonist.client.get(url)) for name, url in pages.items()}
    for name, text in texts.items():
        assert not ISO_DAY.findall(text), (name, ISO_DAY.findall(text)[:3])
        assert not ABBREVIATED_MONTH.findall(text), (name, ABBREVIATED_MONTH.findall(text)[:3])
    assert COMMA_GROUPED.search(texts["dashboard"])  # thousands of tonnes, grouped
    for name in ("register entry", "minutes", "meeting"):
        assert re.search(
            r"\b\d{1,2} (January|February|March|April|May|June|July|August|"
            r"September|October|November|December) 19\d\d\b",
            texts[name],
        ), name


def test_a_russian_page_writes_1_sentyabrya_1924_and_6_802_with_a_no_break_space(pages, colonist):
    colonist.client.cookies["django_language"] = "ru"
    texts = {name: visible(colonist.client.get(url)) for name, url in pages.items()}
    for name, text in texts.items():
        assert not ISO_DAY.findall(text), (name, ISO_DAY.findall(text)[:3])
        assert not COMMA_GROUPED.findall(text), (name, COMMA_GROUPED.findall(text)[:3])
    dashboard = texts["dashboard"]
    assert re.search(rf"\b\d{{1,3}}{NBSP}\d{{3}}\b", dashboard)
    assert not DOT_DECIMAL.findall(dashboard), DOT_DECIMAL.findall(dashboard)[:3]
    for name in ("register entry", "minutes", "meeting"):
        assert re.search(
            r"\b\d{1,2} (января|февраля|марта|апреля|мая|июня|июля|августа|"
            r"сентября|октября|ноября|декабря) 19\d\d\b",
            texts[name],
        ), name
