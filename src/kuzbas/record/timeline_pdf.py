"""The timeline as a PNG image and as a PDF: the drawing on a landscape page, then every item
with its date, kind and sources (laid out with reportlab like the minutes and reports)."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from kuzbas.core.pdf import fonts
from kuzbas.record.chronology import Timeline
from kuzbas.record.models import EventKind


def to_png(svg: str, *, scale: float = 2.0) -> bytes:
    """Rasterise the timeline's SVG (vl-convert's SVG renderer, as the production charts)."""
    import vl_convert

    return vl_convert.svg_to_png(svg, scale=scale)


def render(timeline: Timeline, svg: str, *, heading: str) -> bytes:
    """Return the timeline as a PDF: the drawing, the periodizations, the items and sources."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = fonts()
    sheet = getSampleStyleSheet()
    title = ParagraphStyle("tl-title", parent=sheet["Title"], fontName=bold)
    h2 = ParagraphStyle("tl-h2", parent=sheet["Heading2"], fontName=bold)
    cell = ParagraphStyle(
        "tl-cell", parent=sheet["BodyText"], fontName=regular, fontSize=8, leading=10
    )
    head = ParagraphStyle("tl-head", parent=cell, fontName=bold)
    page = landscape(A4)
    width = page[0] - 24 * mm

    def p(text: str, style=cell) -> Paragraph:
        return Paragraph(escape(str(text)), style)

    def table(header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
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

    png = to_png(svg)
    picture = Image(io.BytesIO(png))
    ratio = min(width / picture.imageWidth, (page[1] - 60 * mm) / picture.imageHeight)
    picture.drawWidth, picture.drawHeight = picture.imageWidth * ratio, picture.imageHeight * ratio
    story = [Paragraph(escape(heading), title), picture, Spacer(1, 4 * mm)]
    for periodization in timeline.periodizations:
        story.append(Paragraph(escape(f"{periodization.author}, {periodization.work}"), h2))
        rows = [
            [
                period.number,
                period.when
                + (f" ({period.bounds_as_printed})" if period.bounds_as_printed else ""),
                period.name + (f" [{period.track}]" if period.track else ""),
                f"“{period.wording}”" if period.wording else period.characterisation,
                _sources(period.citations.all()),
            ]
            for period in periodization.periods.all()
        ]
        story.append(
            table(
                [_("No."), _("Bounds"), _("Period"), _("The author's words"), _("Sources")],
                rows,
                [0.04, 0.16, 0.25, 0.3, 0.25],
            )
        )
    story.append(Paragraph(escape(_("Events")), h2))
    kinds = dict(EventKind.choices)
    rows = []
    for item in timeline.items:
        text = item.title
        for version in item.versions:
            text += "\n" + _("Another source: %(when)s, %(title)s") % {
                "when": version.when,
                "title": version.title,
            }
            text += f" ({_sources_refs(version.sources)})"
        rows.append(
            [item.when, str(kinds.get(item.kind, item.kind)), text, _sources_refs(item.sources)]
        )
    story.append(
        table([_("When"), _("Kind"), _("Event"), _("Sources")], rows, [0.12, 0.1, 0.43, 0.35])
    )
    out = io.BytesIO()
    SimpleDocTemplate(
        out, pagesize=page, leftMargin=12 * mm, rightMargin=12 * mm, title=heading
    ).build(story)
    return out.getvalue()


def _sources(citations) -> str:
    from kuzbas.record.timeline import source_refs

    return _sources_refs(source_refs(citations))


def _sources_refs(refs) -> str:
    parts = []
    for ref in refs:
        if ref.is_illustrative:
            parts.append(_("illustrative") + (f": {ref.note}" if ref.note else ""))
        else:
            parts.append(ref.reference + (f", {ref.locator}" if ref.locator else ""))
    return "; ".join(parts) or _("no source cited")
