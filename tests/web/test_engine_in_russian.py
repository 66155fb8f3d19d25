"""A Russian reader reads the statute engine's answers, arithmetic and refusals in Russian.

The engine writes English sentences (`kuzbas.statute.phrases`); the pages put them into the
reader's language. These tests render the pages that show the most of the engine in Russian
and look for any sentence of the engine left in English.
"""

from __future__ import annotations

import html
import re

import pytest
from django.utils import translation

from kuzbas.core.actor import Operator
from kuzbas.demo.loader import load_demo
from kuzbas.governance.models import Decision
from kuzbas.governance.words import say
from kuzbas.statute.phrases import Phrase, translate

pytestmark = pytest.mark.django_db


def english_fragments() -> set[str]:
    """The fixed words of every engine sentence long enough to be unmistakably the engine's."""
    say("")  # loads every module of the engine that writes sentences
    fragments = set()
    for phrase in Phrase.registry:
        for part in re.split(r"\{\w+\}", phrase.template):
            part = part.strip(" .;:()")
            if len(part) >= 12 and part.count(" ") >= 2:  # "votes present" is also prose
                fragments.add(part)
    return fragments


def text_of(response) -> str:
    page = response.content.decode()
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def english_left(text: str) -> list[str]:
    return sorted(f for f in english_fragments() if f in text)


@pytest.fixture
def colony(db):
    load_demo(actor=Operator("test"))


@pytest.fixture
def russian(colonist):
    colonist.client.cookies["django_language"] = "ru"
    return colonist.client


def test_who_decides_answers_in_russian(colony, russian):
    answer = russian.get("/governance/who-decides/", {"matter": "technical", "on": "1922-10-01"})
    refused = russian.get(
        "/governance/who-decides/",
        {"matter": "technical", "on": "1922-10-01", "body": "american-organization-committee"},
    )

    for response in (answer, refused):
        text = text_of(response)
        assert response.status_code == 200
        assert english_left(text) == []
    assert "его решает орган" in text_of(answer)
    assert "не может его решать" in text_of(refused)


def test_the_statutes_bodies_and_matters_are_named_in_russian(colony, russian):
    answer = text_of(
        russian.get("/governance/who-decides/", {"matter": "technical", "on": "1922-10-01"})
    )
    statute = text_of(russian.get("/governance/statute/1921/"))

    # The answer names the body that decides and the one its decision is appealed to.
    assert "Общее собрание колонистов" in answer and "Совет труда и обороны (СТО)" in answer
    assert "Mass meeting of colonists" not in answer and "Council of Labor" not in answer
    assert "Технический вопрос" in answer  # the matter among the choices
    assert "Организационный комитет" in statute and "Совет труда и обороны (СТО)" in statute


def test_the_date_field_keeps_its_date_in_russian(colony, russian):
    page = russian.get("/governance/who-decides/", {"matter": "technical", "on": "1922-10-01"})

    assert 'type="date"' in page.content.decode()
    assert 'value="1922-10-01"' in page.content.decode()


def test_a_register_entry_and_the_minutes_show_the_arithmetic_in_russian(colony, russian):
    decision = Decision.objects.select_related("motion").order_by("sequence").first()
    meeting = decision.motion.agenda_items.get().meeting

    entry = russian.get(f"/governance/register/{decision.sequence}/")
    minutes = russian.get(f"/meetings/{meeting.pk}/minutes/")

    for response in (entry, minutes):
        assert response.status_code == 200
        assert english_left(text_of(response)) == []
    assert "итог: принято" in text_of(entry)
    assert "кворум" in text_of(minutes).lower()
    assert "итог:" in text_of(minutes)


def test_every_engine_sentence_has_a_russian_translation_that_keeps_its_blanks():
    english_fragments()
    with translation.override("ru"):
        from django.utils.translation import gettext

        missing = [p.template for p in Phrase.registry if gettext(p.template) == p.template]
        broken = [
            p.template
            for p in Phrase.registry
            if set(re.findall(r"\{(\w+)\}", gettext(p.template))) != set(p.blanks)
        ]
    assert missing == []
    assert broken == []


def test_the_engine_reads_its_own_sentences_back_whatever_is_in_the_blanks():
    """Untranslated (gettext = identity), a stored text comes back exactly as it was written."""
    english_fragments()
    samples = [
        "procedure.x: votes: yes 3, no 2, abstain 0; present 5 of 8\nquorum: none required",
        "majority: more than half of the votes cast: 1/2 × 5 = 5/2; yes 3 > 5/2: reached",
        "This is a technical matter: the Board of S.J. Rutgers decides it. For now the vote of "
        "the Council of Labor and Defense (STO) is exercised provisionally by the Joint meeting "
        "of the Organization Committee and the AOC from 1922-10-31.",
        "stage 3: Bob Ray excluded with 2.00000 votes; Ann Lee, Jo Kim reached the quota; "
        "Sam elected to the last vacancies (rule 52)",
    ]
    for text in samples:
        assert translate(text, lambda s: s) == text
    with translation.override("ru"):
        russian = say(samples[2])
    assert "Council of Labor and Defense (STO)" in russian  # names stay whole
    assert "Joint meeting of the Organization Committee and the AOC" in russian
    assert english_left(russian) == []
    with translation.override("ru"):
        stage = say(samples[3])
    assert stage.startswith("этап 3: Bob Ray исключён(а) с 2.00000 голосами; Ann Lee, Jo Kim — ")
    assert stage.endswith("Sam — избраны на последние вакантные места (правило 52)")


def test_the_minutes_pdf_is_in_russian_with_room_to_sign(colony, russian, settings):
    import datetime as dt
    import io

    from pypdf import PdfReader

    decision = Decision.objects.select_related("motion").order_by("sequence").first()
    meeting = decision.motion.agenda_items.get().meeting
    settings.KUZBAS_TODAY = dt.date(1922, 11, 1)  # the demo's colony lives in 1922

    response = russian.get(f"/meetings/{meeting.pk}/minutes.pdf")

    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert english_left(flat) == []
    for russian_words in ("Протокол", "Повестка", "итог: принято", "Председатель", "Секретарь"):
        assert russian_words in flat
    assert "напечатан 1 ноября 1922." in flat  # dated by the colony's calendar, not the visitor's
    printed_in = set()

    def seen(words, cm, tm, font, size):
        if words.strip() and font:
            printed_in.add(str(font.get("/BaseFont")))

    for page in reader.pages:
        page.extract_text(visitor_text=seen)
    assert printed_in and all("DejaVu" in name for name in printed_in)  # every line: Cyrillic
