"""Elections may be cited from their pages and the API (`kuzbas.record.citable`)."""

from __future__ import annotations

from django.urls import reverse

from kuzbas.elections.access import election_for_user
from kuzbas.elections.models import Election
from kuzbas.record.citable import number, register_citable

register_citable(
    Election,
    fetch=lambda user, ident: election_for_user(user, number(ident)),
    identify=lambda election: str(election.pk),
    page=lambda election: reverse("elections:election", args=[election.pk]),
)
