"""The report to the counterparty as a PDF: the obligations and their status, the output
against each contracted target (a table and a chart, or "no data"), the money lines and the
balances per currency. Every heading is kept on the page of the table it introduces; the font
prints Cyrillic (`kuzbas.core.pdf`)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from kuzbas.contracts.balances import Balance
from kuzbas.contracts.reports import Report, TargetLine
from kuzbas.core.pdf import fonts
from kuzbas.money.amounts import Money


def amount(value: Money) -> str:
    """An amount as the reader's language writes it, with its currency's code."""
    return f"{number_format(value.amount, 2, force_grouping=True)} {value.currency.code}"


def quantity(value) -> str:
    return number_format(value, 3, force_grouping=True)


def _day(value) -> str:
    return date_format(value, "DATE_FORMAT") if value else "—"


def render(report: Report) -> bytes:
    """Return the report as a PDF."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    regular, bold = fonts()
    sheet = getSampleStyleSheet()
    title = ParagraphStyle("cr-title", parent=sheet["Title"], fontName=bold)
    h2 = ParagraphStyle("cr-h2", parent=sheet["Heading2"], fontName=bold, keepWithNext=1)
    h3 = ParagraphStyle("cr-h3", parent=sheet["Heading3"], fontName=bold, keepWithNext=1)
    body = ParagraphStyle("cr-body", parent=sheet["BodyText"], fontName=regular)
    cell = ParagraphStyle("cr-cell", parent=body, fontSize=8, leading=10)
    head = ParagraphStyle("cr-head", parent=cell, fontName=bold)
    width = A4[0] - 30 * mm

    def p(text: object, style=cell) -> Paragraph:
        return Paragraph(escape(str(text)), style)

    def table(header: list[str], rows: list[list[object]], widths: list[float]) -> Table:
        data = [[p(h, head) for h in header]] + [[p(c) for c in row] for row in rows]
        t = Table(data, colWidths=[w * width for w in widths], repeatRows=1, hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return t

    def section(heading: Paragraph, *flowables) -> list:
        """A heading kept with the start of what follows it."""
        return [KeepTogether([heading, flowables[0]]), *flowables[1:]]

    def no_data(text: str | None = None) -> Paragraph:
        return p(text or _("No data."), body)

    contract = report.contract
    story: list = [
        Paragraph(escape(_("Report on the contract “%(t)s”") % {"t": contract.title}), title),
        p(_("Period: %(a)s – %(b)s") % {"a": _day(report.start), "b": _day(report.end)}, body),
        Spacer(1, 4 * mm),
    ]

    rows = [
        [
            o.due_label or "—",
            o.title,
            o.get_debtor_display(),
            o.get_status_display(),
            o.proof or "",
        ]
        for o in report.obligations
    ]
    story += section(
        Paragraph(escape(_("Obligations")), h2),
        table(
            [_("Due"), _("What"), _("Who owes"), _("Status"), _("Evidence of fulfilment")],
            rows,
            [0.14, 0.36, 0.16, 0.14, 0.2],
        )
        if rows
        else no_data(_("No obligation falls in this period.")),
    )

    story.append(Paragraph(escape(_("Output against the contracted targets")), h2))
    if not report.targets:
        story.append(no_data(_("No obligation in this period has a measurable target.")))
    for line in report.targets:
        story += _target(line, p, table, no_data, h3, body)

    rows = [
        [
            m.when,
            m.get_kind_display(),
            m.get_debtor_display(),
            amount(m.amount),
            (m.clause.number if m.clause else "—"),
            m.title,
        ]
        for m in report.lines
    ]
    story += section(
        Paragraph(escape(_("Money in the period")), h2),
        table(
            [_("Date"), _("Kind"), _("Who owes or pays"), _("Amount"), _("Clause"), _("What")],
            rows,
            [0.13, 0.17, 0.16, 0.18, 0.08, 0.28],
        )
        if rows
        else no_data(_("No money was recorded in this period.")),
    )
    story += section(
        Paragraph(escape(_("Balances per currency")), h2),
        *_balances(report.opening, report.closing, table, no_data),
    )
    out = io.BytesIO()
    SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        title=_("Report on the contract “%(t)s”") % {"t": contract.title},
    ).build(story)
    return out.getvalue()


def _target(line: TargetLine, p, table, no_data, h3, body) -> list:
    from reportlab.platypus import KeepTogether

    o = line.obligation
    heading = p(o.title, h3)
    unit = o.product.unit_of_measure if o.product else ""
    facts = p(
        _("Target: %(t)s %(u)s from %(a)s to %(b)s; counted in this period: %(c)s %(u)s.")
        % {
            "t": quantity(o.target),
            "u": unit,
            "a": _day(o.period_start),
            "b": _day(o.period_end),
            "c": quantity(line.in_period),
        },
        body,
    )
    if not line.months:
        return [KeepTogether([heading, facts, no_data()])]
    rows = [
        [date_format(m.month, "YEAR_MONTH_FORMAT"), quantity(m.output)]
        + ([_("illustrative")] if m.illustrative else [""])
        for m in line.months
    ]
    grid = table([_("Month"), _("Output"), ""], rows, [0.3, 0.3, 0.4])
    return [KeepTogether([heading, facts, _chart(line)]), grid]


def _chart(line: TargetLine):
    """Bars of the monthly output, in whole units of the product (a drawing's scale)."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors

    drawing = Drawing(400, 140)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 20, 340, 100
    chart.data = [[int(m.output) for m in line.months]]
    chart.categoryAxis.categoryNames = [f"{m.month:%m.%y}" for m in line.months]
    chart.categoryAxis.labels.fontName = fonts()[0]
    chart.categoryAxis.labels.fontSize = 6
    chart.valueAxis.labels.fontName = fonts()[0]
    chart.valueAxis.labels.fontSize = 6
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#33658a")
    drawing.add(chart)
    return drawing


def _balances(opening: Balance, closing: Balance, table, no_data) -> list:
    currencies = list(dict.fromkeys(opening.currencies + closing.currencies))
    if not currencies:
        return [no_data(_("No money recorded up to the end of the period."))]
    first, last = opening.rows(), closing.rows()
    by = {r["currency"]: r for r in first}
    rows = []
    for row in last:
        before = by.get(row["currency"])
        rows.append(
            [
                row["currency"],
                amount(before["owed_by_enterprise"]) if before else "—",
                amount(row["owed_by_enterprise"]),
                amount(before["owed_to_enterprise"]) if before else "—",
                amount(row["owed_to_enterprise"]),
            ]
        )
    header = [
        _("Currency"),
        _("Owed by the enterprise, brought forward"),
        _("Owed by the enterprise, at the end"),
        _("Owed to the enterprise, brought forward"),
        _("Owed to the enterprise, at the end"),
    ]
    return [table(header, rows, [0.12, 0.22, 0.22, 0.22, 0.22])]
