"""The speakers' list of an agenda item: asking to speak, and the chair calling the next."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import Conflict, NotNow
from kuzbas.core.rights import Right, require
from kuzbas.meetings import transitions
from kuzbas.meetings.models import AgendaItem, Attendance, ItemStatus, Speaker, SpeakerStatus
from kuzbas.meetings.selectors import queue
from kuzbas.meetings.services.preconditions import require_open, require_the_chair
from kuzbas.members.access import person_of


@transaction.atomic
def request_to_speak(*, actor, item: AgendaItem, point_of_order: bool = False) -> Speaker:
    """Put the actor on the item's list; a point of order goes before everyone waiting."""
    require(actor, Right.MEETINGS_ATTEND)
    item = AgendaItem.objects.select_related("meeting").get(pk=item.pk)
    require_open(item.meeting)
    person = person_of(actor)
    if not Attendance.objects.filter(meeting=item.meeting, person=person).exists():
        raise NotNow(_("Check in before asking to speak."), rule="speaker.present")
    if item.speakers.filter(person=person, status=SpeakerStatus.WAITING).exists():
        raise Conflict(_("You are already on the list."), rule="speaker.once")
    speaker = Speaker.objects.create(item=item, person=person, point_of_order=point_of_order)
    audit(
        actor=actor,
        action="meetings.speaker.request",
        obj=item,
        changes={"person": person.key, "point_of_order": point_of_order},
    )
    return speaker


@transaction.atomic
def next_speaker(*, actor, item: AgendaItem) -> Speaker | None:
    """End the current speech and give the floor to the next in the queue (None: list empty)."""
    require(actor, Right.MEETINGS_CHAIR)
    item = AgendaItem.objects.select_related("meeting").select_for_update().get(pk=item.pk)
    require_open(item.meeting)
    require_the_chair(actor, item.meeting)
    now = timezone.now()
    for speaking in item.speakers.filter(status=SpeakerStatus.SPEAKING):
        transitions.move(speaking, SpeakerStatus.DONE)
        speaking.save(update_fields=["status"])
    waiting = queue(item)
    if not waiting:
        return None
    speaker = waiting[0]
    transitions.move(speaker, SpeakerStatus.SPEAKING)
    speaker.spoke_at = now
    speaker.save(update_fields=["status", "spoke_at"])
    if item.status == ItemStatus.PENDING:
        transitions.move(item, ItemStatus.DISCUSSION)
        item.save(update_fields=["status"])
    audit(
        actor=actor,
        action="meetings.speaker.call",
        obj=item,
        changes={"person": speaker.person.key, "point_of_order": speaker.point_of_order},
    )
    return speaker
