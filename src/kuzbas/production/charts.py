"""Vega-Lite specifications of the production plots, built with Altair on the server.

The browser renders them with the vendored vega-embed (static/production/charts.js); each
plot is shown next to a table of the same numbers. Illustrative points are drawn hollow and
named in the legend, so a reader never takes a generated figure for a documented one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache

import altair as alt
from django.utils.translation import gettext as _

EVIDENCE_SCALE = {"domain": ["documented", "illustrative"], "range": ["circle", "diamond"]}


@dataclass(frozen=True)
class Point:
    month: str  # YYYY-MM-01
    series: str
    value: float | None
    illustrative: bool


DATASET = "points"


@lru_cache(maxsize=128)
def _skeleton(title: str, y_title: str, documented: str, illustrative: str) -> str:
    """Build the chart once per title and language; requests only swap in the data."""
    base = alt.Chart(alt.Data(name=DATASET), title=title).encode(
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
    evidence = alt.Shape(
        "evidence:N",
        title=_("evidence"),
        scale=alt.Scale(domain=[documented, illustrative], range=EVIDENCE_SCALE["range"]),
        legend=alt.Legend(orient="bottom"),
    )
    chart = alt.layer(
        base.mark_line(),
        base.mark_point(filled=False, size=18).encode(shape=evidence),
    ).properties(width="container", height=220)
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
