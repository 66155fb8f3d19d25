"""The winding-up's final report as a PDF (reportlab, with the Cyrillic font of `core/pdf.py`);
before the run, what the report would hold."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _

from kuzbas.core.pdf import fonts


def _plan_lines(plan) -> list[str]:
    lines = [
        _("Last day: %(day)s.") % {"day": plan.last_day.isoformat()},
        _("Successor: %(s)s.") % {"s": plan.successor.name}
        if plan.successor
        else _("No successor."),
        _("Memberships: %(n)s.") % {"n": len(plan.memberships)},
        _("Employments: %(n)s.") % {"n": len(plan.employments)},
        _("Units: %(n)s; debts with them: %(d)s.") % {"n": len(plan.units), "d": plan.unit_debts},
        _("Other open debts and loans: %(n)s.") % {"n": len(plan.debts)},
        _("Open obligations: %(n)s.") % {"n": len(plan.obligations)},
        _("Bodies dissolved: %(n)s; seat holdings ended: %(h)s.")
        % {"n": len(plan.bodies), "h": len(plan.holdings)},
    ]
    lines += [p.message for p in plan.problems]
    return lines


def render(*, current=None, steps=(), plan=None, found=None) -> bytes:
    """Return the report as a PDF."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    regular, bold = fonts()
    sheet = getSampleStyleSheet()
    title = ParagraphStyle("wu-title", parent=sheet["Title"], fontName=bold)
    head = ParagraphStyle("wu-head", parent=sheet["Heading2"], fontName=bold)
    body = ParagraphStyle("wu-body", parent=sheet["BodyText"], fontName=regular)

    def p(text: str, style=body) -> Paragraph:
        return Paragraph(escape(str(text)), style)

    story = [p(_("Winding-up: the final report"), title)]
    if steps:
        story.append(p(current.title, head))
        story += [p(line) for line in current.final_report.splitlines()]
        story.append(Spacer(1, 4 * mm))
        story.append(p(_("Steps in the register"), head))
        for step in steps:
            entry = (
                _("register entry No. %(n)s") % {"n": step.decision.sequence}
                if step.decision
                else ""
            )
            story.append(p(f"{step.order}. {step.get_kind_display()} — {entry}"))
            story.append(p(step.result.get("summary", "")))
    else:
        story.append(p(_("The winding-up has not been run: this is what the report would hold.")))
        story += [p(line) for line in _plan_lines(plan)]
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=16 * mm, rightMargin=16 * mm, title="Kuzbas"
    ).build(story)
    return buffer.getvalue()
