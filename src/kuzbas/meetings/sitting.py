"""The meeting's rules on every path to a vote on its agenda (see `governance/sittings.py`).

A motion on the agenda of a meeting not yet closed (the item's own motion or an amendment to
it) is opened, closed and counted by that meeting's chair through the meeting's services, which
move the agenda item with the vote; governance's motion page and API are refused with the
meeting's page named. A ballot on it counts only from someone checked in, whichever path casts
it. Registered from `MeetingsConfig.ready`.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from kuzbas.core.errors import NotNow
from kuzbas.core.rights import Right, require
from kuzbas.governance.sittings import register_sitting
from kuzbas.meetings.models import Attendance, Meeting, MeetingStatus
from kuzbas.meetings.services.preconditions import require_the_chair


def meeting_of(motion) -> Meeting | None:
    """Return the meeting not yet closed whose agenda holds the motion (an open one first)."""
    found = list(
        Meeting.objects.filter(
            Q(items__motion=motion) | Q(items__amendments__motion=motion),
        )
        .exclude(status=MeetingStatus.CLOSED)
        .distinct()
    )
    found.sort(key=lambda m: (m.status != MeetingStatus.OPEN, m.convened_for, m.pk))
    return found[0] if found else None


def _elsewhere(motion, meeting: Meeting, what: str, rule: str) -> NotNow:
    return NotNow(
        _("Motion No. %(n)s is on the agenda of “%(meeting)s”: %(what)s (%(url)s).")
        % {
            "n": motion.number,
            "meeting": meeting,
            "what": what,
            "url": reverse("meetings:meeting", kwargs={"pk": meeting.pk}),
        },
        rule=rule,
    )


class MeetingSitting:
    """Governance's `Sitting`, answered by the meeting whose agenda holds the motion."""

    def conduct(self, *, actor, motion, at: object | None) -> None:
        """The meeting's own chair runs the vote, from the meeting, so its item moves with it."""
        meeting = meeting_of(motion)
        if meeting is None:
            return
        require_the_chair(actor, meeting)
        if not (isinstance(at, Meeting) and at.pk == meeting.pk):
            what = _("its chair runs the vote from the meeting's page")
            raise _elsewhere(motion, meeting, what, "meeting.agenda")

    def ballot(self, *, actor, motion, at: object | None) -> None:
        """Only someone checked in to the meeting votes on what it puts to the vote."""
        if isinstance(at, Meeting) and at.current_motion_id == motion.pk:
            meeting = at
        else:
            found = meeting_of(motion)
            if found is None:
                return
            meeting = found
        checked_in = getattr(meeting, "checked_in", None)
        if checked_in is None:
            checked_in = Attendance.objects.filter(
                meeting=meeting, person_id=getattr(actor, "person_id", None)
            ).exists()
        if checked_in:
            return
        require(actor, Right.MEETINGS_ATTEND)
        if meeting is at:
            raise NotNow(_("Check in to the meeting before voting."), rule="attendance.required")
        what = _("check in to the meeting before voting")
        raise _elsewhere(motion, meeting, what, "attendance.required")

    def place(self, motion) -> tuple[str, str] | None:
        meeting = meeting_of(motion)
        if meeting is None:
            return None
        return str(meeting), reverse("meetings:meeting", kwargs={"pk": meeting.pk})


SITTING = register_sitting(MeetingSitting())
