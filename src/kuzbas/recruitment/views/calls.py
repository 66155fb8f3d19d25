"""The bureau's pages: writing, editing, opening and closing a call; bureaus with their stages
and reasons for refusal."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kuzbas.core.acting import act
from kuzbas.core.errors import DomainError, Invalid
from kuzbas.core.http import answer_for
from kuzbas.core.rights import Right, has_right, require
from kuzbas.recruitment.access import bureau_for_user, call_for_user
from kuzbas.recruitment.call_forms import BureauForm, CallForm, ReasonForm, StageForm, on_form
from kuzbas.recruitment.models import Bureau
from kuzbas.recruitment.services import bureaus as bureau_services
from kuzbas.recruitment.services import calls as call_services


def _refused(form, error: DomainError) -> None:
    problems = error.problems if isinstance(error, Invalid) else [error]
    for field, found in on_form(problems).items():
        form.add_error(field if field in form.fields else None, found)


def _call_form(request: HttpRequest, call=None) -> HttpResponse:
    require(request.user, Right.RECRUITMENT_MANAGE)
    title = _("Edit the call") if call else _("A new call")
    if request.method != "POST":
        form = CallForm(initial=CallForm.initial_for(call) if call else {"policy_version": "1"})
        return render(
            request, "recruitment/call_form.html", {"form": form, "title": title, "call": call}
        )
    form = CallForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            arguments = form.arguments()
            saved = call_services.save_call(actor=request.user, call=call, **arguments)
        except DomainError as error:
            _refused(form, error)
            status = answer_for(error).status
        else:
            messages.success(request, _("The call is saved."))
            return redirect("recruitment:call", key=saved.key)
    context = {"form": form, "title": title, "call": call}
    return render(request, "recruitment/call_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def call_new(request: HttpRequest) -> HttpResponse:
    return _call_form(request)


@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, key: str) -> HttpResponse:
    require(request.user, Right.RECRUITMENT_MANAGE)
    return _call_form(request, call_for_user(request.user, key))


@require_POST
def call_open(request: HttpRequest, key: str) -> HttpResponse:
    require(request.user, Right.RECRUITMENT_MANAGE)
    call = call_for_user(request.user, key)
    return act(
        request,
        lambda: call_services.open_call(actor=request.user, call=call),
        back=reverse("recruitment:call", args=[call.key]),
        success=_("The call is open."),
    )


@require_POST
def call_close(request: HttpRequest, key: str) -> HttpResponse:
    require(request.user, Right.RECRUITMENT_MANAGE)
    call = call_for_user(request.user, key)
    return act(
        request,
        lambda: call_services.close_call(actor=request.user, call=call),
        back=reverse("recruitment:call", args=[call.key]),
        success=_("The call is closed."),
    )


def bureaus(request: HttpRequest) -> HttpResponse:
    """The bureaus: who recruits for the enterprise, and where."""
    may_manage = has_right(request.user, Right.RECRUITMENT_MANAGE)
    context = {
        "bureaus": Bureau.objects.all(),
        "may_manage": may_manage,
        "may_screen": has_right(request.user, Right.RECRUITMENT_APPLICATIONS),
        "form": BureauForm() if may_manage else None,
    }
    return render(request, "recruitment/bureaus.html", context)


@require_POST
def bureau_new(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.RECRUITMENT_MANAGE)
    form = BureauForm(request.POST)
    if form.is_valid():
        try:
            bureau = bureau_services.create_bureau(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("The bureau is opened with the usual stages."))
            return redirect("recruitment:bureau", key=bureau.key)
    context = {
        "bureaus": Bureau.objects.all(),
        "may_manage": True,
        "may_screen": has_right(request.user, Right.RECRUITMENT_APPLICATIONS),
        "form": form,
    }
    return render(request, "recruitment/bureaus.html", context, status=422)


def _bureau_context(request: HttpRequest, bureau: Bureau, **forms) -> dict:
    may_manage = has_right(request.user, Right.RECRUITMENT_MANAGE)
    return {
        "bureau": bureau,
        "members": bureau.members.select_related("person"),
        "stages": bureau.stages.all(),
        "reasons": bureau.refusal_reasons.all(),
        "calls": bureau.calls.exclude(status="draft") if not may_manage else bureau.calls.all(),
        "may_manage": may_manage,
        "may_screen": has_right(request.user, Right.RECRUITMENT_APPLICATIONS),
        "stage_form": forms.get("stage_form")
        or (StageForm(prefix="stage") if may_manage else None),
        "reason_form": forms.get("reason_form")
        or (ReasonForm(prefix="reason") if may_manage else None),
    }


def bureau_page(request: HttpRequest, key: str) -> HttpResponse:
    bureau = bureau_for_user(request.user, key)
    return render(request, "recruitment/bureau.html", _bureau_context(request, bureau))


def _bureau_form(request: HttpRequest, key: str, form_class, prefix: str, service) -> HttpResponse:
    require(request.user, Right.RECRUITMENT_MANAGE)
    bureau = bureau_for_user(request.user, key)
    form = form_class(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            service(actor=request.user, bureau=bureau, **form.cleaned_data)
        except DomainError as error:
            _refused(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("recruitment:bureau", key=bureau.key)
    context = _bureau_context(request, bureau, **{f"{prefix}_form": form})
    return render(request, "recruitment/bureau.html", context, status=422)


@require_POST
def stage_add(request: HttpRequest, key: str) -> HttpResponse:
    return _bureau_form(request, key, StageForm, "stage", bureau_services.add_stage)


@require_POST
def reason_add(request: HttpRequest, key: str) -> HttpResponse:
    return _bureau_form(request, key, ReasonForm, "reason", bureau_services.add_refusal_reason)
