"""The demo's date control: a visitor reads the colony as it was on a day of 1921–1927.

The chosen day is kept in the visitor's session and applied by `DemoDate` to the pages they
read (GET and HEAD) through `core.clock.reading_as_of`. It never applies to a write (a form
posted, a vote cast: those happen on the colony's own date, KUZBAS_TODAY), to the API, or
outside the demo: the control exists only where `KUZBAS_DATE_CONTROL` is on, which is the
default only in demo mode. It is the visitor's view, not a change to the record, so nothing
is audited.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kuzbas.core.clock import reading_as_of
from kuzbas.core.errors import Invalid, NotFound, Problem

FIRST, LAST = dt.date(1921, 1, 1), dt.date(1927, 12, 31)
SESSION_KEY = "kuzbas_demo_date"
READS = {"GET", "HEAD"}


def enabled() -> bool:
    return bool(getattr(settings, "KUZBAS_DATE_CONTROL", False))


def chosen_day(request: HttpRequest) -> dt.date | None:
    """Return the day the visitor chose to read, if the control is on and they chose one."""
    session = getattr(request, "session", None)
    if not enabled() or session is None or SESSION_KEY not in session:
        return None
    try:
        day = dt.date.fromisoformat(session[SESSION_KEY])
    except (TypeError, ValueError):
        return None
    return day if FIRST <= day <= LAST else None


class DemoDate:
    """Read a page as of the visitor's chosen day (reads only, pages only, demo only)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in READS or request.path.startswith("/api/"):
            return self.get_response(request)
        with reading_as_of(chosen_day(request)):
            return self.get_response(request)


@require_POST
def demo_date(request: HttpRequest) -> HttpResponse:
    """Choose the day to read the demo colony on, or go back to its own date (`reset`)."""
    if not enabled():
        raise NotFound(_("The colony's date can be moved only in the demo."))
    if "reset" in request.POST:
        request.session.pop(SESSION_KEY, None)
    else:
        text = request.POST.get("on", "").strip()
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            day = None
        if day is None or not FIRST <= day <= LAST:
            raise Invalid(
                problems=[
                    Problem(
                        _("Choose a day from %(first)s to %(last)s.")
                        % {"first": FIRST.isoformat(), "last": LAST.isoformat()},
                        field="on",
                    )
                ]
            )
        request.session[SESSION_KEY] = day.isoformat()
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
    return redirect(back if safe and back else "home")
