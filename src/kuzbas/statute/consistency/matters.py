"""Matters: each has one competent body, the bodies asked to concur exist, a procedure says how."""

from __future__ import annotations

from collections.abc import Iterator

from kuzbas.statute.bodies import Body, BodyKind
from kuzbas.statute.consistency.bodies import SEATED
from kuzbas.statute.errors import StatuteProblem
from kuzbas.statute.model import Statute
from kuzbas.statute.problems import problem, unresolved

DECIDES_WITHOUT_PROCEDURE = {BodyKind.OUTSIDE_AUTHORITY, BodyKind.OFFICE}


def check_matters(statute: Statute) -> Iterator[StatuteProblem]:
    """Yield matters with no competent body, an unknown concurring body or no procedure."""
    bodies = [b.id for b in statute.bodies]
    for matter in statute.matters:
        if not matter.competent:
            if "competent" not in dict(matter.at.keys):
                yield problem(
                    matter.at,
                    "",
                    "matter.competent",
                    f'matter "{matter.id}" has no competent body: add competent = "<body id>"',
                )
            continue
        body = statute.body(matter.competent)
        if body is None:
            yield unresolved(matter.at, "competent", "body", matter.competent, bodies)
            continue
        for other in matter.concurrence:
            if statute.body(other) is None:
                yield unresolved(matter.at, "concurrence", "body", other, bodies)
            elif other == matter.competent:
                yield problem(
                    matter.at,
                    "concurrence",
                    "matter.concurrence",
                    f"the {body.name} is competent for {matter.id}; "
                    "it cannot also be asked to concur",
                )
        if matter.procedure and statute.procedure(matter.procedure) is None:
            yield unresolved(
                matter.at,
                "procedure",
                "procedure",
                matter.procedure,
                [p.id for p in statute.procedures],
            )
        elif (
            not _decides_alone(body)
            and statute.procedure_for(matter) is None
            and not (body.procedure and statute.procedure(body.procedure) is None)
        ):
            yield problem(
                matter.at,
                "competent",
                "matter.procedure",
                f'the {body.name} decides "{matter.id}" but no procedure says how: '
                f'add procedure = "<id>" here or to the body',
            )


def _decides_alone(body: Body) -> bool:
    """Return whether a body decides without a vote: an authority, or a body of one seat."""
    one_seat = [s.count for s in body.seats] == [1]
    return body.kind in DECIDES_WITHOUT_PROCEDURE or (body.kind in SEATED and one_seat)
