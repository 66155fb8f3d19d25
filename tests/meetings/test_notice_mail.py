"""Notice of a meeting by e-mail: one message to each member with an address, with the agenda
and the meeting as a calendar file, in the language of the clerk who gives it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation
from icalendar import Calendar

from kuzbas.audit.models import AuditEntry
from kuzbas.core.dates import Precision
from kuzbas.meetings.models import Meeting, Notice
from kuzbas.meetings.services import notices
from kuzbas.members.models import Person
from tests.meetings.conftest import DAY

pytestmark = pytest.mark.django_db

SITE = "http://testserver/"
ADDRESSES = {"anna": "anna@coop.example", "boris": "boris@coop.example", "vera": "vera@x.org"}


@pytest.fixture
def addressed(assembly, pumps_item):
    """Three of the five members have an address; gleb and dora have none."""
    for key, email in ADDRESSES.items():
        Person.objects.filter(key=key).update(email=email)
    return assembly


def give(assembly, capture, **kwargs) -> Notice:
    with capture(execute=True):
        return notices.give_notice(
            actor=assembly.chair, meeting=assembly.meeting, on=DAY, site_url=SITE, **kwargs
        )


def calendar_of(message) -> tuple[object, Calendar]:
    """Return the message's calendar part and the calendar it holds, parsed by icalendar."""
    [part] = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    return part, Calendar.from_ical(part.get_payload(decode=True))


def test_each_member_with_an_address_gets_one_message_addressed_to_them_alone(
    addressed, django_capture_on_commit_callbacks
):
    notice = give(addressed, django_capture_on_commit_callbacks)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(ADDRESSES.values())
    for message in mail.outbox:
        assert len(message.to) == 1 and message.cc == [] and message.bcc == []
        raw = message.message().as_bytes().decode()
        others = [a for a in ADDRESSES.values() if a != message.to[0]]
        assert not any(other in raw for other in others)
    notice.refresh_from_db()
    assert (notice.recipients, notice.emailed, notice.no_address, notice.mail_failed) == (
        5,
        3,
        2,
        0,
    )


def test_the_message_says_what_when_where_the_agenda_the_link_and_who_gave_notice(
    addressed, django_capture_on_commit_callbacks
):
    give(addressed, django_capture_on_commit_callbacks)

    [message] = [m for m in mail.outbox if m.to == ["anna@coop.example"]]
    meeting = addressed.meeting
    assert (
        message.subject
        == f"Notice of a meeting: {meeting.body.name}, 15 September 1922, 18:00 (UTC)"
    )
    assert message.from_email == "kuzbas@localhost"
    assert "Hello Anna," in message.body
    assert "Chair gives notice of a meeting you are entitled to attend." in message.body
    assert f"{meeting.body.name} (Kuzbas): General meeting of September 1922" in message.body
    assert "When: 15 September 1922, 18:00 (UTC)" in message.body
    assert "Where: Kemerovo" in message.body
    assert "Agenda:\n1. Install electric pumps in mine No. 1\n" in message.body
    assert f"http://testserver/meetings/{meeting.pk}/" in message.body


def test_the_calendar_file_parses_with_the_meetings_start_and_a_uid_kept_across_notices(
    addressed, django_capture_on_commit_callbacks
):
    give(addressed, django_capture_on_commit_callbacks)
    first = mail.outbox[0]
    mail.outbox.clear()
    give(addressed, django_capture_on_commit_callbacks)
    second = mail.outbox[0]

    part, calendar = calendar_of(first)
    assert part.get_param("method") == "PUBLISH"
    assert part.get_filename() == "meeting.ics"
    assert calendar["METHOD"] == "PUBLISH"
    [event] = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == addressed.meeting.convened_for
    assert event["LOCATION"] == "Kemerovo"
    assert "General meeting of September 1922" in event["SUMMARY"]
    assert "1. Install electric pumps in mine No. 1" in event["DESCRIPTION"]
    [again] = calendar_of(second)[1].walk("VEVENT")
    assert again["UID"] == event["UID"] == f"kuzbas-meeting-{addressed.meeting.pk}@localhost"
    assert (event["SEQUENCE"], again["SEQUENCE"]) == (0, 1)


def test_the_notice_is_written_in_russian_when_the_clerk_works_in_russian(
    addressed, django_capture_on_commit_callbacks
):
    with translation.override("ru"):
        give(addressed, django_capture_on_commit_callbacks)

    message = mail.outbox[0]
    assert message.subject.startswith("Извещение о собрании:")
    assert "Повестка дня:\n1. Install electric pumps in mine No. 1" in message.body
    assert "Когда: 15 сентября 1922, 18:00 (UTC)" in message.body
    [event] = calendar_of(message)[1].walk("VEVENT")
    assert event["DESCRIPTION"].startswith("Повестка дня:")


def test_the_language_given_overrides_the_active_one(addressed, django_capture_on_commit_callbacks):
    give(addressed, django_capture_on_commit_callbacks, language="ru")

    assert mail.outbox[0].subject.startswith("Извещение о собрании:")


def test_nothing_is_sent_when_the_notice_is_rolled_back(
    addressed, django_capture_on_commit_callbacks
):
    with (
        pytest.raises(RuntimeError),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        notices.give_notice(actor=addressed.chair, meeting=addressed.meeting, on=DAY, site_url=SITE)
        raise RuntimeError("the clerk's request failed later")

    assert mail.outbox == []
    assert not Notice.objects.exists()


def test_the_audit_trail_says_who_gave_notice_and_to_how_many_but_no_address(
    addressed, django_capture_on_commit_callbacks
):
    give(addressed, django_capture_on_commit_callbacks)

    given = AuditEntry.objects.get(action="meetings.notice.give")
    mailed = AuditEntry.objects.get(action="meetings.notice.mail")
    assert given.actor_label == mailed.actor_label == "chair"
    assert (given.changes["recipients"], given.changes["no_address"]) == (5, 2)
    assert (mailed.changes["emailed"], mailed.changes["failed"]) == (3, 0)
    trail = " ".join(str(e.changes) for e in AuditEntry.objects.all())
    assert "@" not in trail


def test_a_meeting_known_only_to_the_month_is_mailed_without_a_calendar_file(
    addressed, django_capture_on_commit_callbacks
):
    Meeting.objects.filter(pk=addressed.meeting.pk).update(convened_precision=Precision.MONTH)
    addressed.meeting.refresh_from_db()

    give(addressed, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 3
    assert mail.outbox[0].attachments == []
    assert "calendar" not in mail.outbox[0].body


def test_when_no_one_has_an_address_nothing_is_sent_and_the_notice_says_so(
    assembly, django_capture_on_commit_callbacks
):
    notice = give(assembly, django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert (notice.emailed, notice.no_address) == (0, 5)


def test_the_chairs_page_counts_the_emailed_and_those_without_an_address(
    addressed, client, django_capture_on_commit_callbacks
):
    give(addressed, django_capture_on_commit_callbacks)
    client.force_login(addressed.chair)

    page = client.get(f"/meetings/{addressed.meeting.pk}/").content.decode()

    assert "to 5 members entitled to attend" in page
    assert "E-mailed to 3. 2 have no e-mail address." in page
    assert "No e-mail address: Dora, Gleb" in page


def test_a_message_the_server_refuses_is_counted_and_the_rest_go(
    addressed, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.meetings.refusing_backend.RefusingBackend"

    notice = give(addressed, django_capture_on_commit_callbacks)

    notice.refresh_from_db()
    assert (notice.emailed, notice.mail_failed) == (2, 1)
    assert "recipient refused" in notice.mail_error
    assert "@" not in notice.mail_error
    assert Notice.objects.get().mail_failed == 1


def test_the_start_is_written_in_utc(addressed, django_capture_on_commit_callbacks):
    give(addressed, django_capture_on_commit_callbacks)

    raw = calendar_of(mail.outbox[0])[1].to_ical().decode()

    assert "DTSTART:19220915T180000Z" in raw
