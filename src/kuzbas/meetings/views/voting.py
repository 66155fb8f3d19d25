"""A member's phone: the vote on screen, casting a ballot, and the question it polls."""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kuzbas.core.errors import DomainError, NotFound
from kuzbas.core.rights import Right, has_right
from kuzbas.governance.models import Choice
from kuzbas.meetings import live
from kuzbas.meetings.access import meeting_for_user, meeting_for_voter
from kuzbas.meetings.live import answer as live_answer
from kuzbas.meetings.models import Attendance, Meeting
from kuzbas.meetings.services import votes

POLL_KEY = "meetings.poll"  # meetings whose vote this session may poll, checked once
VOTED_KEY = "meetings.voted"  # motions this session voted on: whether, never how


def _vote_state(request: HttpRequest, meeting: Meeting) -> dict:
    motion = meeting.current_motion
    voted = motion is not None and motion.pk in request.session.get(VOTED_KEY, [])
    return {
        "meeting": meeting,
        "live_url": live.url_for(meeting),
        "poll_seconds": live.POLL_SECONDS,
        # Sent with the ballot: a second press of the same button (or a retry after a lost
        # reply) returns the ballot already cast instead of a second one.
        "ballot_key": secrets.token_urlsafe(24),
        "motion": motion,
        "decision": getattr(motion, "decision", None) if motion else None,
        "voted": voted,
        "choices": Choice.choices,
    }


def vote_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's phone: the vote on screen, brought up to date without reloading.

    The page asks `live` every few seconds whether anything changed, and fetches this fragment
    only when it did (or after its own ballot), so the fragment costs one query: the meeting with
    the vote on screen and its decision. Who may fetch it is checked on the full page and
    remembered in the session; every ballot is still checked in full by the service.
    """
    if request.headers.get("HX-Request") and pk in request.session.get(POLL_KEY, []):
        meeting = (
            Meeting.objects.select_related("current_motion", "current_motion__decision")
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
    context = _vote_state(request, meeting)
    context["checked_in"] = Attendance.objects.filter(
        meeting=meeting, person_id=getattr(request.user, "person_id", None)
    ).exists()
    context["may_attend"] = has_right(request.user, Right.MEETINGS_ATTEND)
    template = "meetings/vote.html#state" if request.headers.get("HX-Request") else None
    return render(request, template or "meetings/vote.html", context)


@require_POST
def cast(request: HttpRequest, pk: int) -> HttpResponse:
    """Cast a ballot on the vote on screen; htmx gets the acknowledgement, others a redirect."""
    meeting = meeting_for_voter(request.user, pk)
    is_htmx = bool(request.headers.get("HX-Request"))
    try:
        ballot = votes.vote(
            actor=request.user,
            meeting=meeting,
            choice=request.POST.get("choice", ""),
            key=request.POST.get("key", ""),
        )
    except DomainError as error:
        if is_htmx:
            return render(request, "meetings/vote.html#ack", {"error": error.message})
        messages.error(request, error.message)
        return redirect("meetings:vote", pk=pk)
    voted = request.session.get(VOTED_KEY, [])
    request.session[VOTED_KEY] = [*voted, meeting.current_motion_id][-50:]
    receipt = getattr(ballot, "receipt", None)
    if is_htmx:
        response = render(
            request,
            "meetings/vote.html#ack",
            {"receipt": receipt, "motion": meeting.current_motion},
        )
        response["HX-Trigger"] = live.TRIGGER  # the page shows "your ballot is in" at once
        return response
    if receipt:
        messages.success(
            request, _("Your secret ballot was received. Receipt: %(r)s") % {"r": receipt}
        )
    else:
        messages.success(request, _("Your ballot was counted."))
    return redirect("meetings:vote", pk=pk)


@require_GET
def live_poll(request: HttpRequest, pk: int, token: str, revision: int) -> HttpResponse:
    """Tell a waiting phone whether the meeting changed since `revision` (see `live`)."""
    response = HttpResponse(status=live_answer(pk, token, revision))
    if response.status_code == 200:
        response["HX-Trigger"] = live.TRIGGER
    response["Cache-Control"] = "no-store"
    return response
