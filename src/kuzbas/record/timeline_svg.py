"""The timeline drawn as SVG on the server: periodizations as bands above, a date axis, and the
items in rows that do not overlap.

One drawing serves the page (inline, in a box that scrolls on a phone), the SVG and PNG
downloads, and the PDF. Plain SVG rather than a Vega-Lite chart: every item and band is a link
(to its record, or to zoom into a period), and the page works without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _

from kuzbas.core.dates import format_partial
from kuzbas.record.chronology import Timeline
from kuzbas.record.timeline import Item, Window

WIDTH = 1100  # the drawing's width; the page lets it scroll inside its box on a phone
MARGIN = 12
BAND = 30  # height of one track of a periodization
BAND_TITLE = 18
AXIS = 28
ROW = 22
CHAR = 6.3  # estimated width of a character at 11 px, to keep labels apart
LABEL_MAX = 34  # characters of a title drawn beside its mark (the list below has it whole)

COLOURS = {
    "founding": "#1f6f8b",
    "agreement": "#2a9d8f",
    "meeting": "#e9a03b",
    "decision": "#c0392b",
    "arrival": "#6c5ce7",
    "transfer": "#8e5b3a",
    "opening": "#218c4a",
    "publication": "#5b6770",
    "figure": "#0b7285",
    "liquidation": "#2d3436",
    "other": "#7f8c8d",
}
BAND_FILLS = ("#e8f1f8", "#fdf0e1", "#eaf6ec", "#f4e9f7", "#fbeaea")


@dataclass(frozen=True)
class Scale:
    window: Window

    @property
    def days(self) -> int:
        return max((self.window.end - self.window.start).days + 1, 1)

    def x(self, day: dt.date) -> float:
        offset = (day - self.window.start).days / self.days
        return MARGIN + min(max(offset, 0.0), 1.0) * WIDTH


def _clip(text: str, chars: int) -> str:
    if chars <= 1:
        return ""
    return text if len(text) <= chars else text[: max(chars - 1, 0)] + "…"


def _a(href: str, inner: str) -> str:
    return f"<a href={quoteattr(href)}>{inner}</a>" if href else inner


def _ticks(scale: Scale) -> list[tuple[dt.date, str, bool]]:
    """Year ticks, and month ticks when the window is three years or less."""
    start, end = scale.window.start, scale.window.end
    months = (end.year - start.year) * 12 + end.month - start.month
    ticks = []
    day = dt.date(start.year, start.month, 1)
    while day <= end:
        if day >= start and (day.month == 1 or months <= 36):
            ticks.append((day, f"{day:%Y}" if day.month == 1 else f"{day:%m}", day.month == 1))
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return ticks


def _bands(timeline: Timeline, scale: Scale, zoom) -> tuple[list[str], float]:
    out, y = [], 0.0
    for n, periodization in enumerate(timeline.periodizations):
        title = f"{periodization.author}, {periodization.work}"
        out.append(
            f'<g id="periodization-{escape(periodization.key)}" class="periodization">'
            f'<text x="{MARGIN}" y="{y + 13:.0f}" class="band-title">{escape(title)}</text>'
        )
        y += BAND_TITLE
        tracks: list[str] = []
        for period in periodization.periods.all():
            if period.track not in tracks:
                tracks.append(period.track)
        for t, track in enumerate(tracks):
            for period in periodization.periods.all():
                if period.track != track:
                    continue
                if period.end < scale.window.start or period.start > scale.window.end:
                    continue
                x0 = scale.x(period.start)
                x1 = scale.x(period.end + dt.timedelta(days=1))
                width = max(x1 - x0, 2)
                label = _clip(period.label, int((width - 8) / CHAR))
                tip = f"{period.name} ({period.when})"
                if period.wording:
                    tip += f" — “{period.wording}”"
                fill = BAND_FILLS[(n + t) % len(BAND_FILLS)]
                href = zoom(period.start, period.end)
                out.append(
                    _a(
                        href,
                        f'<g class="band" data-period="{period.order}">'
                        f"<title>{escape(tip)}</title>"
                        f'<rect x="{x0:.1f}" y="{y + 2:.0f}" width="{width:.1f}" '
                        f'height="{BAND - 4}" rx="3" fill="{fill}" stroke="#8a9aa5"/>'
                        f'<text x="{x0 + 4:.1f}" y="{y + BAND / 2 + 4:.0f}">{escape(label)}</text>'
                        "</g>",
                    )
                )
            y += BAND
        out.append("</g>")
    return out, y


def _mark(item: Item, scale: Scale, y: float) -> str:
    colour = COLOURS.get(item.kind, COLOURS["other"])
    x0 = scale.x(item.date)
    if item.precision == "day" and item.end is None:
        mark = f'<circle cx="{x0:.1f}" cy="{y:.0f}" r="5" fill="{colour}"/>'
    else:
        x1 = max(scale.x(item.last_day + dt.timedelta(days=1)), x0 + 4)
        mark = (
            f'<rect x="{x0:.1f}" y="{y - 4:.0f}" width="{x1 - x0:.1f}" height="8" rx="2" '
            f'fill="{colour}" fill-opacity="0.55" stroke="{colour}"/>'
        )
    for version in item.versions:
        xv = scale.x(version.date)
        mark += (
            f'<line x1="{x0:.1f}" y1="{y:.0f}" x2="{xv:.1f}" y2="{y:.0f}" stroke="{colour}" '
            'stroke-dasharray="3 2"/>'
            f'<path d="M{xv:.1f} {y - 6:.0f} l6 6 l-6 6 l-6 -6 z" fill="#fff" stroke="{colour}"/>'
        )
    return mark


STYLE = (
    ".band-title{font-weight:bold;font-size:12px}.year{font-weight:bold}"
    ".month{fill:#666;font-size:9px}"
)


def draw(timeline: Timeline, zoom, *, standalone: bool = False) -> str:
    """Return the timeline as an SVG document; `zoom(start, end)` gives a band's link.

    A standalone file carries its own style; the page's style sheet styles the inline drawing
    (the page's Content Security Policy allows no inline style). On the page the drawing is a
    labelled group, not an image: an image's content is presentational to assistive technology,
    and its links to the events would be interactive controls inside it (axe's
    nested-interactive). A file on its own is an image, as its viewers expect.
    """
    scale = Scale(timeline.window)
    parts, y = _bands(timeline, scale, zoom)
    axis_y = y + 6
    parts.append(
        f'<line x1="{MARGIN}" y1="{axis_y:.0f}" x2="{MARGIN + WIDTH}" y2="{axis_y:.0f}" '
        'stroke="#333"/>'
    )
    for day, label, major in _ticks(scale):
        x, tick = scale.x(day), axis_y + (8 if major else 4)
        parts.append(
            f'<line x1="{x:.1f}" y1="{axis_y:.0f}" x2="{x:.1f}" y2="{tick:.0f}" '
            'stroke="#333"/>'
            f'<text x="{x + 2:.1f}" y="{axis_y + 18:.0f}" class="{"year" if major else "month"}">'
            f"{label}</text>"
        )
    top = axis_y + AXIS
    ends: list[float] = []  # per row, where the last label ends
    for item in timeline.items:
        x0 = scale.x(item.date)
        marker = "≠ " if item.disputed else ""
        label = marker + _clip(item.title, LABEL_MAX)
        right = max(
            [scale.x(item.last_day)] + [scale.x(v.date) + 6 for v in item.versions] + [x0 + 8]
        )
        needed = right + len(label) * CHAR + 10
        left = min([x0] + [scale.x(v.date) - 6 for v in item.versions])
        row = next((r for r, end in enumerate(ends) if end < left - 4), None)
        if row is None:
            row, ends = len(ends), [*ends, 0.0]
        ends[row] = needed
        cy = top + row * ROW + 10
        tip = f"{item.when} — {item.title}"
        if item.sources:
            refs = "; ".join(s.reference or _("illustrative") for s in item.sources)
            tip += f" — {refs}"
        parts.append(
            _a(
                item.url,
                f'<g class="item" data-kind="{item.kind}" data-uid={quoteattr(item.uid)}>'
                f"<title>{escape(tip)}</title>{_mark(item, scale, cy)}"
                f'<text x="{right + 4:.1f}" y="{cy + 4:.0f}">{escape(label)}</text></g>',
            )
        )
    height = top + max(len(ends), 1) * ROW + 12
    width = MARGIN * 2 + WIDTH + 260  # room for the last labels
    title = _("Timeline, %(start)s to %(end)s") % {
        "start": format_partial(timeline.window.start, "month"),
        "end": format_partial(timeline.window.end, "month"),
    }
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:.0f}" '
        f'viewBox="0 0 {width} {height:.0f}" role="{"img" if standalone else "group"}" '
        'aria-labelledby="timeline-svg-title" '
        'font-family="DejaVu Sans, Arial, sans-serif" font-size="11">'
        f'<title id="timeline-svg-title">{escape(title)}</title>'
        f"{f'<style>{STYLE}</style>' if standalone else ''}"
        f'<rect width="100%" height="100%" fill="#fff"/>{"".join(parts)}</svg>'
    )
