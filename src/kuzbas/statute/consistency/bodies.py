"""Bodies and their seats: who sits where, what a joint sitting joins, how each seat is filled."""

from __future__ import annotations

from collections.abc import Iterator

from kuzbas.statute.bodies import BodyKind, FilledBy, Seat
from kuzbas.statute.errors import StatuteProblem
from kuzbas.statute.model import MatterKind, Statute
from kuzbas.statute.problems import problem, unresolved

SEATED = {BodyKind.BOARD, BodyKind.COMMITTEE, BodyKind.BUREAU, BodyKind.OFFICE}


def check_bodies(statute: Statute) -> Iterator[StatuteProblem]:
    """Yield bodies whose kind, seats, joined bodies or procedure do not fit together."""
    known = [b.id for b in statute.bodies]
    for body in statute.bodies:
        if body.kind in (BodyKind.GENERAL_MEETING, BodyKind.OUTSIDE_AUTHORITY) and body.seats:
            yield problem(
                body.at,
                "kind",
                "body.seats",
                f"the {body.name} is a {body.kind.value.replace('_', ' ')} and cannot have seats",
            )
        if body.electorate and body.kind is not BodyKind.GENERAL_MEETING:
            yield problem(
                body.at,
                "electorate",
                "body.electorate",
                f"only a general meeting names its electorate by category of membership; the "
                f"{body.name} is a {body.kind.value.replace('_', ' ')}, whose votes follow its "
                "seats",
            )
        if body.kind in SEATED and not body.seats:
            yield problem(
                body.at,
                "id",
                "body.seats",
                f"the {body.name} has no seats, so nobody can sit on it; add a [[body.seat]]",
            )
        if body.kind is BodyKind.OFFICE and sum(s.count or 1 for s in body.seats) > 1:
            yield problem(
                body.at, "kind", "body.seats", f"the {body.name} is an office and has one seat only"
            )
        if body.kind is BodyKind.JOINT and not body.joins:
            yield problem(
                body.at,
                "kind",
                "body.joins",
                f'the {body.name} is a joint sitting but "joins" names no bodies',
            )
        if body.joins and body.kind is not BodyKind.JOINT:
            yield problem(
                body.at,
                "joins",
                "body.joins",
                f'only a body of kind "joint" can join others; the {body.name} is a '
                f"{body.kind.value}",
            )
        for joined in body.joins:
            other = statute.body(joined)
            if other is None:
                yield unresolved(body.at, "joins", "body", joined, known)
            elif other.kind not in SEATED:
                yield problem(
                    body.at,
                    "joins",
                    "body.joins",
                    f"a joint sitting joins boards and committees; the {other.name} is a "
                    f"{other.kind.value}",
                )
        if body.procedure and statute.procedure(body.procedure) is None:
            yield unresolved(
                body.at,
                "procedure",
                "procedure",
                body.procedure,
                [p.id for p in statute.procedures],
            )


def check_seats(statute: Statute) -> Iterator[StatuteProblem]:
    """Yield seats that name no way, or no existing way, of being filled."""
    for body in statute.bodies:
        for seat in body.seats:
            yield from _seat_fill(statute, seat)


def _seat_fill(statute: Statute, seat: Seat) -> Iterator[StatuteProblem]:
    rule = "seat.fill"
    path, at, filled_by = seat.path, seat.at, seat.filled_by
    matter_id, appointed_by, office = seat.matter, seat.appointed_by, seat.office
    if filled_by is FilledBy.ELECTION:
        if not matter_id:
            yield problem(
                at,
                "filled_by",
                rule,
                f"seat {path} is filled by election but names no election: "
                'add matter = "<id of a matter of kind election>"',
            )
            return
        matter = statute.matter(matter_id)
        if matter is None:
            yield unresolved(at, "matter", "matter", matter_id, [m.id for m in statute.matters])
        elif matter.kind is not MatterKind.ELECTION:
            yield problem(
                at,
                "matter",
                rule,
                f'seat {path} is elected in matter "{matter_id}", which is not of kind "election"',
            )
    elif filled_by is FilledBy.APPOINTMENT:
        if not appointed_by:
            yield problem(
                at,
                "filled_by",
                rule,
                f"seat {path} is filled by appointment but names nobody who appoints: "
                'add appointed_by = "<body id>"',
            )
        elif statute.body(appointed_by) is None:
            yield unresolved(
                at, "appointed_by", "body", appointed_by, [b.id for b in statute.bodies]
            )
    elif not office:
        yield problem(
            at,
            "filled_by",
            rule,
            f'seat {path} is held ex officio but names no office: add office = "<the office>"',
        )
