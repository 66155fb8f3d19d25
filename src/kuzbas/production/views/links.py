"""Decisions of the register linked to production figures: link, list, unlink."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from kuzbas.core.errors import Invalid
from kuzbas.core.rights import Right, has_right, require
from kuzbas.production import (
    access,
    impact,
)
from kuzbas.production.forms import COLONY, DecisionLinkForm
from kuzbas.production.models.catalogue import Unit

FORM_FIELD = {"decision_sequence": "decision", "kpi": "kpis", "unit": "units"}


@require_http_methods(["GET", "POST"])
def decision_links(request: HttpRequest) -> HttpResponse:
    """Link a decision of the register to units' KPIs; list the links with a way to undo each."""
    require(request.user, Right.PRODUCTION_EDIT)
    units = list(Unit.objects.order_by("kind", "name"))
    if request.method == "POST":
        form = DecisionLinkForm(request.POST, units=units)
        if form.is_valid():
            data = form.cleaned_data
            chosen = [
                None if key == COLONY else access.unit_for_user(request.user, key)
                for key in data["units"]
            ]
            try:
                made = impact.link_decision_to(
                    actor=request.user,
                    decision_sequence=data["decision"],
                    units=chosen,
                    kpis=data["kpis"],
                    note=data["note"],
                )
            except Invalid as error:
                for problem in error.problems:
                    form.add_error(FORM_FIELD.get(problem.field or ""), problem.message)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Decision No. %(n)s is linked to %(k)s figure.",
                        "Decision No. %(n)s is linked to %(k)s figures.",
                        len(made),
                    )
                    % {"n": data["decision"], "k": len(made)},
                )
                # One place linked: show the plot there; several: show the list of links.
                if len(chosen) == 1:
                    page = (
                        reverse("production:unit", args=[chosen[0].key])
                        if chosen[0] is not None
                        else reverse("production:dashboard")
                    )
                    return redirect(page + "#decisions")
                return redirect("production:decision_links")
    else:
        unit_key = request.GET.get("unit")
        form = DecisionLinkForm(
            initial={"units": [unit_key]} if unit_key else {"units": [COLONY]}, units=units
        )
    return render(
        request,
        "production/decision_links.html",
        {
            "form": form,
            "links": impact.links_with_decisions(),
            "can_import": has_right(request.user, Right.PRODUCTION_IMPORT),
            "can_link": True,
        },
        status=422 if form.is_bound and form.errors else 200,
    )


@require_POST
def decision_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove one decision link, then return to the page the button was on."""
    link = access.decision_link_for_user(request.user, pk)
    impact.unlink_decision(actor=request.user, link=link)
    messages.success(
        request,
        _("Decision No. %(n)s is no longer linked to that figure.") % {"n": link.decision_sequence},
    )
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect("production:decision_links")
