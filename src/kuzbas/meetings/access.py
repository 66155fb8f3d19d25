"""Meetings and agenda items named by user input, fetched only for those who may see them."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from kuzbas.core.errors import NotFound
from kuzbas.core.rights import Right, require
from kuzbas.governance.models import Motion
from kuzbas.meetings.models import AgendaItem, Attendance, Meeting


def meeting_for_user(user, pk: int) -> Meeting:
    """Return the meeting if the user may see meetings; NotFound if there is none."""
    require(user, Right.MEETINGS_VIEW)
    meeting = (
        Meeting.objects.select_related("body", "chair", "current_motion").filter(pk=pk).first()
    )
    if meeting is None:
        raise NotFound(_("There is no meeting No. %(n)s.") % {"n": pk})
    return meeting


def meeting_for_voter(user, pk: int) -> Meeting:
    """Return the meeting with `checked_in` telling whether the user is checked in to it.

    The path of every ballot from every phone, so one query for those checked in: they showed
    the right to attend when they checked in. Anyone else is asked for that right first.
    """
    attending = Attendance.objects.filter(
        meeting=OuterRef("pk"), person_id=getattr(user, "person_id", None)
    )
    meeting = (
        Meeting.objects.select_related("current_motion")
        .annotate(checked_in=Exists(attending))
        .filter(pk=pk)
        .first()
    )
    if meeting is None or not meeting.checked_in:
        require(user, Right.MEETINGS_ATTEND)
        meeting = meeting_for_user(user, pk)
        meeting.checked_in = False
    return meeting


def item_for_user(user, pk: int, position: int) -> AgendaItem:
    """Return an agenda item of a meeting the user may see."""
    meeting = meeting_for_user(user, pk)
    item = (
        AgendaItem.objects.select_related("motion", "motion__body")
        .filter(meeting=meeting, position=position)
        .first()
    )
    if item is None:
        raise NotFound(_("The meeting has no item %(n)s.") % {"n": position})
    item.meeting = meeting
    return item


def motion_on_item(item: AgendaItem, number: int | None) -> Motion | None:
    """Return the item's motion or amendment with this number (None: the item's own motion)."""
    if not number:
        return None
    motion = Motion.objects.select_related("body").filter(number=number).first()
    if motion is None:
        raise NotFound(_("There is no motion No. %(n)s.") % {"n": number})
    return motion
