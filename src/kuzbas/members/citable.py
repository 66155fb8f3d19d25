"""The registry's records that may be cited from pages and the API (`kuzbas.record.citable`)."""

from __future__ import annotations

from django.urls import reverse

from kuzbas.members import access
from kuzbas.members.models import Employment, Membership, Person
from kuzbas.record.citable import number, register_citable


def _person_page(person) -> str:
    return reverse("members:person", args=[person.key])


register_citable(
    Person,
    fetch=access.person_for_user,
    identify=lambda person: person.key,
    page=_person_page,
)
# A membership or an employment is cited from its person's page.
register_citable(
    Membership,
    fetch=lambda user, ident: access.membership_numbered(user, number(ident)),
    identify=lambda row: str(row.pk),
    page=lambda row: _person_page(row.person) + "#memberships",
)
register_citable(
    Employment,
    fetch=lambda user, ident: access.employment_numbered(user, number(ident)),
    identify=lambda row: str(row.pk),
    page=lambda row: _person_page(row.person) + "#employments",
)
