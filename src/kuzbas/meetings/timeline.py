"""Meetings on the record's timeline (`kuzbas.record.timeline`), dated as precisely as known."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kuzbas.core.rights import Right, has_right
from kuzbas.meetings.models import Meeting
from kuzbas.record.selectors import citations_prefetch
from kuzbas.record.timeline import Item, Ref, Window, register_provider, source_refs


def meetings(user, window: Window) -> list[Item]:
    """Every meeting convened in the window, for a user who may see meetings."""
    if not has_right(user, Right.MEETINGS_VIEW):
        return []
    rows = (
        Meeting.objects.select_related("body")
        .prefetch_related(citations_prefetch())
        .order_by("convened_for", "pk")
    )
    items = []
    for meeting in rows:
        day = timezone.localtime(meeting.convened_for).date()
        if not window.start <= day <= window.end:
            continue
        items.append(
            Item(
                uid=f"meetings.meeting:{meeting.pk}",
                kind="meeting",
                title=meeting.title,
                date=_first_of(day, meeting.convened_precision),
                precision=meeting.convened_precision,
                url=reverse("meetings:meeting", args=[meeting.pk]),
                origin=_("meeting No. %(n)s") % {"n": meeting.pk},
                place=meeting.place,
                description=meeting.notes,
                bodies=(
                    Ref(
                        meeting.body.key,
                        meeting.body.name,
                        reverse("governance:body", args=[meeting.body.key]),
                    ),
                ),
                sources=source_refs(meeting.citations.all()),
            )
        )
    return items


def _first_of(day: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return day.replace(month=1, day=1)
    if precision == "month":
        return day.replace(day=1)
    return day


register_provider("meetings.meeting", meetings)
