"""Election pages: the list, the election with its round-by-round count, the phone ballot, the
receipts, and the election on the meeting's page and in its minutes."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from kuzbas.elections.models import (
    Election,
    ElectionBallot,
    ElectionParticipation,
    SealedElectionPaper,
)
from kuzbas.elections.services import count
from tests.elections.conftest import DAY, cast_all

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _no_inline_code(html: str) -> None:
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html and "<style" not in html


def test_the_list_shows_the_election_and_the_chairs_form(assembly, election):
    html = _client(assembly.chair).get("/elections/").content.decode()

    assert election.title in html
    assert 'action="/elections/new/"' in html
    _no_inline_code(html)


def test_a_chair_calls_an_election_from_the_list_page(assembly):
    response = _client(assembly.chair).post(
        "/elections/new/",
        {
            "title": "By-election",
            "seat": "organization-committee.member",
            "seats": "1",
            "method": "approval",
            "candidates": "vera, gleb",
            "meeting": str(assembly.meeting.pk),
        },
    )

    assert response.status_code == 302
    assert "/elections/" in response["Location"]


def test_the_chair_names_candidates_in_person_boxes_and_they_keep_their_order(assembly):
    client = _client(assembly.chair)
    html = client.get("/elections/").content.decode()
    assert 'hx-get="/members/choices/?field=candidate-1"' in html
    assert "registry keys" not in html

    response = client.post(
        "/elections/new/",
        {
            "title": "By-election",
            "seat": "organization-committee.member",
            "seats": "1",
            "method": "approval",
            "candidate-1": "gleb",
            "candidate-2": "",
            "candidate-3": "vera",
        },
    )

    election = Election.objects.get(title="By-election")
    assert response.status_code == 302
    assert [c.person.key for c in election.candidates.order_by("position")] == ["gleb", "vera"]


def test_a_bad_form_says_what_is_wrong_and_calls_nothing(assembly):
    client = _client(assembly.chair)

    response = client.post(
        "/elections/new/",
        {"title": "X", "seat": "organization-committee.member", "seats": "1", "method": "dice"},
        follow=True,
    )

    assert "Choose stv, plurality or approval" in response.content.decode()


def test_the_ballot_page_ranks_with_plain_selects(assembly, voting):
    html = _client(assembly.members["anna"]).get(f"/elections/{voting.pk}/ballot/").content.decode()

    assert html.count('<select name="rank"') == 3
    assert "1st choice" in html and "3rd choice" in html
    assert 'hx-post="/elections/' in html
    _no_inline_code(html)


def test_casting_without_javascript_shows_the_receipt_once(assembly, voting):
    client = _client(assembly.members["anna"])

    response = client.post(f"/elections/{voting.pk}/ballot/cast/", {"rank": ["gleb", "", "vera"]})

    assert response.status_code == 200
    receipt = _receipt(response.content.decode())
    assert "Your ballot is in" in client.get(f"/elections/{voting.pk}/ballot/").content.decode()
    # Sealed until the count, which finds the paper under the receipt shown.
    assert SealedElectionPaper.objects.count() == 1 and not ElectionBallot.objects.exists()
    count.close_election(actor=assembly.chair, election=voting, as_of=DAY)
    assert ElectionBallot.objects.get(pk=receipt).marks == ["gleb", "vera"]


def _receipt(html: str) -> str:
    found = re.search(r'data-testid="receipt">([0-9a-f]{16})<', html)
    assert found, html
    return found.group(1)


def test_casting_with_htmx_answers_with_the_acknowledgement_only(assembly, voting):
    response = _client(assembly.members["anna"]).post(
        f"/elections/{voting.pk}/ballot/cast/", {"rank": ["vera"]}, HTTP_HX_REQUEST="true"
    )

    html = response.content.decode()
    assert "<html" not in html
    receipt = _receipt(html)
    count.close_election(actor=assembly.chair, election=voting, as_of=DAY)
    assert ElectionBallot.objects.get(pk=receipt).marks == ["vera"]


def test_a_repeated_choice_is_refused_on_the_page_and_changes_nothing(assembly, voting):
    response = _client(assembly.members["anna"]).post(
        f"/elections/{voting.pk}/ballot/cast/", {"rank": ["vera", "vera"]}
    )

    assert response.status_code == 422
    assert "already your choice 1" in response.content.decode()
    assert not ElectionParticipation.objects.exists()


def test_the_result_page_shows_every_stage_with_every_candidates_votes(assembly, voting):
    cast_all(assembly, voting)
    count.close_election(actor=assembly.chair, election=voting, as_of=DAY)

    html = _client(assembly.members["anna"]).get(f"/elections/{voting.pk}/").content.decode()

    table = html[html.index('data-testid="stage-table"') :]
    assert table.count('<th scope="col" class="num">') == 3
    assert '<data value="3.25">3.25</data>' in table
    assert "+0.75" in table and "−1" in table
    assert "Surplus of Vera (1) transferred; each paper passes on at 1 → 0.25." in html
    assert "Gleb excluded" in html
    assert 'data-testid="quota">3<' in html
    _no_inline_code(html)


def test_the_receipts_page_waits_for_the_close_then_lists_every_paper(assembly, voting):
    receipts = cast_all(assembly, voting)
    client = _client(assembly.members["anna"])
    before = client.get(f"/elections/{voting.pk}/receipts/").content.decode()
    count.close_election(actor=assembly.chair, election=voting, as_of=DAY)

    after = client.get(f"/elections/{voting.pk}/receipts/").content.decode()

    assert not any(r in before for r in receipts.values())
    assert all(r in after for r in receipts.values())


def test_the_meeting_page_links_the_election_and_gives_the_chair_its_controls(assembly, election):
    client = _client(assembly.chair)
    html = client.get(f"/meetings/{assembly.meeting.pk}/").content.decode()

    assert f'href="/elections/{election.pk}/"' in html
    assert f'action="/elections/{election.pk}/open/"' in html

    response = client.post(
        f"/elections/{election.pk}/open/", {"next": f"/meetings/{assembly.meeting.pk}/"}
    )

    assert response["Location"] == f"/meetings/{assembly.meeting.pk}/"
    assert (
        f'action="/elections/{election.pk}/close/"'
        in client.get(f"/meetings/{assembly.meeting.pk}/").content.decode()
    )


def test_the_minutes_list_the_election_result(assembly, voting):
    cast_all(assembly, voting)
    count.close_election(actor=assembly.chair, election=voting, as_of=DAY)
    client = _client(assembly.chair)

    html = client.get(f"/meetings/{assembly.meeting.pk}/minutes/").content.decode()
    pdf = client.get(f"/meetings/{assembly.meeting.pk}/minutes.pdf")

    assert 'data-testid="election-result"' in html
    assert "Vera, Dora" in html
    assert pdf.status_code == 200


def test_the_result_page_says_when_the_quorum_failed_and_shows_no_count(assembly, voting):
    cast_all(assembly, voting, {"anna": ["vera"], "boris": ["gleb"]})
    count.close_election(actor=assembly.chair, election=voting, as_of=DAY)

    html = _client(assembly.members["anna"]).get(f"/elections/{voting.pk}/").content.decode()

    assert 'data-testid="no-quorum"' in html and 'data-testid="elected"' not in html
    assert 'data-testid="stage-table"' not in html
    assert "not met" in html


def test_a_clerk_cites_a_source_from_the_election_page(election, clerk):
    from tests.factories import SourceFactory

    SourceFactory(key="protocol-1922")
    url = f"/elections/{election.pk}/"
    assert 'data-testid="cite-form"' in clerk.client.get(url).content.decode()

    response = clerk.client.post(
        "/record/citations/",
        {
            "object_type": "elections.election",
            "object_id": str(election.pk),
            "source": "protocol-1922",
            "status": "documented",
            "locator": "l. 2",
            "new_kind": "other",
        },
    )

    assert response["Location"] == url + "#sources"
    assert [c.source.key for c in election.citations.all()] == ["protocol-1922"]
    html = clerk.client.get(url).content.decode()
    assert '<mark class="documented"' in html and "l. 2" in html
    _no_inline_code(html)
