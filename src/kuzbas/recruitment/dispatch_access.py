"""Dispatch groups, the admitted and their contributions, named by user input, fetched only for
those who may see them.

A group is public to readers (its number, port, dates, route and how many it carries); its
manifest names people, so it is read with the right to read applications, as an application is.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kuzbas.core.errors import NotFound
from kuzbas.core.rights import Right, require
from kuzbas.recruitment.models import (
    Application,
    Bureau,
    Contribution,
    DispatchGroup,
    Instalment,
    OnboardingItem,
)


def groups_for_user(user):
    """Return the dispatch groups the user may read (every group, for readers)."""
    require(user, Right.RECRUITMENT_VIEW)
    return DispatchGroup.objects.select_related("bureau")


def group_for_user(user, pk: int) -> DispatchGroup:
    """Return the group if the user may read groups; NotFound if there is none."""
    group = groups_for_user(user).filter(pk=pk).first()
    if group is None:
        raise NotFound(_("There is no dispatch group No. %(n)s.") % {"n": pk})
    return group


def admitted_for_user(user, pk: int) -> Application:
    """Return an application (to join a group, pay, arrive) for those who read applications."""
    require(user, Right.RECRUITMENT_APPLICATIONS)
    application = (
        Application.objects.select_related("call__bureau", "dispatch_group", "person")
        .filter(pk=pk)
        .first()
    )
    if application is None:
        raise NotFound(_("There is no application No. %(n)s.") % {"n": pk})
    return application


def instalment_for_user(user, pk: int) -> Instalment:
    """Return an instalment for those who read applications; NotFound if there is none."""
    require(user, Right.RECRUITMENT_APPLICATIONS)
    instalment = (
        Instalment.objects.select_related("contribution__application").filter(pk=pk).first()
    )
    if instalment is None:
        raise NotFound(_("There is no instalment No. %(n)s.") % {"n": pk})
    return instalment


def contribution_for_user(user, pk: int) -> Contribution:
    """Return a contribution for those who read applications; NotFound if there is none."""
    require(user, Right.RECRUITMENT_APPLICATIONS)
    contribution = Contribution.objects.select_related("application").filter(pk=pk).first()
    if contribution is None:
        raise NotFound(_("There is no contribution No. %(n)s.") % {"n": pk})
    return contribution


def onboarding_item_for_user(user, key: str) -> OnboardingItem:
    """Return an onboarding step (the checklist is public to readers); NotFound if none."""
    require(user, Right.RECRUITMENT_VIEW)
    item = OnboardingItem.objects.filter(key=key).first()
    if item is None:
        raise NotFound(_("There is no onboarding step “%(key)s”.") % {"key": key})
    return item


def bureau_named(key: str) -> Bureau:
    """Return the bureau with this key (bureaus are public: they publish calls); NotFound."""
    bureau = Bureau.objects.filter(key=key).first()
    if bureau is None:
        raise NotFound(_("There is no bureau “%(key)s”.") % {"key": key})
    return bureau
