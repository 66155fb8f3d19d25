"""An applicant's contribution receipt as a PDF: what was owed and paid in cash, instalment by
instalment, and what was brought in kind with its appraisal, each sum in its own currency.

Every style prints Cyrillic (DejaVu, `kuzbas.core.pdf`). A receipt for an illustrative
application (the demo's) says so at its head, as the pages do.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from kuzbas.core.clock import colony_today
from kuzbas.core.pdf import fonts
from kuzbas.recruitment.contributions import account
from kuzbas.recruitment.models import Application
from kuzbas.recruitment.models.contributions import ContributionKind


def _amount(value) -> str:
    return f"{value.amount:,.2f} {value.currency.code}" if value is not None else "—"


def write(application: Application) -> bytes:
    """Return the applicant's contribution receipt as a PDF document."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    regular, bold = fonts()
    for style in styles.byName.values():
        if getattr(style, "fontName", ""):
            style.fontName = bold if "Bold" in style.fontName else regular
    text = styles["BodyText"]

    def para(words: str, style=text) -> Paragraph:
        return Paragraph(escape(words), style)

    def grid(rows: list[list[str]]) -> Table:
        table = Table(rows, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), regular, 9),
                    ("FONT", (0, 0), (-1, 0), bold, 9),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return table

    call = application.call
    story = [
        para(_("Contribution receipt"), styles["Title"]),
        para(f"{call.bureau.title} · {call.heading}"),
        para(f"{application.name} · {_('reference')} {application.reference}"),
    ]
    if application.citations.filter(status="illustrative").exists():
        story.append(
            para(_("Illustrative: this application is not documented; the demo made it up."))
        )
    story.append(Spacer(1, 4 * mm))
    contributions = list(application.contributions.prefetch_related("instalments"))
    cash = [c for c in contributions if c.kind == ContributionKind.CASH]
    goods = [c for c in contributions if c.kind == ContributionKind.IN_KIND]
    if cash:
        story.append(para(_("In cash"), styles["Heading2"]))
        rows = [[_("Owed"), _("Instalment"), _("Due"), _("Paid on")]]
        for c in cash:
            for n, part in enumerate(c.instalments.all()):
                rows.append(
                    [
                        _amount(c.amount) if n == 0 else "",
                        _amount(part.amount),
                        part.due.isoformat(),
                        part.paid_on.isoformat() if part.paid_on else _("not yet paid"),
                    ]
                )
        story.append(grid(rows))
    if goods:
        story.append(para(_("In kind"), styles["Heading2"]))
        rows = [[_("What"), _("Quantity"), _("Appraised value"), _("Appraised on, by")]]
        for c in goods:
            quantity = f"{c.quantity.normalize()} {c.unit}".strip() if c.quantity else c.unit
            who = str(c.appraised_by) if c.appraised_by else c.appraised_by_name
            rows.append(
                [
                    c.description,
                    quantity,
                    _amount(c.appraised_value),
                    f"{c.appraised_on.isoformat()}, {who}",
                ]
            )
        story.append(grid(rows))
    totals = account(application)
    story += [Spacer(1, 4 * mm), para(_("Totals, each in its currency"), styles["Heading2"])]
    rows = [[_("Currency"), _("Owed"), _("Paid"), _("Still owed"), _("In kind")]]
    for code in totals.currencies:
        rows.append(
            [
                code,
                _amount(totals.owed.get(code)),
                _amount(totals.paid.get(code)),
                _amount(totals.outstanding.get(code)),
                _amount(totals.in_kind.get(code)),
            ]
        )
    story.append(grid(rows))
    story += [
        Spacer(1, 8 * mm),
        para(_("Issued on %(day)s.") % {"day": colony_today().isoformat()}),
        Spacer(1, 10 * mm),
        para(_("For the bureau: ____________________")),
    ]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=_("Contribution receipt")).build(story)
    return out.getvalue()
