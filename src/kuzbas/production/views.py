"""Production pages: thin views that check rights, read through selectors, and render."""

from __future__ import annotations

import base64
import hashlib

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kuzbas.errors import DomainError, Invalid, NotFound
from kuzbas.members.permissions import Right, has_right, require
from kuzbas.production import access, exports, figures, impact, kpis, selectors
from kuzbas.production.forms import CompareForm, ImportForm
from kuzbas.production.imports import COLUMNS, import_file, preview_file
from kuzbas.production.models import Unit, UnitKind

SESSION_KEY = "production_import"
MAX_STASH = 10 * 1024 * 1024


def _plots(series, products, product):
    plots = [figures.output_plot(series, products), figures.headcount_plot(series)]
    if product is not None:
        plots += [figures.productivity_plot(series, product), figures.plan_plot(series, product)]
    return plots


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    product = access.product_for_user(request.user, request.GET.get("product"))
    products = selectors.products()
    series = selectors.monthly_series()
    lines = selectors.unit_lines()
    whole = (
        selectors.period_kpis(series, series[0].month, series[-1].month, product)
        if series and product
        else None
    )
    latest_staff = next((m for m in reversed(series) if m.staff), None)
    context = {
        "product": product,
        "products": products,
        "plots": _plots(series, products, product),
        "unit_rows": [(line, [line.output.get(p.key) for p in products]) for line in lines],
        "kinds": {k: sum(1 for line in lines if line.unit.kind == k) for k in UnitKind.values},
        "latest_staff": latest_staff,
        "whole": whole,
        "acts": selectors.transfer_acts(),
        "impacts": impact.impacts(None, series, product) if product else [],
        "can_import": has_right(request.user, Right.PRODUCTION_IMPORT),
    }
    return render(request, "production/dashboard.html", context)


@require_GET
def unit_detail(request: HttpRequest, key: str) -> HttpResponse:
    unit = access.unit_for_user(request.user, key)
    product = access.product_for_user(request.user, request.GET.get("product"))
    products = selectors.products()
    series = selectors.monthly_series(unit=unit)
    return render(
        request,
        "production/unit.html",
        {
            "unit": unit,
            "product": product,
            "plots": _plots(series, products, product),
            "impacts": impact.impacts(unit, series, product) if product else [],
        },
    )


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.PRODUCTION_VIEW)
    form = CompareForm(request.GET or {k: f.initial for k, f in CompareForm.base_fields.items()})
    rows, product, unit = [], None, None
    if form.is_valid():
        data = form.cleaned_data
        product = access.product_for_user(request.user, data.get("product") or None)
        unit = access.unit_for_user(request.user, data["unit"]) if data.get("unit") else None
        if product is not None:
            series = selectors.monthly_series(unit=unit)
            a = selectors.period_kpis(series, data["a_from"], data["a_to"], product)
            b = selectors.period_kpis(series, data["b_from"], data["b_to"], product)
            rows = [(x, y, kpis.change(x, y)) for x, y in zip(a.all, b.all, strict=True)]
    return render(
        request,
        "production/compare.html",
        {
            "form": form,
            "rows": rows,
            "product": product,
            "unit": unit,
            "units": Unit.objects.order_by("name"),
            "products": selectors.products(),
            "definitions": kpis.DEFINITIONS.values(),
        },
    )


@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    """Check a file and show what it would do; commit only what was previewed."""
    require(request.user, Right.PRODUCTION_IMPORT)
    form = ImportForm(request.POST or None, request.FILES or None)
    preview = None
    stash = request.session.get(SESSION_KEY)
    if request.method == "POST" and request.POST.get("action") == "commit":
        if not stash or stash.get("digest") != request.POST.get("digest"):
            messages.error(request, _("Check the file again before importing it."))
            return redirect("production:import")
        data = base64.b64decode(stash["data"])
        try:
            result = import_file(
                actor=request.user, kind=stash["kind"], data=data, filename=stash["filename"]
            )
        except Invalid as error:
            return render(
                request,
                "production/import.html",
                {"form": ImportForm(), "problems": error.problems, "columns": COLUMNS},
            )
        del request.session[SESSION_KEY]
        messages.success(
            request,
            _("Imported: %(c)s new, %(u)s changed, %(s)s already on record.")
            % {"c": result.created, "u": result.changed, "s": result.unchanged},
        )
        return redirect("production:dashboard")
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            preview = preview_file(form.cleaned_data["kind"], data, upload.name)
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            if preview.ok and len(data) <= MAX_STASH:
                digest = hashlib.sha256(data).hexdigest()
                request.session[SESSION_KEY] = {
                    "kind": form.cleaned_data["kind"],
                    "filename": upload.name,
                    "digest": digest,
                    "data": base64.b64encode(data).decode("ascii"),
                }
                preview.digest = digest
    return render(
        request,
        "production/import.html",
        {
            "form": form,
            "preview": preview,
            "problems": preview.problems if preview else [],
            "columns": COLUMNS,
        },
    )


@require_GET
def export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    require(request.user, Right.PRODUCTION_VIEW)
    if table not in exports.TABLES or fmt not in exports.FORMATS:
        raise NotFound(_("No such table or format."))
    if fmt == "csv":
        # Streamed: a table of millions of rows never sits in memory whole.
        response = StreamingHttpResponse(
            exports.csv_lines(table), content_type=exports.FORMATS[fmt]
        )
    else:
        response = HttpResponse(exports.to_xlsx(table), content_type=exports.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="kuzbas-{table}.{fmt}"'
    return response
