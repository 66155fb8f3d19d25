"""Fetch registry objects named by user input, checking the user may see them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kuzbas.core.errors import NotFound, NotPermitted
from kuzbas.core.rights import Right, require
from kuzbas.members import selectors
from kuzbas.members.models import Employment, Membership, Person, Site


def person_for_user(user, key: str) -> Person:
    """Return the person with this key, with their history, if `user` may see the registry."""
    require(user, Right.MEMBERS_VIEW)
    person_id = Person.objects.filter(key=key).values_list("pk", flat=True).first()
    if person_id is None:
        raise NotFound(_("There is no person “%(key)s” in the registry.") % {"key": key})
    return selectors.person_detail(person_id)


def membership_for_user(user, key: str, membership_id: int) -> Membership:
    """Return one of the person's memberships, if `user` may see the registry."""
    require(user, Right.MEMBERS_VIEW)
    membership = Membership.objects.filter(person__key=key, pk=membership_id).first()
    if membership is None:
        raise NotFound(
            _("“%(key)s” has no membership number %(id)s.") % {"key": key, "id": membership_id}
        )
    return membership


def employment_for_user(user, key: str, employment_id: int) -> Employment:
    """Return one of the person's employments, if `user` may see the registry."""
    require(user, Right.MEMBERS_VIEW)
    employment = Employment.objects.filter(person__key=key, pk=employment_id).first()
    if employment is None:
        raise NotFound(
            _("“%(key)s” has no employment number %(id)s.") % {"key": key, "id": employment_id}
        )
    return employment


def site_for_user(user, key: str) -> Site:
    require(user, Right.MEMBERS_VIEW)
    site = Site.objects.filter(key=key).first()
    if site is None:
        raise NotFound(_("There is no site “%(key)s”.") % {"key": key})
    return site


def person_named(key: str, *, field: str = "person") -> Person:
    """Return the person a form or request names by registry key; NotFound naming the field."""
    person = Person.objects.filter(key=key.strip()).first() if key else None
    if person is None:
        raise NotFound(
            _("There is no person “%(key)s” in the registry.") % {"key": key}, field=field
        )
    return person


def person_of(actor) -> Person:
    """Return the person the account belongs to; NotPermitted for an account linked to nobody."""
    person = Person.objects.filter(pk=getattr(actor, "person_id", None)).first()
    if person is None:
        raise NotPermitted(_("Only a person can do this; this account is not linked to one."))
    return person


def membership_numbered(user, number: int) -> Membership:
    """Return membership No. `number`, if `user` may see the registry."""
    require(user, Right.MEMBERS_VIEW)
    membership = Membership.objects.select_related("person").filter(pk=number).first()
    if membership is None:
        raise NotFound(_("There is no membership No. %(n)s.") % {"n": number})
    return membership


def employment_numbered(user, number: int) -> Employment:
    """Return employment No. `number`, if `user` may see the registry."""
    require(user, Right.MEMBERS_VIEW)
    employment = Employment.objects.select_related("person").filter(pk=number).first()
    if employment is None:
        raise NotFound(_("There is no employment No. %(n)s.") % {"n": number})
    return employment
