"""Elections named by user input, fetched only for those who may see them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kuzbas.core.errors import NotFound
from kuzbas.core.rights import Right, require
from kuzbas.elections.models import Election


def election_for_user(user, pk: int) -> Election:
    """Return the election if the user may read governance; NotFound if there is none."""
    require(user, Right.GOVERNANCE_VIEW)
    election = (
        Election.objects.select_related(
            "seat__body", "electing_body", "statute_version", "motion__decision", "result"
        )
        .filter(pk=pk)
        .first()
    )
    if election is None:
        raise NotFound(_("There is no election No. %(n)s.") % {"n": pk})
    return election
