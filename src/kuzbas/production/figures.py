"""Turn monthly series into what a page shows: plots and the tables of the same numbers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from html import escape

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kuzbas.core import formats
from kuzbas.production import charts, kpis
from kuzbas.production.models.catalogue import Product
from kuzbas.production.models.statistics import StaffCategory
from kuzbas.production.selectors import MonthFigures, memo, monthly_kpi


@dataclass
class Table:
    """The numbers of a plot; cells are preformatted text so long tables render fast."""

    columns: list[str]
    rows: list[tuple[str, list[str], bool]] = field(default_factory=list)

    def add(self, month, cells: list, illustrative: bool, show=formats.quantity) -> None:
        """Add a month's cells, each written by `show` in the reader's language (text as it is)."""
        text = ["—" if c is None else c if isinstance(c, str) else show(c) for c in cells]
        self.rows.append((f"{month:%Y-%m}", text, illustrative))

    def body(self) -> str:
        """Render the rows at once: a template loop over thousands of cells is the page's cost.

        Rendered once per table: a table kept with its series is shown many times.
        """
        if getattr(self, "_body", None) is None:
            self._body = self._render()
        return self._body

    def _render(self) -> str:
        # Plain string building with the same escaping as `format_html` (`html.escape` quotes
        # both kinds of quote, as Django's `escape` does): a table of a decade's months is a
        # thousand cells, and the first request after an import renders it.
        mark = str(format_html('<mark class="illustrative">{}</mark>', _("illustrative")))
        rows = []
        for month, cells, ill in self.rows:
            tds = "".join([f'<td class="num">{escape(c)}</td>' for c in cells])
            if ill:
                rows.append(
                    f'<tr class="illustrative"><td>{escape(month)}</td>{tds}<td>{mark}</td></tr>'
                )
            else:
                rows.append(f"<tr><td>{escape(month)}</td>{tds}<td></td></tr>")
        return mark_safe("".join(rows))  # noqa: S308 - every cell is escaped above


@dataclass
class Plot:
    key: str
    title: str
    spec: dict
    table: Table

    @property
    def spec_id(self) -> str:
        return f"chart-{self.key}-spec"

    def page_spec(self) -> str:
        """The spec as the page carries it, in a JSON script element: compact, and without the
        points' `illustrative` flag, which only the images' subtitles count (`static_spec`)."""
        spec = dict(self.spec)
        spec["datasets"] = {
            name: [{k: v for k, v in point.items() if k != "illustrative"} for point in points]
            for name, points in self.spec.get("datasets", {}).items()
        }
        text = json.dumps(spec, separators=(",", ":"), cls=DjangoJSONEncoder)
        return format_html(
            '<script id="{}" type="application/json">{}</script>',
            self.spec_id,
            mark_safe(text.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 - escaped as json_script does
        )


# What `django.utils.html.json_script` escapes, so the JSON cannot end its script element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _month(m) -> str:
    return m.isoformat()


def _float(value) -> float | None:
    return float(value) if value is not None else None


def _product_key(product: Product) -> tuple:
    return (product.key, product.name, product.unit_of_measure)


def output_plot(series: list[MonthFigures], products: list[Product]) -> Plot:
    key = ("output_plot", *map(_product_key, products))
    return memo(series, key, lambda: _output_plot(series, products))


def _output_plot(series: list[MonthFigures], products: list[Product]) -> Plot:
    points, table = [], Table([f"{p.name} ({p.unit_of_measure})" for p in products])
    for m in series:
        cells = [m.output.get(p.key) for p in products]
        if not any(c is not None for c in cells):
            continue
        for p, value in zip(products, cells, strict=True):
            points.append(
                charts.Point(_month(m.month), p.name, _float(value), m.output_illustrative)
            )
        table.add(m.month, [_q(c) for c in cells], m.output_illustrative)
    title = _("Output by month")
    spec = charts.line_chart(
        points, title=title, y_title=products[0].unit_of_measure if products else ""
    )
    return Plot("output", title, spec, table)


def headcount_plot(series: list[MonthFigures]) -> Plot:
    return memo(series, ("headcount_plot",), lambda: _headcount_plot(series))


def _headcount_plot(series: list[MonthFigures]) -> Plot:
    columns = [
        (_("all staff"), (StaffCategory.ALL,)),
        (_("production staff"), (StaffCategory.PRODUCTION,)),
        (_("office staff and guards"), (StaffCategory.OFFICE, StaffCategory.GUARD)),
    ]
    points, table = [], Table([c for c, _cats in columns])
    for m in series:
        if not m.staff:
            continue
        cells = []
        for label, cats in columns:
            value = sum(m.staff[c] for c in cats) if all(c in m.staff for c in cats) else None
            cells.append(value)
            illustrative = any(m.staff_evidence.get(c, False) for c in cats)
            points.append(charts.Point(_month(m.month), label, value, illustrative))
        table.add(m.month, cells, m.staff_illustrative, show=formats.number)
    title = _("Headcount by month")
    return Plot(
        "headcount", title, charts.line_chart(points, title=title, y_title=_("people")), table
    )


def productivity_plot(series: list[MonthFigures], product: Product) -> Plot:
    key = ("productivity_plot", *_product_key(product))
    return memo(series, key, lambda: _productivity_plot(series, product))


def _productivity_plot(series: list[MonthFigures], product: Product) -> Plot:
    per_all = monthly_kpi(series, product, "output_per_worker")
    per_prod = monthly_kpi(series, product, "output_per_production_worker")
    columns = [kpis.OUTPUT_PER_WORKER.label, kpis.OUTPUT_PER_PRODUCTION_WORKER.label]
    points, table = [], Table([str(c) for c in columns])
    for m in series:
        a, b = per_all[m.month], per_prod[m.month]
        if a.value is None and b.value is None:
            continue
        for label, k in zip(columns, (a, b), strict=True):
            points.append(
                charts.Point(_month(m.month), str(label), _float(k.rounded(4)), k.illustrative)
            )
        table.add(m.month, [a.rounded(3), b.rounded(3)], a.illustrative or b.illustrative)
    title = _("%(p)s per worker-month (%(u)s)") % {"p": product.name, "u": product.unit_of_measure}
    return Plot(
        "productivity",
        title,
        charts.line_chart(points, title=title, y_title=product.unit_of_measure),
        table,
    )


def plan_plot(series: list[MonthFigures], product: Product) -> Plot:
    key = ("plan_plot", *_product_key(product))
    return memo(series, key, lambda: _plan_plot(series, product))


def _plan_plot(series: list[MonthFigures], product: Product) -> Plot:
    columns = [_("output"), _("plan"), _("fulfilment, %")]
    points, table = [], Table(columns)
    for m in series:
        if product.key not in m.plan:
            continue
        actual, plan = m.output.get(product.key, Decimal(0)), m.plan[product.key]
        fulfilment = kpis.shown(Fraction(actual) * 100 / Fraction(plan) if plan else None, 1)
        points.append(
            charts.Point(_month(m.month), str(columns[0]), _float(actual), m.output_illustrative)
        )
        points.append(
            charts.Point(_month(m.month), str(columns[1]), _float(plan), m.output_illustrative)
        )
        shown = (
            formats.number(fulfilment, formats.PERCENT_PLACES) if fulfilment is not None else None
        )
        table.add(m.month, [_q(actual), _q(plan), shown], m.output_illustrative)
    title = _("%(p)s: plan and output (%(u)s)") % {"p": product.name, "u": product.unit_of_measure}
    return Plot(
        "plan",
        title,
        charts.line_chart(points, title=title, y_title=product.unit_of_measure),
        table,
    )


def _q(value) -> Decimal | None:
    """Show a stored quantity to the kilogram, without trailing zeros (exports keep every digit)."""
    if value is None:
        return None
    normal = Decimal(value).quantize(Decimal("0.001")).normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral() else normal
