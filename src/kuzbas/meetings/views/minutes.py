"""The minutes of a meeting, as a page and as a PDF."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kuzbas.meetings import minutes as minutes_of
from kuzbas.meetings.access import meeting_for_user


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
