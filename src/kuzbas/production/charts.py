"""Vega-Lite specifications of the production plots, built with Altair on the server.

The browser renders them with the vendored vega-embed (static/production/charts.js); each
plot is shown next to a table of the same numbers. Illustrative points are drawn hollow and
named in the legend, so a reader never takes a generated figure for a documented one.

The same specs become SVG and PNG images for downloads and the monthly PDF through vl-convert,
which runs Vega in an embedded JavaScript engine: the first conversion in a process boots that
engine (about half a second), later ones take tens of milliseconds.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

EVIDENCE_SCALE = {"domain": ["documented", "illustrative"], "range": ["circle", "diamond"]}


@dataclass(frozen=True)
class Point:
    month: str  # YYYY-MM-01
    series: str
    value: float | None
    illustrative: bool


DATASET = "points"
# Ticks on month boundaries only, so "%Y-%m" never labels two ticks alike; labels that would
# overlap on a long series are dropped.
AXIS_MONTHS = {
    "format": "%Y-%m",
    "tickCount": {"interval": "month", "step": 1},
    "labelOverlap": True,
}


@lru_cache(maxsize=128)
def _skeleton(title: str, y_title: str, documented: str, illustrative: str) -> str:
    """Build the chart once per title and language; requests only swap in the data.

    Altair is imported here, not with the module: it takes a fifth of a second, and every
    server process would pay it at start (a restart in the middle of a meeting included).
    """
    import altair as alt

    base = alt.Chart(alt.Data(name=DATASET)).encode(
        # Year and month on the axis: an image or a printed page has no tooltip to ask.
        x=alt.X("month:T", title=_("month"), axis=alt.Axis(**AXIS_MONTHS)),
        y=alt.Y("value:Q", title=y_title),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom")),
        tooltip=[
            alt.Tooltip("month:T", format="%Y-%m"),
            alt.Tooltip("series:N"),
            alt.Tooltip("value:Q", format=",.2f"),
            alt.Tooltip("evidence:N"),
        ],
    )
    evidence = alt.Shape(
        "evidence:N",
        title=_("evidence"),
        scale=alt.Scale(domain=[documented, illustrative], range=EVIDENCE_SCALE["range"]),
        legend=alt.Legend(orient="bottom"),
    )
    chart = alt.layer(
        base.mark_line(),
        base.mark_point(filled=False, size=18).encode(shape=evidence),
    ).properties(width="container", height=220, title=title)
    return json.dumps(chart.to_dict(validate=False))


def line_chart(points: list[Point], *, title: str, y_title: str) -> dict:
    """A line per series over the months, hollow diamonds where a value is illustrative."""
    documented, illustrative = _("documented"), _("illustrative")
    spec = json.loads(_skeleton(str(title), str(y_title), documented, illustrative))
    spec["datasets"] = {
        DATASET: [
            {
                "month": p.month,
                "series": p.series,
                "value": p.value,
                "evidence": illustrative if p.illustrative else documented,
                "illustrative": p.illustrative,
            }
            for p in points
            if p.value is not None
        ]
    }
    return spec


def decision_rule(spec: dict, *, day: str, label: str) -> dict:
    """Add a dashed vertical rule at a decision's date to a line chart."""
    rule = {
        "data": {"values": [{"day": day, "label": label}]},
        "mark": {"type": "rule", "strokeDash": [4, 4], "color": "#a33"},
        "encoding": {
            "x": {"field": "day", "type": "temporal"},
            "tooltip": [{"field": "label", "type": "nominal"}],
        },
    }
    return {**spec, "layer": [*spec.get("layer", []), rule]}


STATIC_WIDTH = 640
# d3 locales for axis dates and numbers in the images; the browser uses its own.
LOCALES = {"ru": "ru-RU", "en": "en-US"}
MAX_SOURCES_NAMED = 3


def static_spec(spec: dict, *, sources: list[str] = (), width: int = STATIC_WIDTH) -> dict:
    """Return a chart's spec for a fixed-size image whose subtitle says what is illustrative.

    A downloaded image travels without the page's caption and table, so the marking has to be
    drawn into it: how many values are illustrative, and the sources of the documented ones.
    """
    out = copy.deepcopy(spec)
    out["width"] = width
    rows = out.get("datasets", {}).get(DATASET, [])
    generated = sum(1 for row in rows if row.get("illustrative"))
    if generated:
        lines = [
            ngettext(
                "Illustrative, not from a source: %(n)s of %(total)s values (hollow diamond).",
                "Illustrative, not from a source: %(n)s of %(total)s values (hollow diamonds).",
                generated,
            )
            % {"n": generated, "total": len(rows)}
        ]
    else:
        lines = [_("No illustrative values.")]
    if sources:
        # A line each: references are long, and one line would widen the image past the page.
        lines.append(_("Documented values from:"))
        lines += [f"– {ref}" for ref in sources[:MAX_SOURCES_NAMED]]
        more = len(sources) - MAX_SOURCES_NAMED
        if more > 0:
            lines.append(ngettext("and %(n)s more", "and %(n)s more", more) % {"n": more})
    title = out.get("title") or next(
        (layer.pop("title") for layer in out.get("layer", []) if "title" in layer), ""
    )
    text = title.get("text", "") if isinstance(title, dict) else title
    out["title"] = {
        "text": text,
        "subtitle": lines,
        "subtitleColor": "#6b5a1f",
        "anchor": "start",
        "subtitleFontSize": 11,
    }
    return out


def _locale() -> str:
    return LOCALES.get((get_language() or "en")[:2], "en-US")


@lru_cache(maxsize=64)
def _convert(spec_json: str, fmt: str, locale: str, scale: float) -> bytes:
    import vl_convert

    options = {
        # The specs hold their data inline; nothing may be fetched while rendering.
        "allowed_base_urls": [],
        "format_locale": locale,
        "time_format_locale": locale,
    }
    if fmt == "svg":
        return vl_convert.vegalite_to_svg(spec_json, **options).encode("utf-8")
    return vl_convert.vegalite_to_png(spec_json, scale=scale, **options)


def to_svg(spec: dict) -> bytes:
    """Render a Vega-Lite spec to SVG (UTF-8 bytes)."""
    return _convert(json.dumps(spec, sort_keys=True), "svg", _locale(), 1.0)


def to_png(spec: dict, *, scale: float = 2.0) -> bytes:
    """Render a Vega-Lite spec to PNG, at `scale` times its size for print."""
    return _convert(json.dumps(spec, sort_keys=True), "png", _locale(), scale)
