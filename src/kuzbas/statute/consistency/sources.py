"""Sources: where a statute requires them, every clause cites its source or says it is assumed."""

from __future__ import annotations

from collections.abc import Iterator

from kuzbas.statute.errors import StatuteProblem
from kuzbas.statute.location import Location
from kuzbas.statute.model import Statute


def check_sources(statute: Statute) -> Iterator[StatuteProblem]:
    """Yield every clause without a source or an assumption, when sources are required."""
    if not statute.require_sources:
        return
    items: list[tuple[str, str, str, Location]] = [
        (f"[statute] {statute.id}", statute.source, statute.assumption, statute.at)
    ]
    for body in statute.bodies:
        items.append((f'body "{body.id}"', body.source, body.assumption, body.at))
        items += [(f'seat "{s.path}"', s.source, s.assumption, s.at) for s in body.seats]
    for label, group in (
        ("matter", statute.matters),
        ("procedure", statute.procedures),
        ("appeal", statute.appeals),
        ("transfer", statute.transfers),
        ("condition", statute.conditions),
    ):
        items += [(f'{label} "{i.id}"', i.source, i.assumption, i.at) for i in group]
    items += [
        (f'entrenched "{e.clause}"', e.source, e.assumption, e.at) for e in statute.entrenched
    ]
    if statute.amendment is not None:
        a = statute.amendment
        items.append(("[amendment]", a.source, a.assumption, a.at))
    for label, source, assumption, at in items:
        if not source and not assumption:
            yield StatuteProblem(
                at.file,
                at.line,
                "source.missing",
                f'{label} has neither "source" nor "assumption"; this statute requires every '
                "clause to cite its source or say that it is an assumption",
            )
