"""Every id is defined once among its kind: no two bodies, or two seats of a body, share one."""

from __future__ import annotations

from collections.abc import Iterator

from kuzbas.statute.errors import StatuteProblem
from kuzbas.statute.location import Location
from kuzbas.statute.model import Statute
from kuzbas.statute.problems import problem


def check_duplicates(statute: Statute) -> Iterator[StatuteProblem]:
    """Yield an id defined twice among bodies, matters, procedures or any other kind."""
    groups = {
        "body": [(b.id, b.at) for b in statute.bodies],
        "matter": [(m.id, m.at) for m in statute.matters],
        "procedure": [(p.id, p.at) for p in statute.procedures],
        "appeal": [(a.id, a.at) for a in statute.appeals],
        "transfer": [(t.id, t.at) for t in statute.transfers],
        "condition": [(c.id, c.at) for c in statute.conditions],
        "entrenched clause": [(e.clause, e.at) for e in statute.entrenched],
    }
    for body in statute.bodies:
        groups[f"seat of {body.id}"] = [(s.id, s.at) for s in body.seats]
    for kind, items in groups.items():
        seen: dict[str, Location] = {}
        for item_id, at in items:
            if item_id and item_id in seen:
                first = seen[item_id]
                yield problem(
                    at,
                    "id",
                    "id.duplicate",
                    f'{kind} "{item_id}" is defined twice (first at line {first.line})',
                )
            seen.setdefault(item_id, at)
