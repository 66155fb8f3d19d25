"""A body's page: its seats on a day, who holds them and since when, and the clerk's forms to
record an appointment or the end of a holding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kuzbas.core.clock import colony_today
from kuzbas.core.errors import DomainError, Invalid
from kuzbas.core.http import answer_for
from kuzbas.core.rights import Right, has_right, require
from kuzbas.governance import access
from kuzbas.governance.forms import AppointForm, ResignForm, SeatDayForm
from kuzbas.governance.models import Body
from kuzbas.governance.selectors import seats_on
from kuzbas.governance.services import seat_holdings
from kuzbas.members.access import person_named
from kuzbas.record.models import Source


def _context(request: HttpRequest, body: Body, day: dt.date, *, bound=None, done="") -> dict:
    """Return what the body's page shows on a day; `bound` is a form that was just refused,
    shown again in its place with its errors."""
    rows = seats_on(body, day)
    may_record = has_right(request.user, Right.MEETINGS_CLERK)
    for row in rows:
        prefix = f"seat-{row.seat.pk}"
        appointed = row.rule is not None and row.rule.appointed_by
        row.appoint_form = (
            bound if bound is not None and bound.prefix == prefix else AppointForm(prefix=prefix)
        )
        row.may_appoint = may_record and bool(appointed)
        for holding in row.holders:
            key = f"holding-{holding.pk}"
            holding.end_form = (
                bound if bound is not None and bound.prefix == key else ResignForm(prefix=key)
            )
    return {
        "body": body,
        "day": day,
        "on": day.isoformat(),
        "rows": rows,
        "may_record": may_record,
        "done": done,
        "source_keys": Source.objects.order_by("key").values_list("key", "title")
        if may_record
        else [],
    }


def body_detail(request: HttpRequest, key: str) -> HttpResponse:
    """Show a body's seats on a day (`?on=`, the colony's today by default)."""
    body = access.body_for_user(request.user, key)
    picker = SeatDayForm(request.GET if "on" in request.GET else {"on": colony_today()})
    if not picker.is_valid():
        context = {"body": body, "picker": picker, "rows": None}
        return render(request, "governance/body.html", context, status=422)
    context = _context(request, body, picker.cleaned_data["on"])
    context["picker"] = picker
    template = "governance/body.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "seats":
        template += "#seats"
    return render(request, template, context)


def _day_of(request: HttpRequest) -> dt.date:
    picker = SeatDayForm(request.POST if request.POST.get("on") else {"on": colony_today()})
    return picker.cleaned_data["on"] if picker.is_valid() else colony_today()


def _record(
    request: HttpRequest, body: Body, form: forms.Form, write: Callable[[], object], done: str
) -> HttpResponse:
    """Run a clerk's write from a form on the body's page and answer it.

    With htmx the seats section is swapped for a fresh one (the form's errors in place, as a
    200 so that htmx shows them); without it a success goes back to the page on its day, and
    a refusal shows the whole page with the form's errors and the error's status. Nothing is
    stored on a refusal: the service checks first.
    """
    is_htmx = bool(request.headers.get("HX-Request"))
    day = _day_of(request)
    status = 422
    if form.is_valid():
        try:
            write()
        except DomainError as error:
            _show_on_form(form, error)
            status = answer_for(error).status
        else:
            if not is_htmx:
                messages.success(request, done)
                return redirect(reverse("governance:body", args=[body.key]) + f"?on={day}#seats")
            return render(
                request, "governance/body.html#seats", _context(request, body, day, done=done)
            )
    context = _context(request, body, day, bound=form)
    if is_htmx:
        return render(request, "governance/body.html#seats", context)
    context["picker"] = SeatDayForm({"on": day})
    return render(request, "governance/body.html", context, status=status)


def _show_on_form(form: forms.Form, error: DomainError) -> None:
    """Put a service's refusal on the form, each problem at the field it names."""
    problems = error.problems if isinstance(error, Invalid) else [error]
    for problem in problems:
        field = problem.field if problem.field in form.fields else None
        form.add_error(field, problem.message)


@require_POST
def seat_appoint(request: HttpRequest, key: str, seat: str) -> HttpResponse:
    """Record an appointment to a seat by the appointing body's decision."""
    require(request.user, Right.MEETINGS_CLERK)
    found = access.seat_for_user(request.user, key, seat)
    form = AppointForm(request.POST, prefix=f"seat-{found.pk}")

    def write():
        data = form.cleaned_data
        return seat_holdings.appoint(
            actor=request.user,
            seat=found,
            person=person_named(data["person"], field="person"),
            decision=access.entry_named(request.user, data["decision"]),
            citations=form.citations(),
            **form.interval(),
        )

    return _record(request, found.body, form, write, _("The appointment was recorded."))


@require_POST
def holding_end(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    """Record the last day of a seat holding: the place is vacant from the next day."""
    require(request.user, Right.MEETINGS_CLERK)
    holding = access.holding_for_user(request.user, key, pk)
    form = ResignForm(request.POST, prefix=f"holding-{holding.pk}")

    def write():
        day, precision = form.cleaned_data["on"]
        return seat_holdings.resign(
            actor=request.user,
            holding=holding,
            on=day,
            precision=precision,
            citations=form.citations(),
        )

    return _record(request, holding.seat.body, form, write, _("The holding was ended."))
