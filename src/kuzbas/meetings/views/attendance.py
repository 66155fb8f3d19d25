"""Who is at the meeting: checking in with the code, a clerk at the door, and proxies."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kuzbas.core.acting import back_to
from kuzbas.core.errors import DomainError, NotFound
from kuzbas.core.rights import Right, require, require_any
from kuzbas.governance.selectors import proxies_on
from kuzbas.governance.services import proxies
from kuzbas.meetings.access import meeting_for_user
from kuzbas.meetings.quorum import meeting_day
from kuzbas.meetings.services import attendance
from kuzbas.meetings.views.act import act
from kuzbas.members.access import person_named, person_of


@require_POST
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_ATTEND)
    meeting = meeting_for_user(request.user, pk)
    code = request.POST.get("code", "")
    try:
        attendance.check_in(actor=request.user, meeting=meeting, code=code)
    except DomainError as error:
        # Back to the page the code was typed on (the voting page names itself in `next`).
        messages.error(request, error.message)
        return back_to(request, reverse("meetings:meeting", args=[pk]))
    messages.success(request, _("You are checked in."))
    return redirect("meetings:vote", pk=pk)


@require_POST
def attendance_add(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Right.MEETINGS_CLERK)
    meeting = meeting_for_user(request.user, pk)
    key = request.POST.get("person", "")
    return act(
        request,
        pk,
        lambda: attendance.register_attendance(
            actor=request.user, meeting=meeting, person=person_named(key)
        ),
        _("%(p)s is checked in.") % {"p": key},
    )


@require_POST
def proxy_give(request: HttpRequest, pk: int) -> HttpResponse:
    """Give one's vote in the meeting's body to another member (a clerk: record one given)."""
    require_any(request.user, [Right.MEETINGS_ATTEND, Right.MEETINGS_CLERK])
    meeting = meeting_for_user(request.user, pk)
    giver_key = request.POST.get("giver", "").strip()
    holder_key = request.POST.get("holder", "")
    return act(
        request,
        pk,
        lambda: proxies.give_proxy(
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
    return act(
        request,
        pk,
        lambda: (
            proxies.end_proxy(
                actor=request.user, proxy=found, on=meeting_day(meeting) - dt.timedelta(days=1)
            )
            if found.valid_from < meeting_day(meeting)
            else proxies.withdraw_proxy(actor=request.user, proxy=found)
        ),
        _("The proxy is taken back."),
    )
