"""Who is present: a member checks in with the meeting's code, or a clerk records them.

A member the statute leaves out of the body's electorate (a hired worker at the colonists' mass
meeting) is refused under the electorate clause; a guest who is no member may still be recorded,
present without a vote.
"""

from __future__ import annotations

import secrets

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import Conflict, Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.meetings import checkin_codes
from kuzbas.meetings.models import Attendance, CheckIn, Meeting
from kuzbas.meetings.quorum import refuse_outside_electorate
from kuzbas.meetings.services.preconditions import require_open
from kuzbas.members.access import person_of
from kuzbas.members.models import Person


def check_in(*, actor, meeting: Meeting, code: str) -> Attendance:
    """Check the actor in with the code the chair shows; a wrong code leaves no trace."""
    try:
        return _check_in(actor=actor, meeting=meeting, code=code)
    except IntegrityError:
        raise Conflict(_("You are already checked in."), rule="attendance.once") from None


@transaction.atomic
def _check_in(*, actor, meeting: Meeting, code: str) -> Attendance:
    require(actor, Right.MEETINGS_ATTEND)
    meeting = Meeting.objects.get(pk=meeting.pk)
    require_open(meeting)
    meant = checkin_codes.readings(code)
    if not meant:
        raise Invalid(
            [
                Problem(
                    _("A check-in code is written in Latin letters and digits, like K7M2QX."),
                    field="code",
                )
            ]
        )
    # Every reading is compared, so the time taken does not tell which one came close.
    if not any([secrets.compare_digest(m, meeting.checkin_code) for m in meant]):
        raise Invalid([Problem(_("That is not this meeting's check-in code."), field="code")])
    person = person_of(actor)
    if Attendance.objects.filter(meeting=meeting, person=person).exists():
        raise Conflict(_("You are already checked in."), rule="attendance.once")
    refuse_outside_electorate(meeting, person)
    attendance = Attendance.objects.create(
        meeting=meeting,
        person=person,
        method=CheckIn.CODE,
        recorded_by=actor if isinstance(actor, models.Model) else None,
    )
    audit(
        actor=actor,
        action="meetings.attendance.check_in",
        obj=meeting,
        changes={"person": person.key, "method": CheckIn.CODE},
    )
    return attendance


@transaction.atomic
def register_attendance(*, actor, meeting: Meeting, person: Person) -> Attendance:
    """Record, as a clerk at the door, that a person is present."""
    require(actor, Right.MEETINGS_CLERK)
    meeting = Meeting.objects.get(pk=meeting.pk)
    require_open(meeting)
    if Attendance.objects.filter(meeting=meeting, person=person).exists():
        raise Conflict(_("%(p)s is already checked in.") % {"p": person}, rule="attendance.once")
    refuse_outside_electorate(meeting, person)
    attendance = Attendance.objects.create(
        meeting=meeting,
        person=person,
        method=CheckIn.CLERK,
        recorded_by=actor if isinstance(actor, models.Model) else None,
    )
    audit(
        actor=actor,
        action="meetings.attendance.check_in",
        obj=meeting,
        changes={"person": person.key, "method": CheckIn.CLERK},
    )
    return attendance
