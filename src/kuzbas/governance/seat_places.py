"""How many places a seat has on a day, by the statute in force that day, and whether a new
holding still fits: the rule every way of seating someone checks."""

from __future__ import annotations

import calendar
import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuzbas.core.errors import Conflict, NotNow
from kuzbas.core.intervals import overlapping
from kuzbas.governance.models import Seat, SeatHolding
from kuzbas.governance.statutes import stored_history
from kuzbas.statute import NotInForce, Statute, statute_as_of
from kuzbas.statute.model import Seat as StatuteSeat

ONE_DAY = dt.timedelta(days=1)


def statute_on(day: dt.date) -> Statute | None:
    """Return the statute in force on a day; None before the first version or with none."""
    try:
        return statute_as_of(stored_history(), day)
    except (NotNow, NotInForce):
        return None


def statute_seat(seat: Seat, day: dt.date) -> StatuteSeat | None:
    """Return the statute's seat for a stored seat on a day (None: not in the statute then)."""
    statute = statute_on(day)
    return statute.seat(seat.path) if statute is not None else None


def term_end(first: dt.date, months: int) -> dt.date:
    """Return the last day of a term of `months` that begins on `first`."""
    month = first.month - 1 + months
    year, month = first.year + month // 12, month % 12 + 1
    day = min(first.day, calendar.monthrange(year, month)[1])
    return first.replace(year=year, month=month, day=day) - ONE_DAY


def _places_on(history, path: str, day: dt.date) -> int | None:
    if history is None:
        return None
    try:
        found = statute_as_of(history, day).seat(path)
    except NotInForce:
        return None
    return found.count if found is not None else None


def check_room(
    seat: Seat, valid_from: dt.date, valid_to: dt.date | None, *, newcomer: str = ""
) -> None:
    """Raise Conflict if one more holder from `valid_from` to `valid_to` (None: ongoing) would
    sit in a seat beyond the count the statute in force gives it on any of those days.

    Only the days where something changes need looking at: the first, each day a holding
    begins or the day after one ends, and each day a new statute version takes effect. A day
    whose statute does not name the seat, or names no count, sets no limit.
    """
    # Locked so that two appointments to the last place cannot both see it free.
    Seat.objects.select_for_update().filter(pk=seat.pk).first()
    held = list(
        SeatHolding.objects.filter(overlapping(valid_from, valid_to), seat=seat).select_related(
            "person"
        )
    )
    try:
        history = stored_history()
    except NotNow:
        history = None
    days = {valid_from, *(v.effective for v in (history.versions if history else ()))}
    for holding in held:
        days.add(holding.valid_from)
        if holding.valid_to is not None:
            days.add(holding.valid_to + ONE_DAY)
    for day in sorted(d for d in days if d >= valid_from and (valid_to is None or d <= valid_to)):
        places = _places_on(history, seat.path, day)
        sitting = [h for h in held if h.covers(day)]
        if places is not None and len(sitting) + 1 > places:
            raise Conflict(
                ngettext(
                    "%(seat)s has %(places)s place on %(day)s, taken (%(sitting)s): "
                    "%(person)s cannot be seated as well. End a holding first.",
                    "%(seat)s has %(places)s places on %(day)s, all taken (%(sitting)s): "
                    "%(person)s cannot be seated as well. End a holding first.",
                    places,
                )
                % {
                    "seat": seat,
                    "places": places,
                    "day": date_format(day),
                    "sitting": ", ".join(str(h.person) for h in sitting),
                    "person": newcomer or _("another holder"),
                },
                field="valid_from" if day == valid_from else "valid_to",
                rule=f"seat.{seat.path}",
            )
