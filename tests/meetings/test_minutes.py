"""The minutes write themselves from the meeting's record and the decision register."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from kuzbas.governance.models import RegisterHead
from kuzbas.meetings.models import Meeting
from kuzbas.meetings.services import votes
from tests.meetings.conftest import DAY, check_in_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(assembly, pumps_item):
    check_in_all(assembly, "anna", "boris", "vera")
    votes.open_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)
    meeting = Meeting.objects.get(pk=assembly.meeting.pk)
    for key in ("anna", "boris", "vera"):
        votes.vote(actor=assembly.members[key], meeting=meeting, choice="yes")
    return votes.close_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)


def test_the_html_minutes_hold_the_decision_and_the_register_head(assembly, decided, client):
    client.force_login(assembly.members["dora"])

    page = client.get(f"/meetings/{assembly.meeting.pk}/minutes/").content.decode()

    assert "Install electric pumps in mine No. 1" in page
    assert decided.entry_hash in page
    assert RegisterHead.objects.get().entry_hash in page
    assert "Anna" in page and "3 checked in" in page


def test_the_pdf_minutes_are_a_real_pdf_with_the_motions_in_them(assembly, decided, client):
    client.force_login(assembly.members["dora"])

    response = client.get(f"/meetings/{assembly.meeting.pk}/minutes.pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) >= 1
    assert "Install electric pumps in mine No. 1" in text
    assert decided.entry_hash[:32] in text.replace("\n", "")


def test_the_api_minutes_state_the_head_hash(assembly, decided, client):
    client.force_login(assembly.members["dora"])

    body = client.get(f"/api/meetings/{assembly.meeting.pk}/minutes").json()

    assert body["head_hash"] == decided.entry_hash
    assert body["decisions"][0]["motion"] == decided.motion.number


def test_the_pdf_minutes_print_names_in_cyrillic(assembly, decided, client):
    from kuzbas.members.models import Person

    Person.objects.filter(key="anna").update(name_latin="Анна Петровна")
    client.force_login(assembly.members["dora"])

    response = client.get(f"/meetings/{assembly.meeting.pk}/minutes.pdf")

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Анна Петровна" in text


def test_the_minutes_carry_the_signed_head_a_witness_can_check(assembly, decided, client):
    from kuzbas.governance.register import verify_register
    from kuzbas.governance.register_witness import read_witness

    client.force_login(assembly.members["dora"])

    page = client.get(f"/meetings/{assembly.meeting.pk}/minutes/").content.decode()
    line = client.get(f"/api/meetings/{assembly.meeting.pk}/minutes").json()["head_witness"]

    assert f"entry={decided.sequence} hash={decided.entry_hash}" in line
    assert line in page
    assert verify_register(witnessed=read_witness(line)).ok


def test_the_minutes_name_the_chair_by_name_not_by_login(assembly, decided, client):
    assembly.chair.person.name_latin = "Sebald Rutgers"
    assembly.chair.person.save()
    client.force_login(assembly.members["dora"])

    page = client.get(f"/meetings/{assembly.meeting.pk}/minutes/").content.decode()
    pdf = client.get(f"/meetings/{assembly.meeting.pk}/minutes.pdf").content
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)

    assert "chair Sebald Rutgers" in page
    assert "chair Sebald Rutgers" in " ".join(text.split())


def test_a_key_is_named_only_where_it_stands_alone():
    from kuzbas.meetings.minutes import named

    text = "matter.board.vera: stv\nvera: 3\nveranda: 1\nelected: vera, dora"

    assert named(text, {"vera": "Vera Figner", "dora": "Dora Kaplan"}) == (
        "matter.board.vera: stv\nVera Figner: 3\nveranda: 1\nelected: Vera Figner, Dora Kaplan"
    )
