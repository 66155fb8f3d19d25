"""Roles that follow from the seats a person holds on a date, so rights follow the statute.

A seat on a board (the Managing Board, or the Organization Committee that acted as one) makes
its holder a board member; a seat filled by an outside authority's appointment makes its holder
that authority's representative. Nobody keeps these roles by hand: when the seat is left, the
role goes with it.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from kuzbas.core.intervals import covering
from kuzbas.core.rights import Role, RoleReason, register_role_explainer, register_role_source
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


@register_role_explainer
def seat_reasons(user, as_of: dt.date) -> list[RoleReason]:
    """The seats behind `seat_roles`, each with its days."""
    if getattr(user, "person_id", None) is None:
        return []
    held = SeatHolding.objects.filter(covering(as_of), person_id=user.person_id).select_related(
        "seat__body", "seat__appointed_by"
    )
    reasons = []
    for holding in held:
        seat = holding.seat
        text = _("the seat %(seat)s on the %(body)s") % {
            "seat": seat.name or seat.key,
            "body": seat.body,
        }
        span = (holding.valid_from, holding.valid_to)
        if seat.body.kind == BodyKind.BOARD:
            reasons.append(RoleReason(Role.BOARD_MEMBER, "seat", text, *span))
        if seat.appointed_by_id and seat.appointed_by.kind == BodyKind.OUTSIDE_AUTHORITY:
            reasons.append(RoleReason(Role.AUTHORITY_REP, "seat", text, *span))
    return reasons
