"""The meeting as an iCalendar event (RFC 5545), attached to its notice.

One event per meeting: its UID never changes, so a calendar that received an earlier notice
updates the entry when notice is given again (the agenda changed), and SEQUENCE counts the
notices before this one, which tells the calendar which version is newer.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from icalendar import Calendar, Event

from kuzbas.core.dates import Precision

MIME_TYPE = "text/calendar"
METHOD = "PUBLISH"


def uid_of(meeting) -> str:
    """Return the event's UID: the meeting's number at the domain Kuzbas sends mail from.

    Not the host the clerk happened to reach Kuzbas on, which may differ from one notice
    to the next and would make a second event of the same meeting.
    """
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"
    return f"kuzbas-meeting-{meeting.pk}@{domain}"


def has_calendar_entry(meeting) -> bool:
    """Tell whether the meeting's time is known well enough to put it in a calendar.

    A historical meeting known only to the month or year has no day to put it on.
    """
    return meeting.convened_precision == Precision.DAY


def meeting_calendar(
    meeting,
    *,
    summary: str,
    description: str,
    url: str,
    sequence: int,
    stamp: dt.datetime,
) -> bytes:
    """Return the calendar file of one meeting: a VCALENDAR with one VEVENT, published."""
    calendar = Calendar()
    calendar.add("prodid", "-//Kuzbas//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", METHOD)
    event = Event()
    event.add("uid", uid_of(meeting))
    event.add("sequence", sequence)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    # In UTC: every calendar reads it the same way, and shows it in its owner's zone.
    event.add("dtstart", meeting.convened_for.astimezone(dt.UTC))
    event.add("summary", summary)
    if meeting.place:
        event.add("location", meeting.place)
    event.add("description", description)
    if url:
        event.add("url", url)
    event.add("status", "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()
