"""Production pages that show the statistics: the dashboard, a unit, comparisons, charts,
exports and the monthly report."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from kuzbas.audit.services import trail_version
from kuzbas.core.errors import NotFound
from kuzbas.core.rights import Right, has_right, require
from kuzbas.production import (
    access,
    charts,
    evidence,
    exports,
    figures,
    impact,
    kpis,
    report_pdf,
    reports,
    selectors,
)
from kuzbas.production.forms import CompareForm, DecisionLinkForm, ReportForm
from kuzbas.production.models.catalogue import Unit, UnitKind
from kuzbas.production.models.totals import MonthlyOutput

CHART_FORMATS = {"svg": "image/svg+xml", "png": "image/png"}


def _chart_query(unit: Unit | None, product) -> str:
    """Return the query that makes the image URL draw the same chart as the page."""
    params = {"unit": unit.key if unit else None, "product": product.key if product else None}
    return "?" + urlencode({k: v for k, v in params.items() if v})


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
        "can_link": has_right(request.user, Right.PRODUCTION_EDIT),
        "chart_query": _chart_query(None, product),
        # The plots and the units table are rendered once per write, not once per request.
        "fragment_version": trail_version(),
    }
    return render(request, "production/dashboard.html", context)


@require_GET
def unit_detail(request: HttpRequest, key: str) -> HttpResponse:
    unit = access.unit_for_user(request.user, key)
    product = access.product_for_user(request.user, request.GET.get("product"))
    products = selectors.products()
    series = selectors.monthly_series(unit=unit)
    can_link = has_right(request.user, Right.PRODUCTION_EDIT)
    return render(
        request,
        "production/unit.html",
        {
            "unit": unit,
            "product": product,
            "plots": _plots(series, products, product),
            "impacts": impact.impacts(unit, series, product) if product else [],
            "can_link": can_link,
            "link_form": DecisionLinkForm(initial={"units": [unit.key]}) if can_link else None,
            "chart_query": _chart_query(unit, product),
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


def _plot_named(key: str, unit: Unit | None, product) -> tuple[figures.Plot, Unit | None, tuple]:
    """Build the one plot a page shows under `key`, with the kinds of rows it is drawn from."""
    if key.startswith("impact-") and key[len("impact-") :].isdecimal():
        link = access.decision_link_named(int(key[len("impact-") :]))
        if link is None or product is None:
            raise NotFound(_("No such chart."))
        series = selectors.monthly_series(unit=link.unit)
        shown = impact.impact_of(link, impact.decision_of(link.decision_sequence), series, product)
        return shown.plot, link.unit, evidence.KPI_INPUTS[link.kpi]
    if key not in evidence.PLOT_INPUTS or (key in {"productivity", "plan"} and product is None):
        raise NotFound(_("No such chart."))
    series = selectors.monthly_series(unit=unit)
    plot = {
        "output": lambda: figures.output_plot(series, selectors.products()),
        "headcount": lambda: figures.headcount_plot(series),
        "productivity": lambda: figures.productivity_plot(series, product),
        "plan": lambda: figures.plan_plot(series, product),
    }[key]()
    return plot, unit, evidence.PLOT_INPUTS[key]


@require_GET
def chart_image(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    """Return a page's chart as SVG or PNG, its illustrative values and sources drawn in."""
    require(request.user, Right.PRODUCTION_VIEW)
    if fmt not in CHART_FORMATS:
        raise NotFound(_("Charts are drawn as SVG or PNG."))
    unit = (
        access.unit_for_user(request.user, request.GET["unit"]) if request.GET.get("unit") else None
    )
    product = access.product_for_user(request.user, request.GET.get("product"))
    plot, unit, inputs = _plot_named(key, unit, product)
    spec = charts.static_spec(plot.spec, sources=evidence.plot_sources(inputs, unit))
    body = charts.to_svg(spec) if fmt == "svg" else charts.to_png(spec)
    response = HttpResponse(body, content_type=CHART_FORMATS[fmt])
    name = "-".join(
        p for p in ("kuzbas", key, unit.key if unit else "", product.key if product else "") if p
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require_GET
def report(request: HttpRequest) -> HttpResponse:
    """Choose a month (and a unit); a valid choice answers with the report as a PDF."""
    require(request.user, Right.PRODUCTION_VIEW)
    latest = MonthlyOutput.objects.order_by("-month").values_list("month", flat=True).first()
    # Without a month the page only offers the form, pre-filled from the link that led here.
    form = ReportForm(
        request.GET if "month" in request.GET else None,
        initial={
            "month": f"{latest:%Y-%m}" if latest else "",
            "unit": request.GET.get("unit", ""),
            "product": request.GET.get("product", "coal"),
        },
    )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        unit = product = None
        try:
            unit = access.unit_for_user(request.user, data["unit"]) if data["unit"] else None
        except NotFound as error:
            form.add_error("unit", error.message)
        try:
            product = access.product_for_user(request.user, data["product"] or None)
        except NotFound as error:
            form.add_error("product", error.message)
        if form.is_valid():
            shown = reports.monthly_report(data["month"], unit=unit, product=product)
            # The whole enterprise without a figure that month: nothing to print. (A unit's
            # report may say that the unit had none while others had some.)
            if unit is None and shown.main.empty and all(u.empty for u in shown.units):
                form.add_error(
                    "month",
                    _("No figures for %(month)s: there is no report to print.")
                    % {"month": f"{data['month']:%Y-%m}"},
                )
        if form.is_valid():
            response = HttpResponse(report_pdf.render(shown), content_type="application/pdf")
            suffix = f"-{unit.key}" if unit else ""
            response["Content-Disposition"] = (
                f'inline; filename="kuzbas-report-{data["month"]:%Y-%m}{suffix}.pdf"'
            )
            return response
    return render(
        request,
        "production/report.html",
        {
            "form": form,
            "units": Unit.objects.order_by("kind", "name"),
            "products": selectors.products(),
            "can_import": has_right(request.user, Right.PRODUCTION_IMPORT),
            "can_link": has_right(request.user, Right.PRODUCTION_EDIT),
        },
        status=400 if form.is_bound else 200,
    )
