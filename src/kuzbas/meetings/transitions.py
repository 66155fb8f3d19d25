"""The lifecycles of a meeting, an agenda item and a request to speak: the moves allowed from
each status, and why any other is refused.

meeting   planned ── open ──► open ── close ──► closed

item      pending ─┬─ a speaker is called ──► discussion ─┬─ a vote opens ──► voting
                   └─ a vote opens ───────────────────────┘
          pending | discussion | voting ─┬─ its motion is decided ──► done
                                         └─ an amendment is decided ──► discussion
          done ── an amendment proposed during the vote is put or counted ──► voting | discussion

speaker   waiting ── called ──► speaking ── the next is called ──► done

A count taken in the hall decides without a vote being opened, so an item goes straight from
pending or discussion to done (its motion) or discussion (an amendment).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _

from kuzbas.core.lifecycle import IllegalTransition
from kuzbas.meetings.models import (
    AgendaItem,
    ItemStatus,
    Meeting,
    MeetingStatus,
    Speaker,
    SpeakerStatus,
)

MEETING: dict[MeetingStatus, frozenset[MeetingStatus]] = {
    MeetingStatus.PLANNED: frozenset({MeetingStatus.OPEN}),
    MeetingStatus.OPEN: frozenset({MeetingStatus.CLOSED}),
    MeetingStatus.CLOSED: frozenset(),
}

ITEM: dict[ItemStatus, frozenset[ItemStatus]] = {
    ItemStatus.PENDING: frozenset({ItemStatus.DISCUSSION, ItemStatus.VOTING, ItemStatus.DONE}),
    ItemStatus.DISCUSSION: frozenset({ItemStatus.VOTING, ItemStatus.DONE}),
    ItemStatus.VOTING: frozenset({ItemStatus.DISCUSSION, ItemStatus.DONE}),
    # An amendment may be proposed while its motion is being voted on; once the motion is
    # decided (the item done) that amendment can still be put to the vote or counted.
    ItemStatus.DONE: frozenset({ItemStatus.VOTING, ItemStatus.DISCUSSION}),
}

SPEAKER: dict[SpeakerStatus, frozenset[SpeakerStatus]] = {
    SpeakerStatus.WAITING: frozenset({SpeakerStatus.SPEAKING}),
    SpeakerStatus.SPEAKING: frozenset({SpeakerStatus.DONE}),
    SpeakerStatus.DONE: frozenset(),
}

TRANSITIONS: dict[type[models.Model], dict] = {
    Meeting: MEETING,
    AgendaItem: ITEM,
    Speaker: SPEAKER,
}

STATUS: dict[type[models.Model], type[models.TextChoices]] = {
    Meeting: MeetingStatus,
    AgendaItem: ItemStatus,
    Speaker: SpeakerStatus,
}

# The rule an illegal move is refused under: `meeting.open`, `item.done`, `speaker.waiting`.
SUBJECT = {Meeting: "meeting", AgendaItem: "item", Speaker: "speaker"}

Moving = Meeting | AgendaItem | Speaker


def _reason(obj: Moving, to: str) -> str:
    """Say why the object cannot move to a status, in the words its pages have always used."""
    if isinstance(obj, Meeting):
        if to == MeetingStatus.OPEN:
            return _("Only a planned meeting can be opened; this one is %(s)s.") % {
                "s": obj.get_status_display()
            }
        if to == MeetingStatus.CLOSED:
            return _("The meeting is %(status)s; it must be open for this.") % {
                "status": obj.get_status_display()
            }
        return _("The meeting is %(now)s; it cannot become %(to)s.") % {
            "now": obj.get_status_display(),
            "to": MeetingStatus(to).label,
        }
    if isinstance(obj, AgendaItem):
        return _("Item %(n)s is %(now)s; it cannot become %(to)s.") % {
            "n": obj.position,
            "now": obj.get_status_display(),
            "to": ItemStatus(to).label,
        }
    return _("The request to speak is %(now)s; it cannot become %(to)s.") % {
        "now": obj.get_status_display(),
        "to": SpeakerStatus(to).label,
    }


def can_move(obj: Moving, to: str) -> tuple[bool, str]:
    """Return whether a meeting, an agenda item or a speaker may move to a status, and why not."""
    status = STATUS[type(obj)]
    if status(to) in TRANSITIONS[type(obj)][status(obj.status)]:
        return True, ""
    return False, _reason(obj, to)


def move(obj: Moving, to: str) -> None:
    """Set the object's new status, or raise IllegalTransition; the caller saves."""
    allowed, reason = can_move(obj, to)
    if not allowed:
        raise IllegalTransition(reason, current=obj.status, wanted=to, subject=SUBJECT[type(obj)])
    obj.status = to
