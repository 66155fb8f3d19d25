"""Notice of a meeting through a real SMTP server started by the test (aiosmtpd).

These tests commit for real (`transaction=True`), so that the e-mail is queued in
`transaction.on_commit` as it is in production; the tests' queue runs each task at once, so the
messages have left when the clerk's request ends, but the answer (built before) says they are
going out, and the notice as stored counts them.
"""

from __future__ import annotations

import pytest
from django.test import Client
from icalendar import Calendar

from kuzbas.audit.models import AuditEntry
from kuzbas.meetings.models import Notice, NoticeDelivery
from kuzbas.members.models import Person
from tests.members.smtp_server import free_port

pytestmark = pytest.mark.django_db(transaction=True)

ADDRESSES = {"anna": "anna@coop.example", "boris": "boris@coop.example", "vera": "vera@x.org"}


@pytest.fixture
def chair_client(assembly, pumps_item) -> Client:
    for key, email in ADDRESSES.items():
        Person.objects.filter(key=key).update(email=email)
    client = Client()
    client.force_login(assembly.chair)
    return client


def test_the_api_gives_notice_through_the_mail_server_one_message_to_each(
    assembly, chair_client, smtp_server
):
    # When the chair gives notice through the API
    answer = chair_client.post(f"/api/meetings/{assembly.meeting.pk}/notice")

    # Then the answer counts the members told and those without an address; the e-mails are
    # going out, and the notice counts them once sent
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["recipients"], body["emailed"], body["no_address"]) == (5, None, 2)
    notice = Notice.objects.get()
    assert (notice.emailed, notice.mail_failed, notice.mail_error) == (3, 0, "")
    # And the server received one message per member, each for that member alone
    assert sorted(to for _sender, [to] in smtp_server.envelopes) == sorted(ADDRESSES.values())
    for message in smtp_server.messages:
        assert message["Cc"] is None and message["Bcc"] is None
        text = message.as_string()
        assert sum(address in text for address in ADDRESSES.values()) == 1
    # And the calendar file crossed the wire intact
    [part] = [p for p in smtp_server.messages[0].walk() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "PUBLISH"
    [event] = Calendar.from_ical(part.get_content()).walk("VEVENT")
    assert event.decoded("DTSTART") == assembly.meeting.convened_for
    assert event["UID"] == f"kuzbas-meeting-{assembly.meeting.pk}@localhost"
    assert "1. Install electric pumps in mine No. 1" in event["DESCRIPTION"]


def test_a_mail_server_that_does_not_answer_is_reported_and_the_notice_stays_given(
    assembly, chair_client, settings
):
    # Given a mail server that is not there
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    url = f"/meetings/{assembly.meeting.pk}/"

    # When the chair gives notice from the meeting's page
    page = chair_client.post(f"{url}notice/", follow=True)

    # Then the chair reads that the e-mails could not be sent, not a server error
    assert page.status_code == 200
    text = page.content.decode()
    assert "Notice given to 5 members entitled to attend." in text
    assert "3 e-mails could not be sent:" in text
    # And the notice is given all the same, to every member, with the failure on it
    notice = Notice.objects.get()
    assert NoticeDelivery.objects.filter(notice=notice).count() == 5
    assert (notice.emailed, notice.mail_failed, notice.no_address) == (0, 3, 2)
    assert "E-mailed to 0. 2 have no e-mail address. 3 e-mails could not be sent" in text
    assert AuditEntry.objects.get(action="meetings.notice.mail").changes["failed"] == 3


def test_the_api_reports_a_mail_server_that_does_not_answer_without_failing(
    assembly, chair_client, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()

    answer = chair_client.post(f"/api/meetings/{assembly.meeting.pk}/notice")

    assert answer.status_code == 201, answer.content
    notice = Notice.objects.get()
    assert (notice.emailed, notice.mail_failed) == (0, 3)
    assert notice.mail_error
