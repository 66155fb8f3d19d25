"""Roles that follow from the seats a person holds on a date, so rights follow the statute.

A seat on a board (the Managing Board, or the Organization Committee that acted as one) makes
its holder a board member; a seat filled by an outside authority's appointment makes its holder
that authority's representative. Nobody keeps these roles by hand: when the seat is left, the
role goes with it.
"""

from __future__ import annotations

import datetime as dt

from kuzbas.core.intervals import covering
from kuzbas.core.rights import Role, register_role_source
from kuzbas.governance.models import BodyKind, SeatHolding


@register_role_source
def seat_roles(user, as_of: dt.date) -> set[str]:
    """Board member for a seat on a board, authority representative for an appointed seat."""
    if getattr(user, "person_id", None) is None:
        return set()
    held = SeatHolding.objects.filter(covering(as_of), person_id=user.person_id).values_list(
        "seat__body__kind", "seat__appointed_by__kind"
    )
    roles: set[str] = set()
    for body_kind, appointer_kind in held:
        if body_kind == BodyKind.BOARD:
            roles.add(Role.BOARD_MEMBER)
        if appointer_kind == BodyKind.OUTSIDE_AUTHORITY:
            roles.add(Role.AUTHORITY_REP)
    return roles
