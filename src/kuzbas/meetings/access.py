"""Meetings and agenda items named by user input, fetched only for those who may see them."""

from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext as _

from kuzbas.core import prepared, rows
from kuzbas.core.errors import NotFound
from kuzbas.core.rights import Right, require
from kuzbas.governance.models import Motion
from kuzbas.meetings.models import AgendaItem, Meeting
from kuzbas.members.accounts import (
    ACCOUNT_FOUND,
    ACCOUNT_WIDTH,
    account_for_token,
    account_from_row,
    account_params,
)


def meeting_for_user(user, pk: int) -> Meeting:
    """Return the meeting if the user may see meetings; NotFound if there is none."""
    require(user, Right.MEETINGS_VIEW)
    meeting = (
        Meeting.objects.select_related("body", "chair__person", "current_motion")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise NotFound(_("There is no meeting No. %(n)s.") % {"n": pk})
    return meeting


def meeting_for_voter(user, pk: int) -> Meeting:
    """Return the meeting with `checked_in` telling whether the user is checked in to it.

    The path of every ballot from every phone, so one query, written by hand (building it with
    the ORM cost more than running it): the meeting, the motion on screen and whether the user
    is checked in. Those checked in showed the right to attend when they checked in; anyone
    else is asked for that right first.
    """
    found = prepared.fetch_one(_FOR_VOTER, [getattr(user, "person_id", None), pk])
    meeting = None if found is None else _checked_in(found)
    if meeting is None:
        require(user, Right.MEETINGS_ATTEND)
        meeting = meeting_for_user(user, pk)
        meeting.checked_in = False
    return meeting


def voter_and_meeting(raw_token: str, pk: int):
    """The account behind a phone's bearer token (None: no such active account) and, when it
    is checked in to the meeting, the meeting as `meeting_for_voter` gives it; else None, and
    the caller asks `meeting_for_voter`, which says why not.

    A ballot's first two reads, in one statement on PostgreSQL (the token's and the meeting's
    queries joined); elsewhere the token alone, the meeting asked for after.
    """
    if connection.vendor != "postgresql":
        return account_for_token(raw_token), None
    found = prepared.fetch_one(_VOTER_AND_MEETING, [*account_params(raw_token), pk])
    if found is None:
        return None, None
    user = account_from_row(found)
    return user, _checked_in(found[ACCOUNT_WIDTH:])


def _checked_in(found) -> Meeting | None:
    """The meeting and its motion on screen from `_FOR_VOTER`'s columns, if checked in."""
    if not found[-1]:
        return None
    n = rows.width(Meeting)
    meeting = rows.instance(Meeting, found[:n])
    motion = found[n : n + rows.width(Motion)]
    meeting.current_motion = rows.instance(Motion, motion) if motion[0] is not None else None
    meeting.checked_in = True
    return meeting


_FOR_VOTER = (
    f"SELECT {rows.select_list(Meeting, 'm')}, {rows.select_list(Motion, 'c')},"  # noqa: S608
    " EXISTS (SELECT 1 FROM meetings_attendance a WHERE a.meeting_id = m.id"
    " AND a.person_id = %s)"
    " FROM meetings_meeting m LEFT JOIN governance_motion c ON c.id = m.current_motion_id"
    " WHERE m.id = %s"
)


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


# The account's statement going on to the meeting: `found` is the token's row, at most one.
_VOTER_AND_MEETING = (
    f"{ACCOUNT_FOUND} SELECT found.*, {rows.select_list(Meeting, 'm')},"  # noqa: S608
    f" {rows.select_list(Motion, 'c')},"
    " EXISTS (SELECT 1 FROM meetings_attendance a WHERE a.meeting_id = m.id"
    " AND a.person_id = found.person_id)"
    " FROM found LEFT JOIN meetings_meeting m ON m.id = %s"
    " LEFT JOIN governance_motion c ON c.id = m.current_motion_id"
)
