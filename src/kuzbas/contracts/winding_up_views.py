"""The winding-up's pages: what running it would do, the decision to file, the run with its
confirmation, and the final report (a page and a PDF).

There is one winding-up of the enterprise at most, so the pages need no argument. Before the
competent body decides, the page previews the end the record gives (`winding_up_record.py`) or
the one asked for; once decided, it previews the run with a choice per person and runs it.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kuzbas.contracts import winding_up_pdf
from kuzbas.contracts.models.parties import Party
from kuzbas.contracts.models.winding_up import WindingUp, WindingUpStatus
from kuzbas.contracts.winding_up import file_winding_up, plan_for, run_winding_up
from kuzbas.contracts.winding_up_forms import ONE, DecideForm, PreviewForm
from kuzbas.contracts.winding_up_plan import END, PASS, Plan, plan_winding_up
from kuzbas.contracts.winding_up_record import RecordedEnd, recorded_end
from kuzbas.core.clock import colony_today
from kuzbas.core.errors import DomainError
from kuzbas.core.rights import Right, has_right, require
from kuzbas.core.validation import show_on_form

PREFIXES = ("membership:", "employment:")


def _current() -> WindingUp | None:
    return (
        WindingUp.objects.select_related("decision__motion__body", "successor")
        .prefetch_related("steps__decision")
        .order_by("pk")
        .first()
    )


def _choices(data) -> dict[str, str]:
    return {k: v for k, v in data.items() if k.startswith(PREFIXES) and v in (END, PASS)}


def _everyone(data) -> str:
    return data.get("everyone") if data.get("everyone") in (END, PASS) else END


def _preview(request: HttpRequest, found: RecordedEnd) -> tuple[PreviewForm, Plan | None]:
    """Return the preview's form and the plan it asks for (the record's end by default)."""
    fallback = dt.date(colony_today().year + 1, 1, 1)
    initial = {
        "effective_on": found.effective_on or fallback,
        "successor": found.successor,
        "everyone": END,
    }
    form = PreviewForm(request.GET if "effective_on" in request.GET else None, initial=initial)
    asked = form.cleaned_data if form.is_bound and form.is_valid() else initial
    name = (asked.get("successor") or "").strip()
    # The successor is only named here; the party is created when the decision carries.
    successor = Party(name=name) if name else None
    plan = plan_winding_up(
        effective_on=asked["effective_on"], successor=successor, everyone=asked["everyone"]
    )
    return form, plan


@require_GET
def winding_up(request: HttpRequest) -> HttpResponse:
    """Show the winding-up: what running it would do, and the forms to decide and to run it."""
    require(request.user, Right.CONTRACTS_VIEW)
    current = _current()
    context: dict = {"current": current, "one": ONE, "end": END, "pass": PASS}
    if current is None:
        found = recorded_end()
        form, plan = _preview(request, found)
        context.update(found=found, preview_form=form, plan=plan)
        if has_right(request.user, Right.CONTRACTS_EDIT):
            context["decide_form"] = DecideForm(
                initial={
                    "body": found.body.key if found.body else "",
                    "kind": "reorganisation" if found.successor else "liquidation",
                    "decided_on": found.decided_on or colony_today(),
                    "effective_on": plan.effective_on,
                    "successor": form["successor"].value(),
                    "title": _("Winding-up of the enterprise"),
                }
            )
    elif current.status == WindingUpStatus.DECIDED:
        context["plan"] = plan_for(
            current, everyone=_everyone(request.GET), choices=_choices(request.GET)
        )
        context["everyone"] = _everyone(request.GET)
        context["can_run"] = has_right(request.user, Right.CONTRACTS_EDIT) and has_right(
            request.user, Right.GOVERNANCE_CHAIR
        )
    return render(request, "contracts/winding_up.html", context)


@require_POST
def winding_up_decide(request: HttpRequest) -> HttpResponse:
    """File the motion that winds the enterprise up, with the body that decides it."""
    require(request.user, Right.CONTRACTS_EDIT)
    form = DecideForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            motion = file_winding_up(
                actor=request.user,
                body=data["body"],
                kind=data["kind"],
                title=data["title"],
                effective_on=data["effective_on"],
                as_of=data["decided_on"],
                successor=data["successor"],
                text=data["text"],
            )
        except DomainError as error:
            show_on_form(form, error)
        else:
            messages.success(
                request,
                _("Motion No. %(n)s filed: the winding-up takes effect once it carries.")
                % {"n": motion.number},
            )
            return redirect("governance:motion", number=motion.number)
    found = recorded_end()
    preview, plan = _preview(request, found)
    context = {
        "current": None,
        "found": found,
        "preview_form": preview,
        "plan": plan,
        "decide_form": form,
        "one": ONE,
    }
    return render(request, "contracts/winding_up.html", context, status=422)


@require_POST
def winding_up_run(request: HttpRequest) -> HttpResponse:
    """Run the decided winding-up, once confirmed: it cannot be undone."""
    require(request.user, Right.CONTRACTS_EDIT)
    current = _current()
    back = reverse("contracts:winding_up")
    if current is None:
        messages.error(request, _("No winding-up has been decided."))
        return redirect(back)
    try:
        run_winding_up(
            actor=request.user,
            winding_up=current,
            confirmed=request.POST.get("confirm") == "yes",
            everyone=_everyone(request.POST),
            choices=_choices(request.POST),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(back)
    messages.success(
        request, _("The winding-up has been carried out; every step is in the register.")
    )
    return redirect("contracts:winding_up_report")


def _report(request: HttpRequest) -> dict:
    current = _current()
    if current is not None and current.status == WindingUpStatus.DONE:
        return {"current": current, "steps": list(current.steps.all()), "plan": None}
    if current is not None:
        return {"current": current, "steps": [], "plan": plan_for(current)}
    found = recorded_end()
    _form, plan = _preview(request, found)
    return {"current": None, "steps": [], "plan": plan, "found": found}


@require_GET
def winding_up_report(request: HttpRequest) -> HttpResponse:
    """The final report; before the run, what it would hold."""
    require(request.user, Right.CONTRACTS_VIEW)
    return render(request, "contracts/winding_up_report.html", _report(request))


@require_GET
def winding_up_report_pdf(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.CONTRACTS_VIEW)
    response = HttpResponse(
        winding_up_pdf.render(**_report(request)), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'inline; filename="kuzbas-winding-up.pdf"'
    return response
