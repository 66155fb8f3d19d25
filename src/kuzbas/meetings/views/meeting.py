"""The list of meetings, convening one, and the meeting's page: its chair opens and closes it
(closing asked twice), the chair passes by the meeting's decision, and notice is given."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kuzbas.core.clock import colony_today
from kuzbas.core.errors import DomainError
from kuzbas.core.links import site_url
from kuzbas.core.rights import Right, Role, has_right, require, roles_of
from kuzbas.governance.models import Body
from kuzbas.governance.selectors import live_counts, proxies_allowed, proxies_on
from kuzbas.meetings import selectors
from kuzbas.meetings.access import meeting_for_user
from kuzbas.meetings.models import Attendance, ItemKind, Meeting, NoticeDelivery
from kuzbas.meetings.notice_mail import mail_summary
from kuzbas.meetings.quorum import live_quorum, meeting_day
from kuzbas.meetings.screen import on_screen, turnout
from kuzbas.meetings.services import agenda, chair, notices, votes
from kuzbas.meetings.services.preconditions import is_the_chair
from kuzbas.meetings.views.act import act, ask, confirmed


def _person_key(user) -> int | None:
    return getattr(user, "person_id", None)


def meeting_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.MEETINGS_VIEW)
    meetings = Meeting.objects.select_related("body").order_by("-convened_for")
    rows = (
        NoticeDelivery.objects.filter(person_id=_person_key(request.user))
        .select_related("notice__meeting")
        .order_by(F("read_at").desc(nulls_first=True), "-notice__given_at")[:200]
    )
    # A meeting given notice of again is listed once, by its latest notice (new if any is).
    delivered: dict[int, NoticeDelivery] = {}
    for row in rows:
        delivered.setdefault(row.notice.meeting_id, row)
    return render(
        request,
        "meetings/meetings.html",
        {
            "meetings": meetings,
            "notices": list(delivered.values())[:20] if _person_key(request.user) else [],
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


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The meeting: agenda, attendance, live quorum; the chair's controls for a chair."""
    meeting = meeting_for_user(request.user, pk)
    running = live_counts(meeting.current_motion) if meeting.current_motion else None
    counts = turnout(on_screen(meeting))
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "quorum":
        context = {
            "meeting": meeting,
            "quorum": live_quorum(meeting),
            "running": running,
            "turnout": counts,
        }
        return render(request, "meetings/meeting.html#quorum", context)
    notices.mark_notices_read(actor=request.user, meeting=meeting)
    may_chair = has_right(request.user, Right.MEETINGS_CHAIR)
    is_chair = is_the_chair(request.user, meeting)
    admin = Role.ADMIN in roles_of(request.user)
    items = selectors.agenda_of(meeting)
    for item in items:
        item.meeting = meeting
        for motion in item.motions:
            motion.can_open = votes.can_open_vote(
                item, motion, pending=item.pending.get(motion.pk, [])
            )
    notice = meeting.notices.select_related("given_by__person").order_by("-given_at").first()
    context = {
        "meeting": meeting,
        "items": items,
        "quorum": live_quorum(meeting),
        "running": running,
        "turnout": counts,
        # The controls are the meeting's own chair's; another who may chair proposes to the
        # meeting to take it over, and an administrator may take it.
        "may_chair": may_chair and is_chair,
        "may_take_chair": admin
        and meeting.chair_id != request.user.pk
        and meeting.status != "closed",
        "may_propose_chair": may_chair and not is_chair and meeting.status != "closed",
        "may_clerk": has_right(request.user, Right.MEETINGS_CLERK),
        "may_attend": has_right(request.user, Right.MEETINGS_ATTEND),
        "checked_in": Attendance.objects.filter(
            meeting=meeting, person_id=_person_key(request.user)
        ).exists(),
        "kinds": ItemKind.choices,
        "proxies": list(proxies_on(meeting.body, meeting_day(meeting))),
        "notice": notice,
        "notice_mail": mail_summary(notice) if notice else "",
        # Whom the e-mail could not reach, for the clerk to ask for an address (at most 30).
        "no_address": list(
            NoticeDelivery.objects.filter(notice=notice, person__email="")
            .order_by("person__name_latin")
            .values_list("person__name_latin", flat=True)[:30]
        )
        if notice and notice.no_address and has_right(request.user, Right.MEETINGS_CLERK)
        else [],
        "proxies_allowed": proxies_allowed(meeting.body, meeting_day(meeting)),
    }
    return render(request, "meetings/meeting.html", context)


@require_POST
def meeting_open(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_CHAIR)
    meeting = meeting_for_user(request.user, pk)
    return act(
        request,
        pk,
        lambda: chair.open_meeting(actor=request.user, meeting=meeting),
        _("The meeting is open: members may check in with the code."),
    )


@require_POST
def meeting_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close the meeting, once the chair has confirmed it: it cannot be opened again."""
    require(request.user, Right.MEETINGS_CHAIR)
    meeting = meeting_for_user(request.user, pk)
    if not confirmed(request):
        return ask(
            request,
            question=_("Close the meeting?"),
            verb=_("Close the meeting"),
            consequence=_(
                "A closed meeting cannot be opened again: no more check-ins, votes or items."
            ),
            back=reverse("meetings:meeting", args=[pk]),
        )
    return act(
        request,
        pk,
        lambda: chair.close_meeting(actor=request.user, meeting=meeting),
        _("The meeting is closed."),
    )


@require_POST
def take_chair(request: HttpRequest, pk: int) -> HttpResponse:
    """Take the chair of the meeting: an administrator's act, confirmed first and recorded."""
    require(request.user, Right.MEETINGS_CHAIR)
    meeting = meeting_for_user(request.user, pk)
    if not confirmed(request):
        return ask(
            request,
            question=_("Take the chair?"),
            verb=_("Take the chair"),
            consequence=_(
                "%(chair)s chairs this meeting now. The trail records that you took the chair "
                "as an administrator."
            )
            % {"chair": meeting.chair_name or "—"},
            back=reverse("meetings:meeting", args=[pk]),
        )
    return act(
        request,
        pk,
        lambda: chair.take_chair(actor=request.user, meeting=meeting),
        _("You chair the meeting now."),
    )


@require_POST
def propose_chair(request: HttpRequest, pk: int) -> HttpResponse:
    """Propose to the meeting that the user take the chair: a motion on its agenda."""
    require(request.user, Right.MEETINGS_CHAIR)
    meeting = meeting_for_user(request.user, pk)
    return act(
        request,
        pk,
        lambda: chair.propose_chair(actor=request.user, meeting=meeting, as_of=colony_today()),
        lambda motion: (
            _("Motion No. %(n)s is on the agenda: the chair puts it to the meeting's vote.")
            % {"n": motion.number}
        ),
    )


@require_POST
def notice_give(request: HttpRequest, pk: int) -> HttpResponse:
    """Give notice of the meeting to the members entitled to attend, and e-mail it to them."""
    require(request.user, Right.MEETINGS_CLERK)
    meeting = meeting_for_user(request.user, pk)
    try:
        notice = notices.give_notice(
            actor=request.user,
            meeting=meeting,
            on=colony_today(),
            site_url=site_url(request),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        given = ngettext(
            "Notice given to %(n)s member entitled to attend.",
            "Notice given to %(n)s members entitled to attend.",
            notice.recipients,
        ) % {"n": notice.recipients}
        level = messages.WARNING if notice.mail_failed else messages.SUCCESS
        messages.add_message(request, level, f"{given} {mail_summary(notice)}".strip())
    return redirect("meetings:meeting", pk=pk)
