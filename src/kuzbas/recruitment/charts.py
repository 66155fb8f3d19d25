"""The retention chart: a Vega-Lite bar chart built with Altair, shown beside its table.

The browser renders it with the vendored vega-embed (production's charts.js), as the
production plots are. Illustrative rows are named in the table beside it.
"""

from __future__ import annotations

import json
from functools import lru_cache

from django.utils.translation import gettext as _

from kuzbas.recruitment.figures import Funnel, retention_points

DATASET = "retention"


@lru_cache(maxsize=32)
def _skeleton(title: str, series_title: str, months: str, share: str) -> str:
    # Imported here: Altair takes a fifth of a second to import (production/charts.py).
    import altair as alt

    chart = (
        alt.Chart(alt.Data(name=DATASET))
        # The bars are drawn for the eye; the table beside them is what a screen reader reads.
        .mark_bar(aria=False)
        .encode(
            x=alt.X("months:O", title=months),
            xOffset=alt.XOffset("series:N"),
            y=alt.Y("share:Q", title=share, scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("series:N", title=series_title, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("series:N", title=series_title),
                alt.Tooltip("months:O", title=months),
                alt.Tooltip("share:Q", title=share),
                alt.Tooltip("still:Q"),
                alt.Tooltip("of:Q"),
            ],
        )
        .properties(width="container", height=220, title=title)
    )
    return json.dumps(chart.to_dict(validate=False))


def retention_chart(rows: list[Funnel], *, title: str, series_title: str) -> dict:
    """Return the Vega-Lite spec of retention after 6, 12 and 24 months, a bar per row."""
    spec = json.loads(
        _skeleton(
            str(title),
            str(series_title),
            _("months after arrival"),
            _("still members, per cent"),
        )
    )
    spec["datasets"] = {
        DATASET: [
            {**{k: v for k, v in p.items() if k != "series_"}, "series": p["series_"]}
            for p in retention_points(rows, "series_")
        ]
    }
    return spec
