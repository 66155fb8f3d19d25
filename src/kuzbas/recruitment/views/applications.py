"""Screening, for those who may read applications: the list, one application with its moves,
attachments and possible duplicates, and the bureau's acts on it. No page here shows an
applicant's political affiliation: it is not read at all."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kuzbas.core.acting import act
from kuzbas.core.errors import NotFound
from kuzbas.core.pagination import page_of
from kuzbas.core.rights import Right, has_right, require
from kuzbas.recruitment import attachments, transitions
from kuzbas.recruitment.access import (
    application_for_user,
    applications_for_user,
    attachment_for_user,
)
from kuzbas.recruitment.models import Call, DuplicateFlag
from kuzbas.recruitment.models.applications import ApplicationState, DuplicateVerdict
from kuzbas.recruitment.questions import questions_of
from kuzbas.recruitment.services import admission, screening

PER_PAGE = 50


def application_list(request: HttpRequest) -> HttpResponse:
    found = applications_for_user(request.user).annotate(
        open_flags=Count(
            "duplicate_flags", filter=Q(duplicate_flags__verdict=DuplicateVerdict.OPEN)
        )
    )
    call_key = request.GET.get("call", "")
    state = request.GET.get("state", "")
    if call_key:
        found = found.filter(call__key=call_key)
    if state in ApplicationState.values:
        found = found.filter(state=state)
    found = found.order_by("-submitted_at", "-pk")
    context = {
        "page": page_of(request, found, PER_PAGE),
        "calls": Call.objects.exclude(status="draft").order_by("-opens"),
        "states": ApplicationState.choices,
        "call_key": call_key,
        "state": state,
        "may_screen": True,
    }
    return render(request, "recruitment/applications.html", context)


def _answers(application) -> list[tuple[str, object]]:
    questions = {q.key: q for q in questions_of(application.call.questions)}
    shown = []
    for key, value in (application.answers or {}).items():
        question = questions.get(key)
        if isinstance(value, bool):
            value = _("yes") if value else _("no")
        shown.append((question.title if question else key, value))
    return shown


def application_page(request: HttpRequest, pk: int) -> HttpResponse:
    application = application_for_user(request.user, pk)
    bureau = application.call.bureau
    flags = DuplicateFlag.objects.filter(application=application).select_related(
        "earlier", "person"
    )
    may_manage = has_right(request.user, Right.RECRUITMENT_MANAGE)
    context = {
        "application": application,
        "answers": _answers(application),
        "attachments": application.attachments.all(),
        "moves": application.moves.select_related("from_stage", "to_stage"),
        "flags": flags,
        "open_verdict": DuplicateVerdict.OPEN,
        "stages": bureau.stages.filter(active=True),
        "reasons": bureau.refusal_reasons.filter(active=True),
        "may_manage": may_manage,
        "may_screen": True,
        "can_move": transitions.in_screening(application),
        "can_recommend": transitions.can_move(application, ApplicationState.RECOMMENDED),
        "can_refuse": transitions.can_move(application, ApplicationState.REFUSED),
    }
    return render(request, "recruitment/application.html", context)


def _act(request: HttpRequest, application, action, success: str) -> HttpResponse:
    back = reverse("recruitment:application", args=[application.pk])
    return act(request, action, back=back, success=success)


@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Right.RECRUITMENT_MANAGE)
    application = application_for_user(request.user, pk)
    return _act(
        request,
        application,
        lambda: screening.move_to_stage(
            actor=request.user,
            application=application,
            stage=request.POST.get("stage", ""),
            note=request.POST.get("note", ""),
        ),
        _("The application has moved."),
    )


@require_POST
def refuse(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Right.RECRUITMENT_MANAGE)
    application = application_for_user(request.user, pk)
    letter = request.POST.get("letter", "")
    return _act(
        request,
        application,
        lambda: screening.refuse(
            actor=request.user,
            application=application,
            reason=request.POST.get("reason", ""),
            letter=letter if letter.strip() else None,
        ),
        _("The application is refused; the letter goes out where there is an address."),
    )


@require_POST
def recommend(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Right.RECRUITMENT_MANAGE)
    application = application_for_user(request.user, pk)

    def recommend_it():
        done = admission.recommend(
            actor=request.user, application=application, note=request.POST.get("note", "")
        )
        if done.motion is not None:
            messages.info(
                request,
                _(
                    "Admission is a matter of the %(body)s: motion No. %(n)s is filed with it, "
                    "and the applicant is admitted when it carries."
                )
                % {"body": done.motion.body, "n": done.motion.number},
            )
        return done

    return _act(request, application, recommend_it, _("The applicant is recommended."))


@require_POST
def rule_on_duplicate(request: HttpRequest, pk: int, flag: int) -> HttpResponse:
    require(request.user, Right.RECRUITMENT_MANAGE)
    application = application_for_user(request.user, pk)
    found = DuplicateFlag.objects.filter(pk=flag, application=application).first()
    if found is None:
        raise NotFound(_("There is no such possible duplicate of this application."))
    return _act(
        request,
        application,
        lambda: screening.rule_on_duplicate(
            actor=request.user, flag=found, same=request.POST.get("same") == "yes"
        ),
        _("Noted; nothing is merged."),
    )


def attachment_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer an attachment's file, always to be saved, never shown or run in the browser."""
    attachment = attachment_for_user(request.user, pk)
    path = attachments.stored_path(attachment)
    if not path.is_file():
        raise NotFound(_("Attachment No. %(n)s has no stored file here.") % {"n": pk})
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=attachment.file_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
