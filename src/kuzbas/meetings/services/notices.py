"""Notice of a meeting: given to every member entitled to attend, e-mailed to those with an
address (`meetings.notice_mail`), and read by them on their pages."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.actor import label
from kuzbas.core.errors import NotNow
from kuzbas.core.rights import Right, require
from kuzbas.governance.statutes import stored_history
from kuzbas.governance.voters import electorate_on
from kuzbas.meetings import notice_mail
from kuzbas.meetings.models import Meeting, MeetingStatus, Notice, NoticeDelivery
from kuzbas.meetings.quorum import meeting_day
from kuzbas.meetings.services.preconditions import locked
from kuzbas.members.models import Person
from kuzbas.statute import statute_as_of


def _notice_text(meeting: Meeting, agenda: list[tuple[int, str]]) -> str:
    lines = [
        _("%(body)s: %(title)s") % {"body": meeting.body, "title": meeting.title},
        _("Convened for %(when)s%(place)s.")
        % {
            "when": meeting.convened_label,
            "place": _(", at %(place)s") % {"place": meeting.place} if meeting.place else "",
        },
    ]
    if agenda:
        lines.append(_("Agenda:"))
        lines += [f"{position}. {title}" for position, title in agenda]
    return "\n".join(lines)


def _giver(actor) -> str:
    """Name who gives notice as the members know them: their name, else the account's."""
    person = getattr(actor, "person", None)
    return str(person) if person is not None else label(actor)


@transaction.atomic
def give_notice(
    *, actor, meeting: Meeting, on: dt.date, site_url: str, language: str | None = None
) -> Notice:
    """Give notice of a meeting to every member entitled to attend: the body's electorate on
    the meeting's day, as the statute reckons it. Notice may be given again (after the agenda
    changed); each notice keeps the text it was given with.

    Each recipient with an e-mail address is sent the notice once the notice is committed,
    written in `language` (the giver's by default), with a link to the meeting's page at
    `site_url` (the scheme and host the clerk reached Kuzbas on) and the meeting as a
    calendar file. The notice counts what was sent; a failure to send is counted, not raised.
    """
    require(actor, Right.MEETINGS_CLERK)
    meeting = locked(meeting)
    if meeting.status == MeetingStatus.CLOSED:
        raise NotNow(_("The meeting is closed; notice can no longer be given."), rule="meeting")
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    day = meeting_day(meeting)
    statute = statute_as_of(stored_history(), day)
    voters = electorate_on(statute, body=meeting.body.key, matter="", as_of=day)
    people = list(
        Person.objects.filter(key__in=[v.holder for v in voters.voters])
        .order_by("pk")
        .values_list("pk", "name_latin", "email")
    )
    agenda = list(meeting.items.order_by("position").values_list("position", "title"))
    recipients = [notice_mail.Recipient(name, email) for _pk, name, email in people if email]
    notice = Notice.objects.create(
        meeting=meeting,
        given_on=on,
        given_by=actor if isinstance(actor, models.Model) else None,
        given_by_label=label(actor),
        text=_notice_text(meeting, agenda),
        recipients=len(people),
        no_address=len(people) - len(recipients),
    )
    NoticeDelivery.objects.bulk_create(
        (NoticeDelivery(notice=notice, person_id=pk) for pk, _name, _email in people),
        batch_size=2000,
    )
    audit(
        actor=actor,
        action="meetings.notice.give",
        obj=meeting,
        changes={
            "notice": notice.pk,
            "recipients": len(people),
            "to_email": len(recipients),
            "no_address": notice.no_address,
        },
    )
    notice_mail.send_after_commit(
        actor=actor,
        notice=notice,
        agenda=agenda,
        giver=_giver(actor),
        site_url=site_url,
        language=language,
    )
    return notice


def mark_notices_read(*, actor, meeting: Meeting) -> int:
    """Mark the member's notices of a meeting read, now that they opened it; return how many."""
    person_id = getattr(actor, "person_id", None)
    if person_id is None:
        return 0
    marked = NoticeDelivery.objects.filter(
        notice__meeting=meeting, person_id=person_id, read_at__isnull=True
    ).update(read_at=timezone.now())
    if marked:
        audit(actor=actor, action="meetings.notice.read", obj=meeting, changes={"notices": marked})
    return marked
