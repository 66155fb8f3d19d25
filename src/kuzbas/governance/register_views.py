"""Register pages: the entries with their standing, one entry with its appeals, filing an
appeal, and moving that a statute's condition is met."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kuzbas.core.clock import colony_today
from kuzbas.core.errors import DomainError
from kuzbas.core.rights import Right, has_right, require
from kuzbas.governance import access
from kuzbas.governance.forms import RegisterFilterForm
from kuzbas.governance.models import Outcome
from kuzbas.governance.register import verify_register
from kuzbas.governance.register_witness import signed_head
from kuzbas.governance.selectors import named_votes, register_entries
from kuzbas.governance.services import appeals, conditions
from kuzbas.governance.standing import standing_of, with_standings
from kuzbas.governance.views import body_choices


@require_POST
def decision_appeal(request: HttpRequest, sequence: int) -> HttpResponse:
    require(request.user, Right.GOVERNANCE_APPEAL)
    decision = access.decision_for_user(request.user, sequence)
    try:
        appeal = appeals.file_appeal(
            actor=request.user,
            decision=decision,
            to_body=request.POST.get("to_body", ""),
            filed_on=colony_today(),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("governance:decision", sequence=sequence)
    messages.success(request, _("Appeal filed as motion No. %(n)s.") % {"n": appeal.motion.number})
    return redirect("governance:motion", number=appeal.motion.number)


@require_POST
def condition_motion(request: HttpRequest, condition: str) -> HttpResponse:
    """File the motion that records a statute's condition as met, with the body it names."""
    require(request.user, Right.GOVERNANCE_FILE_MOTION)
    try:
        motion = conditions.file_condition_met(
            actor=request.user, condition=condition, as_of=colony_today()
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("governance:statute")
    messages.success(
        request,
        _("Motion No. %(n)s filed with the %(body)s.") % {"n": motion.number, "body": motion.body},
    )
    return redirect("governance:motion", number=motion.number)


def register(request: HttpRequest) -> HttpResponse:
    """The decision register, newest first, with its verification."""
    require(request.user, Right.GOVERNANCE_VIEW)
    form = RegisterFilterForm(request.GET or None)
    entries = register_entries(**(form.cleaned_data if form.is_valid() else {}))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    page.object_list = with_standings(page.object_list, as_of=colony_today())
    return render(
        request,
        "governance/register.html",
        {"form": form, "page": page, "report": verify_register(), "head": signed_head()},
    )


def decision_detail(request: HttpRequest, sequence: int) -> HttpResponse:
    require(request.user, Right.GOVERNANCE_VIEW)
    decision = access.decision_for_user(request.user, sequence)
    counted = getattr(decision.motion, "counted_vote", None)
    today = colony_today()
    overturns = decision.payload.get("overturns")
    condition = decision.payload.get("proposal", {}).get("condition")
    return render(
        request,
        "governance/decision.html",
        {
            "decision": decision,
            "standing": standing_of(decision, as_of=today),
            "today": today,
            "appeals": decision.appeals.select_related("to_body", "motion__decision"),
            "overturns": overturns,
            "condition": condition if decision.outcome == Outcome.CARRIED else None,
            "named": named_votes(counted),
            "may_appeal": has_right(request.user, Right.GOVERNANCE_APPEAL),
            "appeal_bodies": body_choices(),
        },
    )
