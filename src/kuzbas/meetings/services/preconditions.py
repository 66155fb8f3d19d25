"""What the meeting services check before a write, and the revision phones watch after one."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kuzbas.core.errors import NotNow, NotPermitted
from kuzbas.core.rights import Role, roles_of
from kuzbas.meetings import transitions
from kuzbas.meetings.models import Meeting, MeetingStatus


def is_the_chair(actor, meeting: Meeting) -> bool:
    """Return whether the actor chairs this meeting (or administers Kuzbas, or none chairs it)."""
    if meeting.chair_id is None or meeting.chair_id == getattr(actor, "pk", None):
        return True
    return Role.ADMIN in roles_of(actor)


def require_the_chair(actor, meeting: Meeting) -> None:
    """Refuse unless the actor chairs this meeting (or administers Kuzbas, or none chairs it).

    Holding the right to chair meetings is not enough to run someone else's: the chair passes
    to another only by the meeting's decision or an administrator (`chair.take_chair`), which
    the trail records."""
    if is_the_chair(actor, meeting):
        return
    raise NotPermitted(
        _("%(chair)s chairs this meeting; take the chair before running it.")
        % {"chair": meeting.chair_name or meeting.chair},
        rule="meeting.chair",
    )


def locked(meeting: Meeting) -> Meeting:
    """Return the meeting re-read under a row lock, with its body."""
    return Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)


def refuse_closed(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CLOSED:
        raise NotNow(_("The meeting is closed."), rule="meeting.closed")


def require_open(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.OPEN:
        raise NotNow(
            _("The meeting is %(status)s; it must be open for this.")
            % {"status": meeting.get_status_display()},
            rule=f"meeting.{meeting.status}",
        )


def require_move(meeting: Meeting, to: str) -> None:
    """Refuse, as a conflict under the meeting's status, a move its lifecycle does not allow."""
    allowed, reason = transitions.can_move(meeting, to)
    if not allowed:
        raise NotNow(reason, rule=f"meeting.{meeting.status}")


def save_shown(meeting: Meeting, *fields: str) -> None:
    """Save what phones show and raise the revision they ask about (see `live`)."""
    meeting.revision += 1
    meeting.save(update_fields=[*fields, "revision"])
