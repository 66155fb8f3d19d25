"""Vega-Lite specifications of the production plots, built with Altair on the server.

The browser renders them with the vendored vega-embed (static/production/charts.js); each
plot is shown next to a table of the same numbers. Illustrative points are drawn hollow and
named in the legend, so a reader never takes a generated figure for a documented one.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
from django.utils.translation import gettext as _

EVIDENCE_SCALE = {"domain": ["documented", "illustrative"], "range": ["circle", "diamond"]}


@dataclass(frozen=True)
class Point:
    month: str  # YYYY-MM-01
    series: str
    value: float | None
    illustrative: bool


def _base(points: list[Point], title: str, y_title: str) -> alt.Chart:
    data = alt.Data(
        values=[
            {
                "month": p.month,
                "series": p.series,
                "value": p.value,
                "evidence": _("illustrative") if p.illustrative else _("documented"),
            }
            for p in points
            if p.value is not None
        ]
    )
    return alt.Chart(data, title=title).encode(
        x=alt.X("month:T", title=_("month")),
        y=alt.Y("value:Q", title=y_title),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom")),
        tooltip=[
            alt.Tooltip("month:T", format="%Y-%m"),
            alt.Tooltip("series:N"),
            alt.Tooltip("value:Q", format=",.2f"),
            alt.Tooltip("evidence:N"),
        ],
    )


def line_chart(points: list[Point], *, title: str, y_title: str) -> dict:
    """A line per series over the months, hollow points where a value is illustrative."""
    base = _base(points, title, y_title)
    evidence = alt.Shape(
        "evidence:N",
        title=_("evidence"),
        scale=alt.Scale(domain=[_("documented"), _("illustrative")], range=EVIDENCE_SCALE["range"]),
        legend=alt.Legend(orient="bottom"),
    )
    chart = alt.layer(
        base.mark_line(),
        base.mark_point(filled=False, size=18).encode(shape=evidence),
    ).properties(width="container", height=220)
    return chart.to_dict(validate=False)


def decision_rule(spec: dict, *, day: str, label: str) -> dict:
    """Add a vertical rule marking a decision's date to a chart (for decision impact)."""
    rule = alt.Chart(alt.Data(values=[{"day": day, "label": label}])).mark_rule(strokeDash=[4, 4])
    layer = rule.encode(x="day:T", tooltip=["label:N"]).to_dict(validate=False)
    spec = dict(spec)
    spec["layer"] = [*spec.get("layer", []), {k: v for k, v in layer.items() if k != "$schema"}]
    return spec
