"""An admitted applicant's page: the group, what they owe, have paid and bring (per currency),
the receipt, arrival, and the onboarding checklist once they are a member."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kuzbas.core.rights import Right, has_right, require
from kuzbas.core.validation import written
from kuzbas.money.amounts import money
from kuzbas.recruitment import arrival, contributions, receipts
from kuzbas.recruitment.dispatch_access import (
    admitted_for_user,
    instalment_for_user,
    onboarding_item_for_user,
)
from kuzbas.recruitment.group_forms import CashForm, DayForm, InKindForm, StepForm
from kuzbas.recruitment.models import OnboardingItem
from kuzbas.recruitment.models.applications import ApplicationState
from kuzbas.recruitment.models.contributions import ContributionKind
from kuzbas.recruitment.views.on_day import act_on_day


def _context(request, application, cash_form=None, kind_form=None) -> dict:
    can_manage = has_right(request.user, Right.RECRUITMENT_MANAGE)
    open_to_contributions = application.state not in contributions.CLOSED
    items = application.contributions.prefetch_related("instalments", "citations")
    shown = contributions.account(application)

    def amount(totals, code):
        value = totals.get(code)
        return f"{value.amount:,.2f}" if value is not None else ""

    rows = [
        (
            code,
            amount(shown.owed, code),
            amount(shown.paid, code),
            amount(shown.outstanding, code),
            amount(shown.in_kind, code),
        )
        for code in shown.currencies
    ]
    return {
        "application": application,
        "rows": rows,
        "cash": [c for c in items if c.kind == ContributionKind.CASH],
        "in_kind": [c for c in items if c.kind == ContributionKind.IN_KIND],
        "illustrative": application.citations.filter(status="illustrative").exists(),
        "can_manage": can_manage,
        "cash_form": cash_form or (CashForm() if can_manage and open_to_contributions else None),
        "kind_form": kind_form or (InKindForm() if can_manage and open_to_contributions else None),
        "can_arrive": can_manage and application.state == ApplicationState.DISPATCHED,
        "day_form": DayForm(),
        "checklist": arrival.checklist(application.person)
        if application.state == ApplicationState.ARRIVED and application.person
        else None,
    }


def admitted(request: HttpRequest, pk: int) -> HttpResponse:
    """Show an applicant's contributions, arrival and onboarding."""
    application = admitted_for_user(request.user, pk)
    return render(request, "recruitment/admitted.html", _context(request, application))


@require_POST
def add_cash(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a contribution in cash owed in instalments."""
    require(request.user, Right.RECRUITMENT_MANAGE)
    application = admitted_for_user(request.user, pk)

    def record(data: dict) -> None:
        currency = data["currency"]
        contributions.record_cash(
            actor=request.user,
            application=application,
            amount=money(data["amount"], currency),
            instalments=[
                (money(part, currency, field="instalments"), due)
                for part, due in data["instalments"]
            ],
            note=data["note"],
        )

    return _recorded(request, application, CashForm(request.POST), "cash_form", record)


@require_POST
def add_in_kind(request: HttpRequest, pk: int) -> HttpResponse:
    """Record tools or food the applicant brings."""
    require(request.user, Right.RECRUITMENT_MANAGE)
    application = admitted_for_user(request.user, pk)

    def record(data: dict) -> None:
        contributions.record_in_kind(
            actor=request.user,
            application=application,
            description=data["description"],
            quantity=data["quantity"],
            unit=data["unit"],
            value=money(data["value"], data["currency"], field="value"),
            appraised_on=data["appraised_on"],
            appraised_by_name=data["appraised_by_name"],
        )

    return _recorded(request, application, InKindForm(request.POST), "kind_form", record)


def _recorded(request: HttpRequest, application, form, name: str, record) -> HttpResponse:
    """Record a contribution from a valid form, or show the page again with the form and its
    problems, each under its field."""
    if written(request, form, record, _("The contribution is recorded.")):
        return redirect("recruitment:admitted", application.pk)
    context = _context(request, application, **{name: form})
    return render(request, "recruitment/admitted.html", context, status=422)


@require_POST
def pay(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an instalment as paid."""
    require(request.user, Right.RECRUITMENT_MANAGE)
    instalment = instalment_for_user(request.user, pk)
    return act_on_day(
        request,
        lambda on: contributions.pay(actor=request.user, instalment=instalment, paid_on=on),
        _("The instalment is paid."),
        back=reverse("recruitment:admitted", args=[instalment.contribution.application_id]),
    )


def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """Return the applicant's contribution receipt as a PDF."""
    application = admitted_for_user(request.user, pk)
    response = HttpResponse(receipts.write(application), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="kuzbas-receipt-{application.reference}.pdf"'
    )
    return response


@require_POST
def arrive(request: HttpRequest, pk: int) -> HttpResponse:
    """Record one applicant's arrival: they become a member."""
    require(request.user, Right.RECRUITMENT_MANAGE)
    application = admitted_for_user(request.user, pk)
    return act_on_day(
        request,
        lambda on: arrival.arrive(actor=request.user, application=application, on=on),
        _("%(name)s is a member.") % {"name": application.name},
        back=reverse("recruitment:admitted", args=[application.pk]),
    )


@require_POST
def step_done(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """Record that an arrived member has done an onboarding step."""
    require(request.user, Right.RECRUITMENT_MANAGE)
    application = admitted_for_user(request.user, pk)
    item = onboarding_item_for_user(request.user, key)
    if application.person is None:
        messages.error(request, _("Onboarding follows arrival."))
        return redirect("recruitment:admitted", application.pk)
    return act_on_day(
        request,
        lambda on: arrival.mark_done(
            actor=request.user, person=application.person, item=item, done_on=on
        ),
        _("Done: %(step)s.") % {"step": item.title},
        back=reverse("recruitment:admitted", args=[application.pk]),
    )


def onboarding(request: HttpRequest) -> HttpResponse:
    """The onboarding checklist the enterprise defines; the bureau adds a step here."""
    require(request.user, Right.RECRUITMENT_VIEW)
    can_manage = has_right(request.user, Right.RECRUITMENT_MANAGE)
    form = StepForm(request.POST or None) if can_manage else None
    status = 200
    if request.method == "POST":
        require(request.user, Right.RECRUITMENT_MANAGE)
        define = lambda data: arrival.define_step(actor=request.user, **data)  # noqa: E731
        if written(request, form, define, _("The step is added.")):
            return redirect("recruitment:onboarding")
        status = 422
    items = OnboardingItem.objects.filter(active=True)
    return render(
        request, "recruitment/onboarding.html", {"items": items, "form": form}, status=status
    )
