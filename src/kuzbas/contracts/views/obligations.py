"""What is due and overdue, an obligation's page with its status recorded by hand, and the
obligation form on a version's page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kuzbas.contracts import access, selectors
from kuzbas.contracts.forms import ObligationForm, StatusForm
from kuzbas.contracts.models.obligations import Debtor
from kuzbas.contracts.services import obligations, reminders
from kuzbas.contracts.views.posting import citations, status_of, written
from kuzbas.contracts.views.versions import version_page, version_url
from kuzbas.core.acting import act
from kuzbas.core.clock import colony_today
from kuzbas.core.rights import Right, has_right, require
from kuzbas.production.access import product_named, unit_for_user


def due(request: HttpRequest) -> HttpResponse:
    """Open obligations under the versions in force: overdue, due soon, later, undated."""
    require(request.user, Right.CONTRACTS_VIEW)
    debtor = request.GET.get("debtor", "")
    if debtor not in Debtor.values:
        debtor = ""
    today = colony_today()
    return render(
        request,
        "contracts/due.html",
        {
            "due": selectors.due(today, debtor=debtor),
            "recent": selectors.recently_decided(today),
            "debtor": debtor,
            "debtors": Debtor.choices,
            "soon_days": selectors.DUE_SOON_DAYS,
            "can_edit": has_right(request.user, Right.CONTRACTS_EDIT),
        },
    )


def obligation_page(
    request: HttpRequest, pk: int, *, form: StatusForm | None = None
) -> HttpResponse:
    obligation = access.obligation_for_user(request.user, pk)
    selectors.obligations_of(obligation.contract)  # rechecks its target if stale
    obligation.refresh_from_db()
    can_edit = has_right(request.user, Right.CONTRACTS_EDIT)
    if can_edit and form is None:
        form = StatusForm(initial={"status": obligation.status})
    return render(
        request,
        "contracts/obligation.html",
        {
            "obligation": obligation,
            "contract": obligation.contract,
            "can_edit": can_edit,
            "form": form if can_edit else None,
            "reminders": obligation.reminders.all()[:10],
        },
        status=status_of(form),
    )


def obligation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return obligation_page(request, pk)


@require_POST
def record_status(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Right.CONTRACTS_EDIT)
    obligation = access.obligation_for_user(request.user, pk)
    form = StatusForm(request.POST)

    def record(data):
        obligations.record_status(
            actor=request.user,
            obligation=obligation,
            status=data["status"],
            proof=data["proof"],
            on=data["on"],
            citations=citations(form),
        )

    if written(request, form, record, _("The status was recorded.")):
        return redirect("contracts:obligation", obligation.pk)
    return obligation_page(request, pk, form=form)


@require_POST
def add_obligation(request: HttpRequest, key: str, number: int) -> HttpResponse:
    require(request.user, Right.CONTRACTS_EDIT)
    version = access.version_for_user(request.user, key, number)
    form = ObligationForm(request.POST)

    def add(data):
        due, precision = data.pop("due") or (None, "day")
        product_key, unit_key = data.pop("product"), data.pop("unit")
        data.pop("source", None)
        data.pop("locator", None)
        obligations.add_obligation(
            actor=request.user,
            version=version,
            clause=access.clause_named(version, data.pop("clause")),
            due=due,
            due_precision=precision,
            product=product_named(request.user, product_key) if product_key else None,
            unit=unit_for_user(request.user, unit_key) if unit_key else None,
            citations=citations(form),
            **data,
        )

    if written(request, form, add, _("The obligation was recorded.")):
        return redirect(version_url(version) + "#obligations")
    return version_page(request, version, obligation_form=form)


@require_POST
def send_reminders(request: HttpRequest) -> HttpResponse:
    """Remind those who keep the contracts of what falls due, by e-mail through the queue."""
    require(request.user, Right.CONTRACTS_EDIT)
    made: list = []

    def send():
        made.extend(
            reminders.send_reminders(
                actor=request.user,
                site_url=request.build_absolute_uri("/"),
                language=translation.get_language() or "",
            )
        )

    response = act(request, send, back="contracts:due")
    messages.info(
        request,
        ngettext("%(n)s reminder was queued.", "%(n)s reminders were queued.", len(made))
        % {"n": len(made)},
    )
    return response
