"""Appeal cycles are found exactly when a plain topological sort cannot order the bodies."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kuzbas.statute import check_statute
from kuzbas.statute.model import AppealRule, Body, BodyKind, Statute

NAMES = [f"b{i}" for i in range(6)]


def has_cycle(edges: list[tuple[str, str]]) -> bool:
    """Return whether the graph has a cycle, by Kahn's algorithm (an independent method)."""
    nodes = {n for edge in edges for n in edge}
    incoming = {n: sum(1 for _, to in edges if to == n) for n in nodes}
    ready = [n for n in nodes if incoming[n] == 0]
    removed = 0
    while ready:
        node = ready.pop()
        removed += 1
        for origin, to in edges:
            if origin == node:
                incoming[to] -= 1
                if incoming[to] == 0:
                    ready.append(to)
    return removed < len(nodes)


appeal_graphs = st.lists(
    st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMES)).filter(lambda e: e[0] != e[1]),
    unique=True,
    max_size=10,
)


def statute_with_appeals(edges: list[tuple[str, str]]) -> Statute:
    bodies = tuple(Body(n, f"Body {n}", BodyKind.OUTSIDE_AUTHORITY) for n in NAMES)
    appeals = tuple(
        AppealRule(f"a{i}", from_bodies=(origin,), to=to, within_days=7)
        for i, (origin, to) in enumerate(edges)
    )
    return Statute("s", "S", "1", dt.date(1930, 1, 1), bodies=bodies, appeals=appeals)


@settings(max_examples=400, deadline=None)
@given(edges=appeal_graphs)
def test_the_check_reports_an_appeal_cycle_exactly_when_there_is_one(edges):
    problems = check_statute(statute_with_appeals(edges))
    reported = any(p.rule == "appeal.cycle" for p in problems)
    assert reported == has_cycle(edges)


@settings(max_examples=200, deadline=None)
@given(edges=appeal_graphs)
def test_a_statute_with_resolvable_appeals_and_no_cycle_has_no_problems(edges):
    problems = check_statute(statute_with_appeals(edges))
    assert [p for p in problems if p.rule != "appeal.cycle"] == []
