"""Meeting pages: the list, the chair's page, a member's voting page on a phone, the minutes."""

from __future__ import annotations

import datetime as dt
import secrets

from django.contrib import messages
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from kuzbas.errors import DomainError, Invalid, NotFound, Problem
from kuzbas.governance import services as governance
from kuzbas.governance.models import Body, Choice
from kuzbas.governance.selectors import live_counts, proxies_allowed, proxies_on
from kuzbas.meetings import live, selectors
from kuzbas.meetings import minutes as minutes_of
from kuzbas.meetings.access import (
    item_for_user,
    meeting_for_user,
    meeting_for_voter,
    motion_on_item,
)
from kuzbas.meetings.live import answer as live_answer
from kuzbas.meetings.models import Attendance, ItemKind, Meeting, NoticeDelivery
from kuzbas.meetings.quorum import live_quorum, meeting_day
from kuzbas.meetings.services import agenda, attendance, chair, notices, speakers, votes
from kuzbas.members.access import person_named, person_of
from kuzbas.members.permissions import Right, has_right, require, require_any
from kuzbas.web.clock import colony_today

POLL_KEY = "meetings.poll"  # meetings whose vote this session may poll, checked once
VOTED_KEY = "meetings.voted"  # motions this session voted on: whether, never how


def meeting_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.MEETINGS_VIEW)
    meetings = Meeting.objects.select_related("body").order_by("-convened_for")
    notices = (
        NoticeDelivery.objects.filter(person_id=_person_key(request.user))
        .select_related("notice__meeting")
        .order_by(F("read_at").desc(nulls_first=True), "-notice__given_at")[:20]
    )
    return render(
        request,
        "meetings/meetings.html",
        {
            "meetings": meetings,
            "notices": notices if _person_key(request.user) else [],
            "may_chair": has_right(request.user, Right.MEETINGS_CHAIR),
            "bodies": Body.objects.order_by("name").values_list("key", "name"),
        },
    )


@require_POST
def meeting_convene(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.MEETINGS_CHAIR)
    try:
        day = dt.datetime.fromisoformat(request.POST.get("convened_for", ""))
        meeting = agenda.convene(
            actor=request.user,
            body=request.POST.get("body", ""),
            title=request.POST.get("title", ""),
            convened_for=timezone.make_aware(day) if timezone.is_naive(day) else day,
            place=request.POST.get("place", ""),
        )
    except ValueError:
        messages.error(request, _("Give the date and time the meeting is convened for."))
        return redirect("meetings:list")
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("meetings:list")
    return redirect("meetings:meeting", pk=meeting.pk)


def _person_key(user) -> int | None:
    return getattr(user, "person_id", None)


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting: agenda, attendance, live quorum; the chair's controls for a chair."""
    meeting = meeting_for_user(request.user, pk)
    running = live_counts(meeting.current_motion) if meeting.current_motion else None
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "quorum":
        context = {"meeting": meeting, "quorum": live_quorum(meeting), "running": running}
        return render(request, "meetings/meeting.html#quorum", context)
    notices.mark_notices_read(actor=request.user, meeting=meeting)
    may_chair = has_right(request.user, Right.MEETINGS_CHAIR)
    is_chair = meeting.chair_id in (None, request.user.pk) or request.user.is_superuser
    items = list(meeting.items.select_related("motion", "motion__decision"))
    for item in items:
        item.motions = selectors.motions_of(item)
        for motion in item.motions:
            motion.can_open = votes.can_open_vote(item, motion)
        item.queue = selectors.queue(item)
    context = {
        "meeting": meeting,
        "items": items,
        "quorum": live_quorum(meeting),
        "running": running,
        # The controls are the meeting's own chair's; another who may chair can take it over.
        "may_chair": may_chair and is_chair,
        "may_take_chair": may_chair and not is_chair and meeting.status != "closed",
        "may_clerk": has_right(request.user, Right.MEETINGS_CLERK),
        "may_attend": has_right(request.user, Right.MEETINGS_ATTEND),
        "checked_in": Attendance.objects.filter(
            meeting=meeting, person_id=_person_key(request.user)
        ).exists(),
        "kinds": ItemKind.choices,
        "proxies": list(proxies_on(meeting.body, meeting_day(meeting))),
        "notice": meeting.notices.order_by("-given_at").first(),
        "proxies_allowed": proxies_allowed(meeting.body, meeting_day(meeting)),
    }
    return render(request, "meetings/meeting.html", context)


def _act(request: HttpRequest, pk: int, action, success: str = "") -> HttpResponse:
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if success:
            messages.success(request, success)
    return redirect("meetings:meeting", pk=pk)


@require_POST
def meeting_open(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_CHAIR)
    meeting = meeting_for_user(request.user, pk)
    return _act(request, pk, lambda: chair.open_meeting(actor=request.user, meeting=meeting))


@require_POST
def meeting_close(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_CHAIR)
    meeting = meeting_for_user(request.user, pk)
    return _act(request, pk, lambda: chair.close_meeting(actor=request.user, meeting=meeting))


@require_POST
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_ATTEND)
    meeting = meeting_for_user(request.user, pk)
    code = request.POST.get("code", "")
    try:
        attendance.check_in(actor=request.user, meeting=meeting, code=code)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("meetings:meeting", pk=pk)
    messages.success(request, _("You are checked in."))
    return redirect("meetings:vote", pk=pk)


@require_POST
def attendance_add(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_CLERK)
    meeting = meeting_for_user(request.user, pk)
    key = request.POST.get("person", "")
    return _act(
        request,
        pk,
        lambda: attendance.register_attendance(
            actor=request.user, meeting=meeting, person=person_named(key)
        ),
        _("%(p)s is checked in.") % {"p": key},
    )


@require_POST
def take_chair(request: HttpRequest, pk: int) -> HttpResponse:
    """Take the chair of the meeting (a deputy when the chair must leave)."""
    require(request.user, Right.MEETINGS_CHAIR)
    meeting = meeting_for_user(request.user, pk)
    return _act(
        request,
        pk,
        lambda: chair.take_chair(actor=request.user, meeting=meeting),
        _("You chair the meeting now."),
    )


@require_POST
def notice_give(request: HttpRequest, pk: int) -> HttpResponse:
    """Give notice of the meeting to the members entitled to attend."""
    require(request.user, Right.MEETINGS_CLERK)
    meeting = meeting_for_user(request.user, pk)
    try:
        notice = notices.give_notice(actor=request.user, meeting=meeting, on=colony_today())
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            ngettext(
                "Notice given to %(n)s member entitled to attend.",
                "Notice given to %(n)s members entitled to attend.",
                notice.recipients,
            )
            % {"n": notice.recipients},
        )
    return redirect("meetings:meeting", pk=pk)


@require_POST
def proxy_give(request: HttpRequest, pk: int) -> HttpResponse:
    """Give one's vote in the meeting's body to another member (a clerk: record one given)."""
    require_any(request.user, [Right.MEETINGS_ATTEND, Right.MEETINGS_CLERK])
    meeting = meeting_for_user(request.user, pk)
    giver_key = request.POST.get("giver", "").strip()
    holder_key = request.POST.get("holder", "")
    return _act(
        request,
        pk,
        lambda: governance.give_proxy(
            actor=request.user,
            giver=person_named(giver_key, field="giver") if giver_key else person_of(request.user),
            holder=person_named(holder_key, field="holder"),
            body=meeting.body,
            valid_from=meeting_day(meeting),
            valid_to=meeting_day(meeting),
        ),
        _("The vote is now held by %(holder)s.") % {"holder": holder_key},
    )


@require_POST
def proxy_end(request: HttpRequest, pk: int, proxy: int) -> HttpResponse:
    """Take back a proxy (its giver, or a clerk)."""
    require_any(request.user, [Right.MEETINGS_ATTEND, Right.MEETINGS_CLERK])
    meeting = meeting_for_user(request.user, pk)
    found = proxies_on(meeting.body, meeting_day(meeting)).filter(pk=proxy).first()
    if found is None:
        raise NotFound(_("There is no such proxy at this meeting."))
    return _act(
        request,
        pk,
        lambda: (
            governance.end_proxy(
                actor=request.user, proxy=found, on=meeting_day(meeting) - dt.timedelta(days=1)
            )
            if found.valid_from < meeting_day(meeting)
            else governance.withdraw_proxy(actor=request.user, proxy=found)
        ),
        _("The proxy is taken back."),
    )


@require_POST
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_CHAIR)
    meeting = meeting_for_user(request.user, pk)
    data = request.POST
    return _act(
        request,
        pk,
        lambda: agenda.add_item(
            actor=request.user,
            meeting=meeting,
            kind=data.get("kind", ""),
            title=data.get("title", ""),
            text=data.get("text", ""),
            matter=data.get("matter", ""),
            as_of=colony_today(),
        ),
    )


def _number(request: HttpRequest) -> int | None:
    value = request.POST.get("motion", "")
    return int(value) if value.isdigit() else None


@require_POST
def item_vote_open(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_CHAIR)
    item = item_for_user(request.user, pk, position)
    motion = motion_on_item(item, _number(request))
    return _act(
        request,
        pk,
        lambda: votes.open_item_vote(
            actor=request.user, item=item, motion=motion, as_of=colony_today()
        ),
    )


@require_POST
def item_vote_close(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_CHAIR)
    item = item_for_user(request.user, pk, position)
    motion = motion_on_item(item, _number(request))
    return _act(
        request,
        pk,
        lambda: votes.close_item_vote(
            actor=request.user, item=item, motion=motion, as_of=colony_today()
        ),
    )


@require_POST
def item_count(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    """Record the totals counted in the hall for the item's motion (or an amendment)."""
    require(request.user, Right.MEETINGS_CHAIR)
    item = item_for_user(request.user, pk, position)
    motion = motion_on_item(item, _number(request))
    totals, problems = {}, []
    for field in ("yes", "no", "abstain", "present"):
        value = request.POST.get(field, "0" if field == "abstain" else "").strip()
        if not value.isdigit():
            problems.append(Problem(_("Give a whole number, 0 or more."), field=field))
        else:
            totals[field] = int(value)

    def record():
        if problems:
            raise Invalid(problems=problems)
        return votes.record_item_count(
            actor=request.user, item=item, motion=motion, as_of=colony_today(), **totals
        )

    return _act(request, pk, record, _("The count is recorded in the register."))


@require_POST
def speak(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_ATTEND)
    item = item_for_user(request.user, pk, position)
    return _act(
        request,
        pk,
        lambda: speakers.request_to_speak(
            actor=request.user, item=item, point_of_order=request.POST.get("point_of_order") == "1"
        ),
        _("You are on the speakers' list."),
    )


@require_POST
def speaker_next(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_CHAIR)
    item = item_for_user(request.user, pk, position)
    return _act(request, pk, lambda: speakers.next_speaker(actor=request.user, item=item))


@require_POST
def amend(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_ATTEND)
    item = item_for_user(request.user, pk, position)
    return _act(
        request,
        pk,
        lambda: agenda.propose_amendment(
            actor=request.user,
            item=item,
            title=request.POST.get("title", ""),
            text=request.POST.get("text", ""),
            as_of=colony_today(),
        ),
    )


# --- The voting page ----------------------------------------------------------------------------


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
        meeting=meeting, person_id=_person_key(request.user)
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


# --- Minutes ------------------------------------------------------------------------------------


def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_user(request.user, pk)
    return render(request, "meetings/minutes.html", {"minutes": minutes_of.minutes_of(meeting)})


def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_for_user(request.user, pk)
    response = HttpResponse(
        minutes_of.minutes_pdf(minutes_of.minutes_of(meeting)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.pk}.pdf"'
    return response
