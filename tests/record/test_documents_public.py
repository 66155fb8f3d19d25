"""The public record (KUZBAS_PUBLIC_RECORD): sources and published documents for anyone, the
rest behind the login; and, with it off, nothing for a visitor."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kuzbas.core.actor import Operator
from kuzbas.record.documents import add_document
from kuzbas.record.services import cite
from tests.factories import PersonFactory, SourceFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def record():
    source = SourceFactory(key="rgaspi-626-1-6", title="The colony's charter")
    cite(actor=Operator(), obj=PersonFactory(key="rutgers", name_latin="Rutgers"), source=source)
    published = add_document(
        actor=Operator(), source=source, title="Published scan", data=PDF, public=True
    )
    unpublished = add_document(
        actor=Operator(), source=source, title="Draft transcription", transcription="…"
    )
    return source, published, unpublished


def _get(url):
    return Client().get(url)


def test_with_the_record_public_a_visitor_reads_sources_and_published_documents(settings, record):
    settings.KUZBAS_PUBLIC_RECORD = True
    source, published, _unpublished = record

    listing = _get(reverse("record:sources"))
    page = _get(reverse("record:source", args=[source.key]))
    document = _get(reverse("record:document", args=[published.pk]))
    stored = _get(reverse("record:document_file", args=[published.pk]))

    assert listing.status_code == 200 and "The colony&#x27;s charter" in listing.content.decode()
    assert page.status_code == 200 and "Published scan" in page.content.decode()
    assert document.status_code == 200
    assert b"".join(stored.streaming_content) == PDF


def test_with_the_record_public_the_rest_stays_behind_the_login(settings, record):
    settings.KUZBAS_PUBLIC_RECORD = True
    source, _published, unpublished = record

    page = _get(reverse("record:source", args=[source.key])).content.decode()

    assert "Draft transcription" not in page
    assert "Rutgers" not in page  # the records citing it belong to the registry
    assert _get(reverse("record:document", args=[unpublished.pk])).status_code == 404
    members = _get("/members/")
    assert members.status_code == 302 and "/login" in members["Location"]


def test_with_the_record_private_a_visitor_is_sent_to_log_in(settings, record):
    settings.KUZBAS_PUBLIC_RECORD = False
    source, published, _unpublished = record

    for url in (
        reverse("record:sources"),
        reverse("record:source", args=[source.key]),
        reverse("record:document", args=[published.pk]),
        reverse("record:document_file", args=[published.pk]),
    ):
        response = _get(url)
        assert response.status_code == 302 and "/login" in response["Location"], url


def test_a_reader_with_an_account_sees_unpublished_documents_and_citing_records(
    settings, colonist, record
):
    settings.KUZBAS_PUBLIC_RECORD = True
    source, _published, unpublished = record

    page = colonist.client.get(reverse("record:source", args=[source.key])).content.decode()

    assert "Draft transcription" in page and "Rutgers" in page
    assert colonist.client.get(reverse("record:document", args=[unpublished.pk])).status_code == 200


def test_the_api_lists_a_sources_documents_with_their_checksums(colonist, record):
    source, published, _unpublished = record

    answer = colonist.client.get(f"/api/record/sources/{source.key}/documents").json()

    assert [(d["title"], d["sha256"]) for d in answer] == [
        ("Published scan", published.sha256),
        ("Draft transcription", ""),
    ]
