"""The projector in the hall: the item in hand, who speaks, the vote's turnout, the result.

A page without the site's navigation, in large type, that brings itself up to date every few
seconds (one screen in the hall, so it asks directly instead of through `live`): the turnout
moves with every ballot, which the meeting's revision does not follow.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kuzbas.meetings import screen
from kuzbas.meetings.access import meeting_for_user
from kuzbas.meetings.models import Meeting

REFRESH_SECONDS = 3


def _hall(meeting: Meeting) -> dict:
    shown = screen.on_screen(meeting)
    in_hand = screen.item_in_hand(meeting, shown)
    speaking, waiting = screen.speakers(in_hand)
    counts = screen.turnout(shown)
    motion = shown.motion
    return {
        "meeting": meeting,
        "refresh": REFRESH_SECONDS,
        "item": in_hand,
        "shown": shown,
        "motion": motion,
        "decision": getattr(motion, "decision", None) if motion else None,
        "panel": shown.kind.projector(shown.item) if shown.kind and shown.item else "",
        "voted": counts[0] if counts else None,
        "roll": counts[1] if counts else None,
        "speaking": speaking,
        "waiting": waiting,
    }


def projector(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_user(request.user, pk)
    template = "meetings/projector.html"
    if request.headers.get("HX-Request"):
        template += "#hall"
    return render(request, template, _hall(meeting))
