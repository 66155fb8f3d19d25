"""Notice of a meeting by e-mail: one message to each recipient who has an address, with the
agenda and the meeting as a calendar file.

Each message names its one recipient in To, and no one in Cc or Bcc: members do not learn each
other's addresses. The messages go out once the notice is committed (`transaction.on_commit`),
so a notice rolled back sends nothing, by a task on the background queue (`send_notice`, run by
`kuzbas worker`), so a slow mail server never holds the clerk's request. What went out is
counted on the notice; a mail server that refuses or does not answer is counted and reported
there, never raised: the notice stays given. Neither the notice, nor the audit trail, nor the
queue keeps an address.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from email.mime.base import MIMEBase
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from kuzbas.audit.services import audit
from kuzbas.background.actors import actor_from, actor_ref
from kuzbas.background.running import enqueue_after_commit
from kuzbas.meetings.calendar_file import METHOD, has_calendar_entry, meeting_calendar
from kuzbas.meetings.models import Meeting, Notice, NoticeDelivery

logger = logging.getLogger(__name__)

# An address inside a mail server's answer ("{'ada@coop.example': (550, ...)}").
_ADDRESS = re.compile(r"[^\s'\"<>(){}\[\],;:]+@[^\s'\"<>(){}\[\],;:]+")


@dataclass(frozen=True)
class Recipient:
    """Whom one message goes to."""

    name: str
    email: str


def meeting_link(meeting: Meeting, site_url: str) -> str:
    """Return the address of the meeting's page on the host the clerk reached Kuzbas on."""
    return site_url.rstrip("/") + reverse("meetings:meeting", args=[meeting.pk])


def notice_messages(
    *,
    notice: Notice,
    agenda: list[tuple[int, str]],
    recipients: list[Recipient],
    giver: str,
    site_url: str,
    language: str,
) -> list[EmailMessage]:
    """Write the notice's e-mail, one message per recipient, in the giver's language."""
    meeting = notice.meeting
    link = meeting_link(meeting, site_url)
    context = {
        "enterprise": settings.KUZBAS_ENTERPRISE_NAME,
        "body": meeting.body.name,
        "title": meeting.title,
        "when": f"{meeting.convened_label} ({timezone.get_current_timezone_name()})",
        "place": meeting.place,
        "agenda": agenda,
        "giver": giver,
        "link": link,
        "calendar": has_calendar_entry(meeting),
    }
    with translation.override(language):
        subject = " ".join(render_to_string("meetings/email/notice_subject.txt", context).split())
        ics = _calendar_file(notice, context) if context["calendar"] else None
        messages = []
        for recipient in recipients:
            body = render_to_string(
                "meetings/email/notice.txt", {**context, "name": recipient.name}
            )
            message = EmailMessage(
                subject=subject,
                body=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[recipient.email],
            )
            if ics is not None:
                message.attach(_calendar_part(ics))
            messages.append(message)
    return messages


def _calendar_file(notice: Notice, context: dict) -> bytes:
    meeting = notice.meeting
    return meeting_calendar(
        meeting,
        summary=f"{context['body']}: {meeting.title}",
        description=render_to_string("meetings/email/notice_calendar.txt", context).strip()
        + "\n\n"
        + context["link"],
        url=context["link"],
        sequence=meeting.notices.filter(given_at__lt=notice.given_at).count(),
        stamp=notice.given_at,
    )


def _calendar_part(ics: bytes) -> MIMEBase:
    """Return the calendar file as an attachment: text/calendar; method=PUBLISH."""
    part = MIMEText(ics.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", METHOD)
    part.add_header("Content-Disposition", "attachment", filename="meeting.ics")
    return part


def send_after_commit(
    *,
    actor,
    notice: Notice,
    agenda: list[tuple[int, str]],
    giver: str,
    site_url: str,
    language: str,
) -> None:
    """Queue the notice's e-mail once the notice is committed; count them on the notice."""
    if notice.recipients - (notice.no_address or 0):
        enqueue_after_commit(
            send_notice,
            notice_id=notice.pk,
            actor=actor_ref(actor),
            agenda=agenda,
            giver=giver,
            site_url=site_url,
            language=language,
        )
    else:
        _record(actor, notice, sent=0, failed=0, error="")


@task()
def send_notice(
    *,
    notice_id: int,
    actor: dict,
    agenda: list[list],
    giver: str,
    site_url: str,
    language: str,
) -> int:
    """Write and send a committed notice's e-mail (a task: the queue keeps no address)."""
    notice = Notice.objects.select_related("meeting__body").get(pk=notice_id)
    people = (
        NoticeDelivery.objects.filter(notice=notice)
        .exclude(person__email="")
        .order_by("person_id")
        .values_list("person__name_latin", "person__email")
    )
    messages = notice_messages(
        notice=notice,
        agenda=[(position, title) for position, title in agenda],
        recipients=[Recipient(name, email) for name, email in people],
        giver=giver,
        site_url=site_url,
        language=language,
    )
    send(actor=actor_from(actor), notice=notice, messages=messages)
    return notice.emailed or 0


def send(*, actor, notice: Notice, messages: list[EmailMessage]) -> None:
    """Hand the messages to the mail server over one connection; record what it took.

    Runs in the worker after the commit: every error is caught here and recorded on the
    notice, which the clerk reads on the meeting's page.
    """
    sent = failed = 0
    error = ""
    try:
        with get_connection() as connection:
            for message in messages:
                message.connection = connection
                try:
                    message.send()
                except Exception as refused:  # a bad address, a refusal: one message fails
                    failed += 1
                    error = error or _reason(refused)
                else:
                    sent += 1
    except Exception as unreachable:  # no connection at all: every message not sent fails
        failed = len(messages) - sent
        if failed:
            error = error or _reason(unreachable)
    if failed:
        logger.warning("notice %s: %s e-mails not sent: %s", notice.pk, failed, error)
    _record(actor, notice, sent=sent, failed=failed, error=error)


def _reason(error: Exception) -> str:
    """Say why a message was not sent, without the addresses a mail server's answer names."""
    text = str(error) or type(error).__name__
    return _ADDRESS.sub("<…>", text)[:300]


@transaction.atomic
def _record(actor, notice: Notice, *, sent: int, failed: int, error: str) -> None:
    notice.emailed, notice.mail_failed, notice.mail_error = sent, failed, error
    Notice.objects.filter(pk=notice.pk).update(emailed=sent, mail_failed=failed, mail_error=error)
    audit(
        actor=actor,
        action="meetings.notice.mail",
        obj=notice.meeting,
        changes={"notice": notice.pk, "emailed": sent, "failed": failed, "error": error[:200]},
    )


def mail_summary(notice: Notice) -> str:
    """Say what became of the notice's e-mail: sent to how many, how many had no address,
    how many could not be sent and why."""
    if notice.no_address is None:
        return ""
    parts = []
    if notice.emailed is None:
        parts.append(_("The e-mails are going out."))
    else:
        parts.append(
            ngettext("E-mailed to %(n)s.", "E-mailed to %(n)s.", notice.emailed)
            % {"n": notice.emailed}
        )
    if notice.no_address:
        parts.append(
            ngettext(
                "%(n)s has no e-mail address.",
                "%(n)s have no e-mail address.",
                notice.no_address,
            )
            % {"n": notice.no_address}
        )
    if notice.mail_failed:
        parts.append(
            ngettext(
                "%(n)s e-mail could not be sent: %(error)s.",
                "%(n)s e-mails could not be sent: %(error)s.",
                notice.mail_failed,
            )
            % {"n": notice.mail_failed, "error": notice.mail_error}
        )
    return " ".join(parts)
