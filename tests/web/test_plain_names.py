"""Where a person reads, the statute's keys show as names and people are chosen by name."""

from __future__ import annotations

import pytest

from kuzbas.governance.rule_names import majority_words, rule_name
from kuzbas.statute.procedures import Base, Majority, Threshold
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_matter_is_named_as_the_statute_names_it():
    from pathlib import Path

    import kuzbas.demo
    from kuzbas.statute.loader import load_statute

    statute = load_statute(Path(kuzbas.demo.__file__).parent / "statutes" / "aick-1921.toml")

    assert rule_name("matter.technical", statute) == "Technical matter"


def test_a_procedure_key_reads_as_words():
    assert rule_name("procedure.mass_meeting_vote", None) == "the procedure “mass meeting vote”"


def test_a_key_the_statute_cannot_name_stays_a_key():
    assert rule_name("meeting.one_vote", None) == ""


def test_a_majority_reads_as_a_sentence_in_russian():
    from django.utils import translation

    with translation.override("ru"):
        words = majority_words(Majority(Threshold.TWO_THIRDS, Base.VOTES_CAST))

    assert words == "не менее двух третей поданных голосов"


def test_the_person_box_suggests_people_by_name_with_their_key_as_the_value(personas):
    PersonFactory(key="rutgers", name_latin="Sebald Rutgers", name_original="Себальд Рутгерс")
    PersonFactory(key="haywood", name_latin="Bill Haywood")

    response = personas["colonist"].client.get(
        "/members/choices/", {"field": "holder", "holder": "Рутг"}
    )

    assert response.status_code == 200
    assert '<option value="rutgers">Sebald Rutgers (Себальд Рутгерс)</option>' in (
        response.content.decode()
    )
    assert b"haywood" not in response.content


def test_the_person_box_suggests_nobody_to_one_who_may_not_see_the_registry(personas):
    response = personas["outsider"].client.get("/members/choices/", {"q": "Ru"})

    assert response.status_code == 403


def test_a_date_box_holds_the_date_the_browser_reads_in_russian_too(personas, settings):
    import datetime as dt

    settings.KUZBAS_TODAY = dt.date(1922, 10, 1)

    response = personas["colonist"].client.get(
        "/members/headcount/", headers={"accept-language": "ru"}
    )

    assert 'type="date"' in response.content.decode()
    assert 'value="1922-10-01"' in response.content.decode()
