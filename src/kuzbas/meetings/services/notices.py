"""Notice of a meeting: given to every member entitled to attend, and read by them."""

from __future__ import annotations

import datetime as dt

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.actor import label
from kuzbas.core.errors import NotNow
from kuzbas.core.rights import Right, require
from kuzbas.governance.statutes import stored_history
from kuzbas.governance.voters import electorate_on
from kuzbas.meetings.models import Meeting, MeetingStatus, Notice, NoticeDelivery
from kuzbas.meetings.quorum import meeting_day
from kuzbas.meetings.services.preconditions import locked
from kuzbas.members.models import Person
from kuzbas.statute import statute_as_of


def _notice_text(meeting: Meeting) -> str:
    lines = [
        _("%(body)s: %(title)s") % {"body": meeting.body, "title": meeting.title},
        _("Convened for %(when)s%(place)s.")
        % {
            "when": meeting.convened_label,
            "place": _(", at %(place)s") % {"place": meeting.place} if meeting.place else "",
        },
    ]
    items = list(meeting.items.order_by("position").values_list("position", "title"))
    if items:
        lines.append(_("Agenda:"))
        lines += [f"{position}. {title}" for position, title in items]
    return "\n".join(lines)


@transaction.atomic
def give_notice(*, actor, meeting: Meeting, on: dt.date) -> Notice:
    """Give notice of a meeting to every member entitled to attend: the body's electorate on
    the meeting's day, as the statute reckons it. Notice may be given again (after the agenda
    changed); each notice keeps the text it was given with."""
    require(actor, Right.MEETINGS_CLERK)
    meeting = locked(meeting)
    if meeting.status == MeetingStatus.CLOSED:
        raise NotNow(_("The meeting is closed; notice can no longer be given."), rule="meeting")
    day = meeting_day(meeting)
    statute = statute_as_of(stored_history(), day)
    voters = electorate_on(statute, body=meeting.body.key, matter="", as_of=day)
    people = list(
        Person.objects.filter(key__in=[v.holder for v in voters.voters]).values_list(
            "pk", flat=True
        )
    )
    notice = Notice.objects.create(
        meeting=meeting,
        given_on=on,
        given_by=actor if isinstance(actor, models.Model) else None,
        given_by_label=label(actor),
        text=_notice_text(meeting),
        recipients=len(people),
    )
    NoticeDelivery.objects.bulk_create(
        (NoticeDelivery(notice=notice, person_id=pk) for pk in people), batch_size=2000
    )
    audit(
        actor=actor,
        action="meetings.notice.give",
        obj=meeting,
        changes={"notice": notice.pk, "recipients": len(people)},
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
