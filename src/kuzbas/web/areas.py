"""The areas of the colony, as the navigation shows them.

An area whose issue has not landed yet points at a page that says what is coming, so the
navigation has no dead links.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Area:
    key: str
    title: Promise
    url_name: str
    summary: Promise
    ready: bool = True


AREAS = (
    Area("members", _("Members"), "members:list", _("People, membership and headcount.")),
    Area(
        "governance",
        _("Governance"),
        "governance:statute",
        _("The statute, who decides what, motions, votes and the decision register."),
    ),
    Area(
        "meetings",
        _("Meetings"),
        "meetings:list",
        _("General meetings, agenda, check-in, live votes from phones, and minutes."),
    ),
    Area(
        "production",
        _("Production"),
        "production:dashboard",
        _("Mines and plants, output, plans and the statistics that show whether the colony works."),
    ),
    Area(
        "recruitment",
        _("Recruitment"),
        "recruitment:home",
        _("Bureaus abroad, applications and dispatch groups."),
    ),
    Area(
        "contracts",
        _("Contracts"),
        "contracts:list",
        _("Contracts with the state, obligations and transfers."),
    ),
    Area("record", _("Record"), "record:sources", _("Sources behind every fact.")),
)

AREAS_BY_KEY = {area.key: area for area in AREAS}
