"""The minutes of an election name the people elected, never their registry keys."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from pypdf import PdfReader

from kuzbas.elections.services import count
from kuzbas.members.models import Person
from tests.elections.conftest import DAY, cast_all

pytestmark = pytest.mark.django_db


def test_the_count_in_the_minutes_names_the_elected_in_html_and_pdf(assembly, voting):
    Person.objects.filter(key="vera").update(name_latin="Vera Figner")
    Person.objects.filter(key="dora").update(name_latin="Dora Kaplan")
    cast_all(assembly, voting)
    count.close_election(actor=assembly.chair, election=voting, as_of=DAY)
    client = Client()
    client.force_login(assembly.chair)

    html = client.get(f"/meetings/{assembly.meeting.pk}/minutes/").content.decode()
    pdf = client.get(f"/meetings/{assembly.meeting.pk}/minutes.pdf").content
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)

    assert "elected: Vera Figner, Dora Kaplan" in html
    assert "elected: vera" not in html
    assert "elected: Vera Figner, Dora Kaplan" in " ".join(text.split())
