"""The exchange rates page: every dated rate with its source, and the form that adds one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kuzbas.core.errors import DomainError
from kuzbas.core.rights import Right, has_right, require
from kuzbas.core.validation import show_on_form
from kuzbas.money import services
from kuzbas.money.forms import RateForm
from kuzbas.money.models import ExchangeRate
from kuzbas.record.access import source_named


def rates(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.CONTRACTS_VIEW)
    can_edit = has_right(request.user, Right.MONEY_EDIT)
    form = RateForm(request.POST or None) if can_edit else None
    status = 200
    if request.method == "POST":
        require(request.user, Right.MONEY_EDIT)
        if form.is_valid():
            data = form.cleaned_data
            try:
                source = source_named(data["source"]) if data["source"] else None
                row = services.record_rate(
                    request.user,
                    base=data["base"],
                    quote=data["quote"],
                    rate=data["rate"],
                    on=data["on"],
                    source=source,
                    illustrative=data["illustrative"],
                    note=data["note"],
                )
            except DomainError as error:
                show_on_form(form, error)
            else:
                messages.success(request, _("Recorded: %(rate)s.") % {"rate": row})
                return redirect("money:rates")
        status = 422
    rows = ExchangeRate.objects.select_related("source").order_by("base", "quote", "-on")
    return render(request, "money/rates.html", {"rates": rows, "form": form}, status=status)
