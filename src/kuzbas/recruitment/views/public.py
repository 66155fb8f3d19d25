"""The pages anyone may open without an account: the open calls, and a call with its form."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kuzbas.core.clock import colony_today
from kuzbas.core.errors import DomainError, Invalid
from kuzbas.core.http import answer_for
from kuzbas.core.rights import Right, has_right
from kuzbas.core.validation import show_on_form
from kuzbas.recruitment import attachments, balance, guard
from kuzbas.recruitment.access import call_for_user, calls_for_user
from kuzbas.recruitment.forms import ApplicationForm
from kuzbas.recruitment.models.applications import ApplicationState
from kuzbas.recruitment.models.calls import CallStatus
from kuzbas.recruitment.questions import questions_of
from kuzbas.recruitment.selectors import open_calls, state_counts
from kuzbas.recruitment.services import applying


def home(request: HttpRequest) -> HttpResponse:
    """The area's page: the calls open today for anyone; the rest for those who may see it."""
    user = request.user
    today = colony_today()
    context = {
        "open_calls": open_calls(today),
        "may_view": has_right(user, Right.RECRUITMENT_VIEW),
        "may_manage": has_right(user, Right.RECRUITMENT_MANAGE),
        "may_screen": has_right(user, Right.RECRUITMENT_APPLICATIONS),
    }
    if context["may_view"]:
        context["other_calls"] = [
            c for c in calls_for_user(user).order_by("-opens") if not c.open_on(today)
        ]
    if context["may_screen"]:
        context["states"] = state_counts()
    return render(request, "recruitment/home.html", context)


def _call_context(request: HttpRequest, call, **extra) -> dict:
    user = request.user
    context = {
        "call": call,
        "trades": list(call.trades.all()),
        "questions": questions_of(call.questions),
        "is_open": call.open_on(colony_today()),
        "form": ApplicationForm(call, stamp=guard.form_stamp(call.key)),
        "honeypot": guard.HONEYPOT,
        "max_files": attachments.max_files(),
        "max_mb": f"{attachments.max_bytes() / 2**20:g}",
        "may_manage": has_right(user, Right.RECRUITMENT_MANAGE),
        "may_screen": has_right(user, Right.RECRUITMENT_APPLICATIONS),
        "draft": call.status == CallStatus.DRAFT,
    }
    if has_right(user, Right.RECRUITMENT_VIEW) and call.status != CallStatus.DRAFT:
        applications = call.applications.all()
        context["received"] = applications.count()
        context["admitted"] = applications.filter(
            state__in=[
                ApplicationState.ADMITTED,
                ApplicationState.DISPATCHED,
                ApplicationState.ARRIVED,
            ]
        ).count()
        if call.asks_affiliation:
            context["balance"] = balance.of_applications(applications, call.affiliation_choices)
    context.update(extra)
    return context


def call_page(request: HttpRequest, key: str) -> HttpResponse:
    call = call_for_user(request.user, key)
    return render(request, "recruitment/call.html", _call_context(request, call))


@require_POST
def apply(request: HttpRequest, key: str) -> HttpResponse:
    """Take an application from the public form; a refusal comes back on the form, naming the
    field, with nothing stored."""
    call = call_for_user(request.user, key)
    data = {k: request.POST.get(k, "") for k in request.POST}
    data["languages"] = ", ".join(request.POST.getlist("languages"))
    try:
        application = applying.apply(
            call=call,
            data=data,
            consent=request.POST.get("consent") == "yes",
            uploads=attachments.from_files(request.FILES.getlist("attachments")),
            address=request.META.get("REMOTE_ADDR", ""),
            stamp=request.POST.get(guard.STAMP, ""),
            honeypot=request.POST.get(guard.HONEYPOT, ""),
        )
    except DomainError as error:
        posted = request.POST.copy()
        problems = error.problems if isinstance(error, Invalid) else []
        if any(p.field == guard.STAMP for p in problems) or not posted.get(guard.STAMP):
            # A fresh stamp; otherwise the time the form was first opened still counts.
            posted[guard.STAMP] = guard.form_stamp(call.key)
        form = ApplicationForm(call, posted, stamp=posted[guard.STAMP])
        show_on_form(form, error)
        context = _call_context(request, call, form=form)
        return render(request, "recruitment/call.html", context, status=answer_for(error).status)
    messages.success(
        request,
        _(
            "Thank you: your application is received. Its reference is %(ref)s; quote it if you "
            "write to the bureau."
        )
        % {"ref": application.reference},
    )
    return redirect("recruitment:call", key=call.key)
