"""Appeals: they go from bodies that exist to a higher one, and never round in a circle."""

from __future__ import annotations

from collections.abc import Iterator

from kuzbas.statute.errors import StatuteProblem
from kuzbas.statute.model import Statute
from kuzbas.statute.problems import problem, unresolved
from kuzbas.statute.reading import did_you_mean


def check_appeals(statute: Statute) -> Iterator[StatuteProblem]:
    """Yield appeals from or to bodies the statute does not define, or to themselves."""
    bodies = [b.id for b in statute.bodies]
    for appeal in statute.appeals:
        if not appeal.from_bodies and "from" in dict(appeal.at.keys):
            yield problem(
                appeal.at,
                "from",
                "appeal.from",
                f'appeal "{appeal.id}" names no body appealed from',
            )
        for origin in appeal.from_bodies:
            if statute.body(origin) is None:
                yield unresolved(appeal.at, "from", "body", origin, bodies)
            elif origin == appeal.to:
                yield problem(
                    appeal.at,
                    "to",
                    "appeal.cycle",
                    f"the {statute.name_of(origin)} cannot hear appeals against itself",
                )
        if appeal.to and statute.body(appeal.to) is None:
            yield unresolved(appeal.at, "to", "body", appeal.to, bodies)
        for matter_id in appeal.matters:
            if statute.matter(matter_id) is None:
                yield unresolved(
                    appeal.at, "matters", "matter", matter_id, [m.id for m in statute.matters]
                )
        if appeal.by not in ("members", "parties") and statute.body(appeal.by) is None:
            yield problem(
                appeal.at,
                "by",
                "ref.unresolved",
                f'by names "{appeal.by}"; write "members", "parties" or a body id'
                f"{did_you_mean(appeal.by, bodies)}",
            )


def check_appeal_cycles(statute: Statute) -> Iterator[StatuteProblem]:
    """Yield each circle of appeals once, at the appeal that closes it."""
    edges: dict[str, set[str]] = {}
    for appeal in statute.appeals:
        for origin in appeal.from_bodies:
            if origin != appeal.to:
                edges.setdefault(origin, set()).add(appeal.to)
    reported: set[frozenset[str]] = set()
    # Walk backwards so that a circle is reported once, at the appeal that closes it.
    for appeal in reversed(statute.appeals):
        for origin in appeal.from_bodies:
            route = _path(edges, appeal.to, origin)
            if route is not None and origin != appeal.to and frozenset(route) not in reported:
                reported.add(frozenset(route))
                circle = " → ".join(statute.name_of(b) for b in [origin, *route])
                yield problem(
                    appeal.at,
                    "to",
                    "appeal.cycle",
                    f"appeals go round in a circle ({circle}); an appeal must end at a body "
                    "whose decisions cannot be appealed further",
                )


def _path(edges: dict[str, set[str]], start: str, goal: str) -> list[str] | None:
    """Return the bodies on an appeal route from start to goal, or None when there is none."""
    stack: list[list[str]] = [[start]]
    seen: set[str] = set()
    while stack:
        route = stack.pop()
        if route[-1] == goal:
            return route
        if route[-1] in seen:
            continue
        seen.add(route[-1])
        stack.extend([*route, nxt] for nxt in sorted(edges.get(route[-1], ())))
    return None
