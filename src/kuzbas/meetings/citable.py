"""Meetings may be cited from their pages and the API (`kuzbas.record.citable`)."""

from __future__ import annotations

from django.urls import reverse

from kuzbas.meetings.access import meeting_for_user
from kuzbas.meetings.models import Meeting
from kuzbas.record.citable import number, register_citable

register_citable(
    Meeting,
    fetch=lambda user, ident: meeting_for_user(user, number(ident)),
    identify=lambda meeting: str(meeting.pk),
    page=lambda meeting: reverse("meetings:meeting", args=[meeting.pk]),
)
