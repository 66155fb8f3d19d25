"""The minutes as a PDF: the same record as the page, in the reader's language, ready to sign.

Every style prints Cyrillic (DejaVu, see `kuzbas.core.pdf`); the engine's arithmetic is put
into the active language like the page's (`kuzbas.governance.words`); the last lines leave room
for the chair's and the secretary's signatures. The copy is dated by the enterprise's calendar
(`colony_today`): the demo's colony prints its minutes in 1922, not on the day the visitor reads.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuzbas.core import formats
from kuzbas.core.clock import colony_today
from kuzbas.core.pdf import fonts, mono_font
from kuzbas.governance.words import say
from kuzbas.meetings.minutes import Minutes


def write(minutes: Minutes) -> bytes:
    """Return the minutes as a PDF document."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Preformatted, SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as Grid

    styles = getSampleStyleSheet()
    regular, bold = fonts()
    for style in styles.byName.values():  # every style, so that no line falls back to Latin-1
        name = getattr(style, "fontName", "")
        if name.startswith("Courier"):
            style.fontName = mono_font()
        elif name:
            style.fontName = bold if "Bold" in name else regular
    text = styles["BodyText"]

    def para(words: str, style=text) -> Paragraph:
        return Paragraph(escape(words), style)

    def pre(words: str) -> Preformatted:
        return Preformatted(words, styles["Code"], maxLineLength=95)

    meeting = minutes.meeting
    title = f"{_('Minutes')}: {meeting.title}"
    heading = [str(meeting.body), meeting.convened_label]
    if meeting.place:
        heading.append(meeting.place)
    if minutes.chair:
        heading.append(f"{_('chair')} {minutes.chair}")
    present = ngettext("%(n)s checked in", "%(n)s checked in", len(minutes.present)) % {
        "n": len(minutes.present)
    }
    if minutes.present:
        present += ": " + ", ".join(minutes.present)
    story = [
        para(title, styles["Title"]),
        para(" · ".join(heading)),
        Spacer(1, 4 * mm),
        para(_("Attendance"), styles["Heading2"]),
        para(present),
        para(f"{_capfirst(say(minutes.quorum.text))} ({minutes.quorum.rule})"),
        para(_("Agenda, votes and decisions"), styles["Heading2"]),
    ]
    for record in minutes.items:
        item = record.item
        block = [
            para(f"{item.position}. {item.title} ({item.get_kind_display()})", styles["Heading3"])
        ]
        if item.text:
            block.append(para(item.text))
        for section in record.sections:
            block += [para(f"{section.label}: {section.outcome} {section.verb}"), pre(section.text)]
        for entry in record.motions:
            motion = entry.motion
            label = ""
            if entry.amends:
                label = _("Amendment to motion No. %(n)s") % {"n": entry.amends} + ": "
            block.append(
                para(
                    f"{label}{_('Motion')} {motion.number}: {motion.title} — "
                    f"{motion.get_status_display()}"
                )
            )
            if entry.decision is not None:
                d = entry.decision
                block += [
                    para(
                        f"{_('Register entry')} {d.sequence}: {d.get_outcome_display()}, "
                        f"{formats.day(d.decided_on)} · {d.entry_hash}"
                    ),
                    pre(say(d.arithmetic)),
                ]
        story.append(KeepTogether(block[:2]))  # a heading never ends a page alone
        story += block[2:]
    if minutes.appeals:
        story.append(para(_("Appeals"), styles["Heading2"]))
        for appeal in minutes.appeals:
            against = _("Against register entry %(n)s, to %(to)s") % {
                "n": appeal.decision.sequence,
                "to": appeal.to_body,
            }
            story.append(para(f"{against}: {_('Motion')} {appeal.motion.number}"))
    written = _("Written from the decision register at entry %(n)s; head hash") % {
        "n": minutes.head_sequence
    }
    story += [Spacer(1, 6 * mm), para(f"{written} {minutes.head_hash}.", styles["Italic"])]
    if minutes.head_witness:
        story += [
            para(
                _("Signed head, for outside witnesses (kuzbas verify --witness):"), styles["Italic"]
            ),
            pre(minutes.head_witness),
        ]
    line = "_" * 28
    signatures = Grid(
        [[_("Chair"), line, _("Secretary"), line], ["", _("signature"), "", _("signature")]],
        colWidths=[28 * mm, 58 * mm, 28 * mm, 58 * mm],
        style=[("FONT", (0, 0), (-1, -1), regular, 9), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")],
    )
    printed = _("This copy printed on %(day)s.") % {"day": formats.day(colony_today())}
    story += [Spacer(1, 10 * mm), KeepTogether([signatures, Spacer(1, 3 * mm), para(printed)])]

    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=title, leftMargin=18 * mm, rightMargin=18 * mm).build(
        story
    )
    return out.getvalue()


def _capfirst(words: str) -> str:
    return words[:1].upper() + words[1:]
