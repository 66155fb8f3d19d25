"""The recruitment figures: the funnel by call and by source, retention by arrival group and by
nationality as a chart beside its table, and the exports."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kuzbas.core.errors import NotFound
from kuzbas.core.rights import Right, has_right, require
from kuzbas.production.figures import Plot, Table
from kuzbas.recruitment import exports, figures
from kuzbas.recruitment.charts import retention_chart


def _plot(key: str, title: str, series_title: str, rows) -> Plot:
    spec = retention_chart(rows, title=title, series_title=series_title)
    return Plot(key=key, title=title, spec=spec, table=Table(columns=[], rows=[]))


def figures_page(request: HttpRequest) -> HttpResponse:
    """Show the funnel and retention figures, each chart beside its table."""
    require(request.user, Right.RECRUITMENT_VIEW)
    by_group = figures.retention_by_group()
    by_nationality = figures.retention_by_nationality()
    context = {
        "funnels": [
            (_("The funnel by call"), figures.funnel_by_call()),
            (_("The funnel by source"), figures.funnel_by_source()),
        ],
        "retention": [
            (
                _plot("retention-group", _("Retention by arrival group"), _("group"), by_group),
                by_group,
            ),
            (
                _plot(
                    "retention-nationality",
                    _("Retention by nationality"),
                    _("nationality"),
                    by_nationality,
                ),
                by_nationality,
            ),
        ],
        "horizons": figures.HORIZONS,
        "tables": [
            t for t, (_table, right) in exports.TABLES.items() if has_right(request.user, right)
        ],
    }
    return render(request, "recruitment/figures.html", context)


def export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """Return a recruitment table as CSV or XLSX."""
    if table not in exports.TABLES or fmt not in exports.FORMATS:
        raise NotFound(_("No such table or format."))
    require(request.user, exports.TABLES[table][1])
    body = exports.to_csv(table) if fmt == "csv" else exports.to_xlsx(table)
    response = HttpResponse(body, content_type=exports.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="kuzbas-recruitment-{table}.{fmt}"'
    return response
