"""A contract's money: its lines, the balances on a chosen day (per currency, and in one
currency at dated rates), and the form that records a line."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kuzbas.contracts import access
from kuzbas.contracts.balances import balance_on, in_currency
from kuzbas.contracts.models.money import MoneyLine
from kuzbas.contracts.money_forms import BalanceForm, MoneyLineForm
from kuzbas.contracts.money_lines import record_money_line
from kuzbas.core.clock import colony_today
from kuzbas.core.errors import DomainError, Invalid
from kuzbas.core.rights import Right, has_right, require
from kuzbas.core.validation import show_on_form
from kuzbas.money.amounts import money


def _record(request: HttpRequest, contract, form: MoneyLineForm) -> bool:
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        record_money_line(
            actor=request.user,
            contract=contract,
            kind=data["kind"],
            amount=money(data["amount"], data["currency"]),
            on=data["on"],
            debtor=data["debtor"],
            clause=access.contract_clause_named(contract, data["clause"]),
            settles=access.money_line_named(contract, data["settles"]),
            title=data["title"],
            note=data["note"],
        )
    except DomainError as error:
        show_on_form(form, error)
        return False
    return True


def money_page(request: HttpRequest, key: str) -> HttpResponse:
    if request.method == "POST":
        require(request.user, Right.MONEY_EDIT)
    contract = access.contract_for_user(request.user, key)
    can_edit = has_right(request.user, Right.MONEY_EDIT)
    form = None
    if request.method == "POST":
        form = MoneyLineForm(request.POST, contract=contract)
        if _record(request, contract, form):
            messages.success(request, _("The money line is recorded."))
            return redirect("contracts:money", contract.key)
    elif can_edit:
        form = MoneyLineForm(contract=contract, initial={"on": colony_today()})
    asked = BalanceForm(request.GET if "on" in request.GET else None)
    on = colony_today()
    if asked.is_bound and asked.is_valid():
        on = asked.cleaned_data["on"]
    elif not asked.is_bound:
        asked = BalanceForm(initial={"on": on})
    balance = balance_on(contract, on)
    converted = refusal = None
    currency = asked.cleaned_data.get("currency") if asked.is_bound and asked.is_valid() else ""
    if currency:
        try:
            converted = in_currency(balance, currency)
        except Invalid as error:
            refusal = " ".join(p.message for p in error.problems)
    lines = (
        MoneyLine.objects.filter(contract=contract)
        .select_related("clause__version", "settles", "unit")
        .order_by("on", "id")
    )
    status = 422 if form is not None and form.is_bound else 200
    return render(
        request,
        "contracts/money.html",
        {
            "contract": contract,
            "lines": lines,
            "balance": balance,
            "converted": converted,
            "refusal": refusal,
            "asked": asked,
            "form": form,
        },
        status=status,
    )
