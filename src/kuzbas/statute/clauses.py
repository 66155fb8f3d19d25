"""Every clause of a statute version by its rule id, such as "matter.technical" or "body.mass"."""

from __future__ import annotations

from kuzbas.statute.model import Statute


def citable_clauses(statute: Statute) -> dict[str, object]:
    """Return every clause that can be cited or entrenched, by its rule id."""
    found: dict[str, object] = {}
    for body in statute.bodies:
        found[body.rule] = body
        for seat in body.seats:
            found[seat.rule] = seat
    for group in (
        statute.matters,
        statute.procedures,
        statute.appeals,
        statute.transfers,
        statute.conditions,
    ):
        for item in group:
            found[item.rule] = item
    return found


def clauses(statute: Statute) -> dict[str, object]:
    """Return every clause of a version by its rule id, the entrenchments too."""
    found = citable_clauses(statute)
    for entrenched in statute.entrenched:
        found[entrenched.rule] = entrenched
    return found
