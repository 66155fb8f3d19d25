"""The public form: a visitor applies without an account; every refusal names its field and
stores nothing (no application, no file)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kuzbas.audit.models import AuditEntry
from kuzbas.recruitment import guard
from kuzbas.recruitment.models import Application, Attachment, StageMove
from kuzbas.recruitment.models.calls import CallStatus
from tests.recruitment.conftest import form_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def send(call, client=None, **overrides):
    client = client or Client()
    return client.post(reverse("recruitment:apply", args=[call.key]), form_data(call, **overrides))


def files_under(root) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()] if Path(root).exists() else []


def test_the_landing_page_lists_the_open_call_to_a_visitor(call):
    page = Client().get(reverse("recruitment:home"))

    assert page.status_code == 200
    assert call.title in page.content.decode()


def test_a_visitor_applies_without_an_account_and_is_given_a_reference(call):
    response = send(call)

    assert response.status_code == 302
    application = Application.objects.get()
    assert (application.name, application.trade, application.source) == (
        "John Smith",
        "miner",
        "public_form",
    )
    assert application.answers == {"tools": True, "years": 10}
    assert application.languages == ["English", "German"]
    assert application.consent_at is not None and application.policy_version == "1"
    assert application.stage.key == "received"
    move = StageMove.objects.get(application=application)
    assert (move.from_stage, move.to_stage.key, move.by) == (None, "received", None)
    assert AuditEntry.objects.filter(action="recruitment.application.receive").count() == 1
    page = Client().get(response["Location"])
    assert application.reference not in page.content.decode()  # the message went to the sender
    followed = send(call, client=Client(), name="Anna Other", email="anna@example.org", phone="")
    assert followed.status_code == 302


def test_the_sender_sees_the_reference_after_applying(call):
    client = Client()
    response = client.post(
        reverse("recruitment:apply", args=[call.key]), form_data(call), follow=True
    )

    reference = Application.objects.get().reference
    assert reference in response.content.decode()


def test_a_closed_call_refuses_the_application_and_stores_nothing(call):
    call.status = CallStatus.CLOSED
    call.save()

    response = send(call)

    assert response.status_code == 409
    assert "closed" in response.content.decode()
    assert not Application.objects.exists()


def test_a_call_past_its_closing_day_refuses_the_application(call, settings):
    call.closes = settings.KUZBAS_TODAY.replace(month=5)
    call.save()

    response = send(call)

    assert response.status_code == 409
    assert not Application.objects.exists()


def test_an_application_without_consent_is_refused_naming_the_field(call):
    response = send(call, consent=None)

    assert response.status_code == 422
    body = response.content.decode()
    assert 'data-field="consent"' in body
    assert "consent" in body.lower()
    assert not Application.objects.exists()


def test_a_required_question_left_unanswered_is_named(call):
    response = send(call, q_tools="")

    assert response.status_code == 422
    assert 'data-field="q_tools"' in response.content.decode()
    assert not Application.objects.exists()


def test_an_attachment_is_kept_with_its_checksum(call, settings):
    pdf = SimpleUploadedFile("diploma.pdf", PDF, content_type="application/pdf")

    response = send(call, attachments=pdf)

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    import hashlib

    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (attachment.size, attachment.content_type, attachment.file_name) == (
        len(PDF),
        "application/pdf",
        "diploma.pdf",
    )
    assert (Path(settings.MEDIA_ROOT) / attachment.file).read_bytes() == PDF


def test_a_file_of_a_kind_not_kept_is_refused_and_nothing_is_stored(call, settings):
    page = SimpleUploadedFile("cv.html", b"<script>alert(1)</script>", content_type="text/html")
    pdf = SimpleUploadedFile("diploma.pdf", PDF, content_type="application/pdf")

    response = send(call, attachments=[pdf, page])

    assert response.status_code == 422
    body = response.content.decode()
    assert 'data-field="attachments"' in body and "cv.html" in body
    assert not Application.objects.exists()
    assert files_under(settings.MEDIA_ROOT) == []


def test_a_file_over_the_size_limit_is_refused_and_nothing_is_stored(call, settings):
    settings.KUZBAS_APPLY_ATTACHMENT_MAX_BYTES = 1024
    big = SimpleUploadedFile("scan.pdf", PDF + b"0" * 2048, content_type="application/pdf")

    response = send(call, attachments=big)

    assert response.status_code == 422
    assert "scan.pdf" in response.content.decode()
    assert not Application.objects.exists()
    assert files_under(settings.MEDIA_ROOT) == []


def test_too_many_tries_from_one_address_are_refused(call, settings):
    settings.KUZBAS_APPLY_TRIES = 2
    client = Client()
    for n in range(2):
        assert (
            send(call, client=client, name=f"Person {n}", email=f"p{n}@example.org").status_code
            == 302
        )

    response = send(call, client=client, name="Person three", email="p3@example.org")

    assert response.status_code == 409
    assert "Too many tries" in response.content.decode()
    assert Application.objects.count() == 2


def test_a_filled_honeypot_is_refused(call):
    response = send(call, **{guard.HONEYPOT: "http://spam.example"})

    assert response.status_code == 422
    assert not Application.objects.exists()


def test_a_form_sent_back_too_fast_is_refused_and_may_be_sent_again(call, settings):
    settings.KUZBAS_APPLY_MIN_SECONDS = 5

    response = send(call)

    assert response.status_code == 422
    assert f'data-field="{guard.STAMP}"' not in response.content.decode()  # hidden: above the form
    assert "a person takes longer" in response.content.decode()
    assert not Application.objects.exists()


def test_a_forged_stamp_is_refused(call):
    response = send(call, **{guard.STAMP: "made-up"})

    assert response.status_code == 422
    assert not Application.objects.exists()


def test_the_form_needs_its_csrf_token(call):
    client = Client(enforce_csrf_checks=True)

    response = send(call, client=client)

    assert response.status_code == 403
    assert not Application.objects.exists()


def test_a_draft_call_is_not_found_by_a_visitor(call):
    call.status = CallStatus.DRAFT
    call.save()

    assert Client().get(reverse("recruitment:call", args=[call.key])).status_code == 404
    assert send(call).status_code == 404
