"""The report to the counterparty on a contract and a period: as a page and as a PDF."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kuzbas.contracts import access, report_pdf
from kuzbas.contracts.money_forms import PeriodForm
from kuzbas.contracts.reports import contract_report
from kuzbas.core.clock import colony_today


def _period(request: HttpRequest, contract) -> tuple[PeriodForm, dt.date | None, dt.date | None]:
    """The period asked for, or by default the contract's first year in force."""
    if "start" in request.GET or "end" in request.GET:
        form = PeriodForm(request.GET)
        if form.is_valid():
            return form, form.cleaned_data["start"], form.cleaned_data["end"]
        return form, None, None
    start = contract.in_force_from or colony_today().replace(month=1, day=1)
    end = start.replace(year=start.year + 1) - dt.timedelta(days=1)
    return PeriodForm(initial={"start": start, "end": end}), start, end


def report_page(request: HttpRequest, key: str) -> HttpResponse:
    contract = access.contract_for_user(request.user, key)
    form, start, end = _period(request, contract)
    report = contract_report(contract, start, end) if start and end else None
    return render(
        request,
        "contracts/report.html",
        {"contract": contract, "form": form, "report": report},
        status=200 if report else 422,
    )


def report_file(request: HttpRequest, key: str) -> HttpResponse:
    contract = access.contract_for_user(request.user, key)
    form, start, end = _period(request, contract)
    if not (start and end):
        return render(
            request,
            "contracts/report.html",
            {"contract": contract, "form": form, "report": None},
            status=422,
        )
    report = contract_report(contract, start, end)
    response = HttpResponse(report_pdf.render(report), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="kuzbas-{contract.key}-{start:%Y-%m-%d}-{end:%Y-%m-%d}.pdf"'
    )
    return response
