"""The monthly production report laid out as a PDF with reportlab, like the meeting minutes.

A TrueType font with Cyrillic is embedded (reportlab's built-in fonts hold only Latin-1), so
names and a Russian interface print as they are; footers carry the date and "page n of N".
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from kuzbas.core import formats
from kuzbas.core.pdf import fonts as _fonts
from kuzbas.production import kpis
from kuzbas.production.reports import MonthlyReport, Scope


def _number(value) -> str:
    return "—" if value is None else formats.quantity(value)


def render(report: MonthlyReport) -> bytes:
    """Return the report as a PDF: tables with each figure's evidence, charts, sources."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas
    from reportlab.platypus import (
        Image,
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    regular, bold = _fonts()
    sheet = getSampleStyleSheet()
    styles = {
        name: ParagraphStyle(
            f"report-{name}",
            parent=sheet[base],
            fontName=bold if name.startswith("h") or name == "title" else regular,
        )
        for name, base in (
            ("title", "Title"),
            ("h2", "Heading2"),
            ("h3", "Heading3"),
            ("body", "BodyText"),
        )
    }
    styles["cell"] = ParagraphStyle("report-cell", parent=styles["body"], fontSize=8, leading=10)
    styles["head"] = ParagraphStyle("report-head", parent=styles["cell"], fontName=bold)
    styles["mark"] = ParagraphStyle(
        "report-mark", parent=styles["body"], textColor=colors.HexColor("#6b5a1f")
    )
    width = A4[0] - 32 * mm

    def p(text: str, style: str = "body") -> Paragraph:
        return Paragraph(escape(str(text)), styles[style])

    def table(header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
        data = [[p(h, "head") for h in header]] + [[p(c, "cell") for c in row] for row in rows]
        t = Table(data, colWidths=[w * width for w in widths], repeatRows=1, hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.lightgrey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return t

    def scope_story(scope: Scope, heading: str) -> list:
        story = _kept_with_heading(scope_tables(scope, p(scope.name, heading)))
        return story

    def scope_tables(scope: Scope, head: Paragraph) -> list:
        story = [head]
        if scope.empty:
            return [*story, p(_("No figures for this month."))]
        if scope.output:
            story.append(
                table(
                    [_("Product"), _("Output"), _("Plan"), _("Fulfilment"), _("Evidence")],
                    [
                        [
                            f"{line.product.name} ({line.product.unit_of_measure})",
                            _number(line.output),
                            _number(line.plan),
                            formats.percent(line.fulfilment)
                            if line.fulfilment is not None
                            else "—",
                            _("output: %(o)s; plan: %(p)s")
                            % {"o": line.output_basis.label, "p": line.plan_basis.label}
                            if line.plan is not None
                            else line.output_basis.label,
                        ]
                        for line in scope.output
                    ],
                    [0.22, 0.14, 0.14, 0.12, 0.38],
                )
            )
            story.append(Spacer(1, 2 * mm))
        if scope.staff:
            story.append(
                table(
                    [_("Staff at the month's end"), _("People"), _("Evidence")],
                    [
                        [line.label, formats.number(line.count), line.basis.label]
                        for line in scope.staff
                    ],
                    [0.36, 0.14, 0.50],
                )
            )
            story.append(Spacer(1, 2 * mm))
        if scope.kpis:

            def side(f: kpis.Figure) -> str:
                shown = _number(f.shown) if f.value is not None else "—"
                return f"{f.label}: {shown} {f.unit if f.value is not None else ''}".strip()

            story.append(
                table(
                    [_("Key figure"), _("Value"), _("Numerator"), _("Denominator"), _("Evidence")],
                    [
                        [
                            str(line.kpi.definition.label),
                            line.shown,
                            side(line.kpi.numerator),
                            side(line.kpi.denominator),
                            line.basis.label,
                        ]
                        for line in scope.kpis
                    ],
                    [0.2, 0.16, 0.22, 0.22, 0.2],
                )
            )
        return story

    generated = f"{formats.moment(report.generated_at)} UTC"
    story: list = [
        p(report.title, "title"),
        p(_("Generated %(when)s.") % {"when": generated}),
        p(
            _(
                "Each figure states its evidence: illustrative (generated between documented "
                "figures, not taken from a source), documented [n] (the numbered sources at the "
                "end), or recorded without a source cited."
            )
        ),
    ]
    if report.illustrative:
        story.append(
            p(
                _(
                    "This report contains illustrative figures. They give the series a shape "
                    "and are not historical fact."
                ),
                "mark",
            )
        )
    story.append(Spacer(1, 3 * mm))
    story += scope_story(report.main, "h2")
    story.append(p(_("Charts"), "h2"))
    if not report.charts:
        story.append(p(_("No chart: a chart needs figures for two months or more.")))
    else:
        for chart in report.charts:
            image = Image(io.BytesIO(chart.png))
            image.drawWidth, image.drawHeight = width, width * image.imageHeight / image.imageWidth
            story.append(KeepTogether([image, p(chart.caption, "cell"), Spacer(1, 4 * mm)]))
    shown_units = [s for s in report.units if not s.empty]
    if shown_units:
        story.append(p(_("Units"), "h2"))
        for scope in shown_units:
            story += [*scope_story(scope, "h3"), Spacer(1, 3 * mm)]
    if report.quiet_units:
        story.append(
            p(_("No figures this month for: %(u)s.") % {"u": ", ".join(report.quiet_units)})
        )
    story.append(p(_("Sources"), "h2"))
    if report.sources:
        story += [p(f"[{n}] {ref}", "cell") for n, ref in enumerate(report.sources, 1)]
    else:
        story.append(p(_("No figure in this report is taken from a source.")))

    footer = _("Kuzbas · %(title)s · generated %(when)s") % {
        "title": report.title,
        "when": generated,
    }

    class NumberedCanvas(canvas.Canvas):
        """Hold every page until the end, so each footer can say how many pages there are."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self.setFont(regular, 7)
                self.setFillColor(colors.grey)
                self.drawString(16 * mm, 10 * mm, footer)
                self.drawRightString(
                    A4[0] - 16 * mm,
                    10 * mm,
                    _("page %(n)s of %(total)s") % {"n": number, "total": total},
                )
                super().showPage()
            super().save()

    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        title=report.title,
        author="Kuzbas",
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
    )
    doc.build(story, canvasmaker=NumberedCanvas)
    return out.getvalue()


def _kept_with_heading(story: list) -> list:
    """Keep a heading on the same page as what follows it (a heading never ends a page)."""
    from reportlab.platypus import KeepTogether

    if len(story) < 2:
        return story
    return [KeepTogether(story[:2]), *story[2:]]
