"""A source's documents: uploaded by an editor, checked by content, served so they cannot run."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kuzbas.audit.models import AuditEntry
from kuzbas.core.actor import Operator
from kuzbas.core.errors import Invalid
from kuzbas.record.documents import add_document
from kuzbas.record.models import Document
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def source():
    return SourceFactory(key="rgaspi-626-1-6", archive="RGASPI", fond="626", opis="1", delo="6")


def _upload(client, source, name, data, **fields):
    return client.post(
        reverse("record:add_document", args=[source.key]),
        {"title": "Charter", "file": SimpleUploadedFile(name, data), **fields},
    )


def test_a_clerk_uploads_a_scan_kept_under_its_checksum_with_an_audit_entry(clerk, source, media):
    response = _upload(clerk.client, source, "charter.pdf", PDF, locator="ll. 61-62")

    document = Document.objects.get()
    assert response.status_code == 302
    assert document.sha256 == hashlib.sha256(PDF).hexdigest()
    assert document.size == len(PDF)
    assert document.media_type == "application/pdf"
    assert (media / document.file).read_bytes() == PDF
    assert AuditEntry.objects.filter(action="record.document.add").count() == 1


def test_a_web_page_named_pdf_is_refused_at_the_file_and_nothing_is_stored(clerk, source, media):
    response = _upload(clerk.client, source, "charter.pdf", b"<html><script>alert(1)</script>")

    assert response.status_code == 422
    assert "is not kept" in response.content.decode()
    assert not Document.objects.exists()
    assert not media.exists()


def test_a_file_over_the_size_limit_is_refused_with_the_limit(clerk, source, settings):
    settings.KUZBAS_DOCUMENT_MAX_BYTES = 2 * 2**20

    response = _upload(clerk.client, source, "big.pdf", PDF + b"0" * (3 * 2**20))

    assert response.status_code == 422
    assert "at most 2 MB" in response.content.decode()
    assert not Document.objects.exists()


def test_a_colonist_may_not_upload(colonist, source):
    response = _upload(colonist.client, source, "charter.pdf", PDF)

    assert response.status_code == 403
    assert not Document.objects.exists()


def test_a_document_needs_a_file_or_a_transcription(source):
    with pytest.raises(Invalid):
        add_document(actor=Operator(), source=source, title="Nothing")

    assert not Document.objects.exists()


def test_a_pdf_is_shown_in_a_sandbox_and_never_sniffed(colonist, source):
    document = add_document(actor=Operator(), source=source, title="Charter", data=PDF)

    response = colonist.client.get(reverse("record:document_file", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert b"".join(response.streaming_content) == PDF


def test_a_text_file_is_only_ever_saved_never_shown(colonist, source):
    document = add_document(
        actor=Operator(), source=source, title="Notes", data=b"Kemerovo, 1922", file_name="n.txt"
    )

    response = colonist.client.get(reverse("record:document_file", args=[document.pk]))

    response.close()
    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "sandbox"


def test_the_transcription_stands_beside_its_translation_under_the_archival_reference(
    colonist, source
):
    document = add_document(
        actor=Operator(),
        source=source,
        title="Letter",
        locator="l. 12",
        transcription="Товарищи!",
        transcription_language="ru",
        translation="Comrades!",
        translation_language="en",
    )

    page = colonist.client.get(reverse("record:document", args=[document.pk])).content.decode()

    assert "RGASPI 626/1/6" in page and "l. 12" in page
    assert 'lang="ru"' in page and "Товарищи!" in page
    assert 'lang="en"' in page and "Comrades!" in page


def test_the_source_page_lists_its_documents_and_offers_the_upload_to_an_editor(
    clerk, colonist, source
):
    add_document(actor=Operator(), source=source, title="Charter", data=PDF)
    url = reverse("record:source", args=[source.key])

    for_clerk = clerk.client.get(url).content.decode()
    for_colonist = colonist.client.get(url).content.decode()

    assert "Charter" in for_clerk and 'data-testid="document-form"' in for_clerk
    assert "Charter" in for_colonist and 'data-testid="document-form"' not in for_colonist
