"""Who records that a condition of the statute is met, and whether a body may."""

from __future__ import annotations

from kuzbas.statute.errors import Refusal
from kuzbas.statute.model import Condition, Statute


def _body_of(statute: Statute, holder: str) -> str:
    """Return the body a holder sits in: the body itself, or a seat's body."""
    seat = statute.seat(holder)
    return seat.body if seat is not None else holder


def recorder(statute: Statute, condition: Condition) -> str | None:
    """Return the body whose decision records the condition as met, or None when none can.

    The condition's `met_by`; where the statute names none, the one body that holds meanwhile
    the votes waiting on it (the receiver of every transfer that ends with it), since it is the
    body whose provisional power the condition ends.
    """
    if condition.met_by:
        return condition.met_by
    receivers = {
        _body_of(statute, t.to) for t in statute.transfers if t.until_condition == condition.id
    }
    return receivers.pop() if len(receivers) == 1 else None


def may_record_met(statute: Statute, *, condition: str, body: str) -> Condition | Refusal:
    """Return the condition a body may record as met, or why it may not."""
    found = statute.condition(condition)
    if found is None:
        known = ", ".join(c.id for c in statute.conditions) or "none"
        return Refusal(
            "condition.unknown",
            f'version {statute.version} of the statute knows no condition "{condition}" '
            f"(it knows: {known})",
        )
    who = recorder(statute, found)
    if who is None:
        return Refusal(found.rule, "the statute names no body that records this condition as met")
    if who != body:
        return Refusal(
            found.rule,
            f"the {statute.name_of(who)} records that {found.description}, "
            f"not the {statute.name_of(body)}",
        )
    return found
