"""A member's phone: the one "vote now" screen, casting a ballot, and the question it polls.

Whatever the meeting puts to the vote shows here (`meetings.screen`): a motion or an amendment
with its Yes / No / Abstain buttons, or an election's ballot paper, rendered by the app that runs
it. The answer to a ballot is the screen itself, saying once that the ballot is in, with the
receipt of a secret ballot; the choice is shown back from the phone's own memory
(`meetings/room.js`), never from the server, so that every answer is the same whatever was chosen.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import OuterRef
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kuzbas.core.errors import DomainError, NotFound
from kuzbas.core.http import answer_for
from kuzbas.core.rights import Right, has_right
from kuzbas.meetings import live, screen
from kuzbas.meetings.access import meeting_for_user, meeting_for_voter
from kuzbas.meetings.live import answer as live_answer
from kuzbas.meetings.models import Attendance, Meeting
from kuzbas.meetings.services import votes

POLL_KEY = "meetings.poll"  # meetings whose vote this session may poll, checked once
VOTED_KEY = "meetings.voted"  # motions this session voted on: whether, never how


def _vote_state(request: HttpRequest, meeting: Meeting) -> dict:
    shown = screen.on_screen(meeting, with_item=False)
    motion = shown.motion
    voted = motion is not None and motion.pk in request.session.get(VOTED_KEY, [])
    panel = shown.kind.ballot(request, shown.item) if shown.kind and shown.item else None
    return {
        "meeting": meeting,
        "live_url": live.url_for(meeting),
        "live_stream": live.stream_url_for(meeting),
        "poll_seconds": live.POLL_SECONDS,
        # Sent with the ballot: a second press of the same button (or a retry after a lost
        # reply) returns the ballot already cast instead of a second one.
        "ballot_key": secrets.token_urlsafe(24),
        "item": shown.item,
        # An amendment is named so on screen (read with the motion: `Amendment` is one-to-one).
        "amendment": motion is not None and _amends(motion),
        "motion": motion,
        "panel": panel,
        "decision": getattr(motion, "decision", None) if motion else None,
        "voted": voted,
    }


def _amends(motion) -> bool:
    try:
        return motion.amendment is not None
    except ObjectDoesNotExist:
        return False


def vote_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's phone: what is put to the vote, brought up to date without reloading.

    The page asks `live` every few seconds whether anything changed, and fetches this fragment
    only when it did. Who may fetch it is checked on the full page and remembered in the
    session; every ballot is still checked in full by the service.
    """
    if request.headers.get("HX-Request") and pk in request.session.get(POLL_KEY, []):
        meeting = (
            Meeting.objects.select_related(
                "current_motion", "current_motion__decision", "current_motion__amendment"
            )
            .annotate(has_own_ballots=screen.own_ballots(OuterRef("pk")))
            .filter(pk=pk)
            .first()
        )
        if meeting is None:
            raise NotFound(_("There is no meeting No. %(n)s.") % {"n": pk})
        # Rendered without the request's context processors: they would ask for the user's
        # roles (three queries) on every poll of every phone.
        context = {**_vote_state(request, meeting), "csrf_token": get_token(request)}
        return HttpResponse(loader.get_template("meetings/vote.html#state").render(context))
    meeting = meeting_for_user(request.user, pk)
    polls = request.session.get(POLL_KEY, [])
    if pk not in polls:
        request.session[POLL_KEY] = [*polls, pk][-20:]
    return _page(request, meeting, {})


def _page(request: HttpRequest, meeting: Meeting, extra: dict, status: int = 200) -> HttpResponse:
    context = {**_vote_state(request, meeting), **extra}
    context["checked_in"] = Attendance.objects.filter(
        meeting=meeting, person_id=getattr(request.user, "person_id", None)
    ).exists()
    context["may_attend"] = has_right(request.user, Right.MEETINGS_ATTEND)
    context["may_chair"] = has_right(request.user, Right.MEETINGS_CHAIR)
    context["floor_item"] = screen.item_in_hand(meeting, screen.on_screen(meeting))
    template = "meetings/vote.html#state" if request.headers.get("HX-Request") else None
    return render(request, template or "meetings/vote.html", context, status=status)


@require_POST
def cast(request: HttpRequest, pk: int) -> HttpResponse:
    """Cast a ballot on the vote on screen; the answer is the screen, with one message."""
    meeting = meeting_for_voter(request.user, pk)
    try:
        ballot = votes.vote(
            actor=request.user,
            meeting=meeting,
            choice=request.POST.get("choice", ""),
            key=request.POST.get("key", ""),
        )
    except DomainError as error:
        # htmx swaps only 2xx answers: a refusal comes as 200 so that its message is shown.
        status = 200 if request.headers.get("HX-Request") else answer_for(error).status
        return _page(request, meeting_for_user(request.user, pk), {"error": error}, status)
    voted = request.session.get(VOTED_KEY, [])
    request.session[VOTED_KEY] = [*voted, meeting.current_motion_id][-50:]
    # Answered in place, not by a redirect: the receipt is shown once, in this answer only.
    extra = {"receipt": getattr(ballot, "receipt", None)}
    return _page(request, meeting_for_user(request.user, pk), extra)


@require_GET
def live_poll(request: HttpRequest, pk: int, token: str, revision: int) -> HttpResponse:
    """Tell a waiting phone whether the meeting changed since `revision` (see `live`)."""
    response = HttpResponse(status=live_answer(pk, token, revision))
    if response.status_code == 200:
        response["HX-Trigger"] = live.TRIGGER
    response["Cache-Control"] = "no-store"
    return response
