"""Where members' roles come from: roles granted by hand, and membership itself.

Registered with `kuzbas.core.rights` when Django starts (`MembersConfig.ready`).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from kuzbas.core.intervals import covering
from kuzbas.core.rights import Role, RoleReason, register_role_explainer, register_role_source
from kuzbas.members.models import Membership, MembershipStatus, RoleGrant


@register_role_source
def granted_roles(user, as_of: dt.date) -> set[str]:
    """Roles given to the account by hand, valid on the date."""
    grants = RoleGrant.objects.filter(covering(as_of, open_start=True), user=user)
    return set(grants.values_list("role", flat=True))


@register_role_source
def membership_roles(user, as_of: dt.date) -> set[str]:
    """A member in good standing on the date is a colonist."""
    if user.person_id is None:
        return set()
    is_member = Membership.objects.filter(
        covering(as_of), person_id=user.person_id, status=MembershipStatus.MEMBER
    ).exists()
    return {Role.COLONIST} if is_member else set()


@register_role_explainer
def granted_reasons(user, as_of: dt.date) -> list[RoleReason]:
    """The roles given by hand, each with its grant's note and days."""
    grants = RoleGrant.objects.filter(covering(as_of, open_start=True), user=user)
    return [
        RoleReason(
            g.role,
            "grant",
            _("given by hand: %(note)s") % {"note": g.note} if g.note else _("given by hand"),
            g.valid_from,
            g.valid_to,
        )
        for g in grants
    ]


@register_role_explainer
def membership_reasons(user, as_of: dt.date) -> list[RoleReason]:
    """Colonist, for the membership in good standing that covers the date."""
    if user.person_id is None:
        return []
    spans = Membership.objects.filter(
        covering(as_of), person_id=user.person_id, status=MembershipStatus.MEMBER
    )
    return [
        RoleReason(
            Role.COLONIST,
            "membership",
            _("member (%(category)s)") % {"category": m.get_category_display()},
            m.valid_from,
            m.valid_to,
        )
        for m in spans
    ]
