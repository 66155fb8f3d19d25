"""Fetch registry objects named by user input, checking the user may see them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kuzbas.errors import NotFound
from kuzbas.members import selectors
from kuzbas.members.models import Person, Site
from kuzbas.members.permissions import Right, require


def person_for_user(user, key: str) -> Person:
    """Return the person with this key, with their history, if `user` may see the registry."""
    require(user, Right.MEMBERS_VIEW)
    person_id = Person.objects.filter(key=key).values_list("pk", flat=True).first()
    if person_id is None:
        raise NotFound(_("There is no person “%(key)s” in the registry.") % {"key": key})
    return selectors.person_detail(person_id)


def site_for_user(user, key: str) -> Site:
    require(user, Right.MEMBERS_VIEW)
    site = Site.objects.filter(key=key).first()
    if site is None:
        raise NotFound(_("There is no site “%(key)s”.") % {"key": key})
    return site
