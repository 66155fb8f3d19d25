"""Template context every page needs: the areas, the colony's date, the user's rights."""

from __future__ import annotations

from django.http import HttpRequest

from kuzbas.core.clock import colony_today
from kuzbas.core.rights import Role, rights_of, roles_of
from kuzbas.web import demo_date
from kuzbas.web.areas import AREAS


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {
        "areas": AREAS,
        "colony_today": colony_today(),
        "user_rights": {r.value for r in rights_of(user)} if user else set(),
        "user_roles": [Role(r).label for r in sorted(roles_of(user))] if user else [],
        "date_control": {
            "first": demo_date.FIRST,
            "last": demo_date.LAST,
            "chosen": demo_date.chosen_day(request),
        }
        if demo_date.enabled()
        else None,
    }
