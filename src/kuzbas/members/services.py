"""Every write to the member registry: keyword-only, with an actor, audited, atomic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.dates import Precision
from kuzbas.core.errors import Conflict, Invalid, NotNow, Problem
from kuzbas.core.intervals import overlapping
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.members.accounts import (  # noqa: F401 (offered here too)
    create_user,
    grant_role,
    issue_api_token,
    refuse_weak_password,
    revoke_api_token,
)
from kuzbas.members.models import Employment, Membership, MembershipStatus, Person, Site
from kuzbas.record.services import attach_citations

PERSON_FIELDS = (
    "name_latin",
    "name_original",
    "nationality",
    "languages",
    "trade",
    "home_site",
    "description",
    "email",
)


# The registry's own pages under /members/: a person with one of these keys could not be reached.
RESERVED_KEYS = frozenset({"new", "import", "headcount", "invitations", "welcome"})


def unique_key(model, wanted: str, *, fallback: str) -> str:
    """Return a slug for `wanted` that no row of `model` uses yet, nor a page of the registry."""
    base = slugify(wanted)[:70] or fallback
    key, n = base, 2
    while key in RESERVED_KEYS or model.objects.filter(key=key).exists():
        key, n = f"{base}-{n}", n + 1
    return key


@transaction.atomic
def create_site(
    *, actor, key: str, name: str, kind: str, citations: Iterable[Mapping] = (), **fields: Any
) -> Site:
    """Add a site."""
    require(actor, Right.MEMBERS_EDIT)
    site = Site(key=key, name=name, kind=kind, **fields)
    full_clean_or_invalid(site)
    site.save()
    attach_citations(actor=actor, obj=site, citations=citations)
    audit(actor=actor, action="members.site.create", obj=site, changes={"name": name})
    return site


@transaction.atomic
def create_person(
    *,
    actor,
    name_latin: str,
    key: str = "",
    citations: Iterable[Mapping] = (),
    right: Right = Right.MEMBERS_EDIT,
    **fields: Any,
) -> Person:
    """Add a person to the registry. A clerk needs `members.edit`; the bureau adds the person
    an admitted applicant becomes on arrival with its own right (`recruitment/arrival.py`)."""
    require(actor, right)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise Invalid(problems=[Problem(_("unknown field"), field=f) for f in sorted(unknown)])
    if key in RESERVED_KEYS:
        raise Invalid(
            problems=[
                Problem(
                    _("“%(key)s” names a page of the registry; choose another key.") % {"key": key},
                    field="key",
                )
            ]
        )
    person = Person(
        key=key or unique_key(Person, name_latin, fallback="person"),
        name_latin=name_latin.strip(),
        **fields,
    )
    full_clean_or_invalid(person)
    person.save()
    attach_citations(actor=actor, obj=person, citations=citations)
    audit(
        actor=actor,
        action="members.person.create",
        obj=person,
        changes={f: getattr(person, f) for f in ("key", *PERSON_FIELDS)},
    )
    return person


@transaction.atomic
def update_person(*, actor, person: Person, **changes: Any) -> Person:
    """Change a person's details; only the fields given change."""
    require(actor, Right.MEMBERS_EDIT)
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise Invalid(problems=[Problem(_("unknown field"), field=f) for f in sorted(unknown)])
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = {f: getattr(person, f) for f in changes}
    for name, value in changes.items():
        setattr(person, name, value)
    full_clean_or_invalid(person)
    person.save()
    diff = {f: [before[f], changes[f]] for f in changes if before[f] != changes[f]}
    audit(actor=actor, action="members.person.update", obj=person, changes=diff)
    return person


def membership_to_add(
    *,
    person: Person,
    status: str,
    category: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    from_precision: str = Precision.DAY,
    to_precision: str = Precision.DAY,
) -> Membership:
    """Return the membership asked for, checked but not stored: Invalid at the field that is
    wrong (an unknown category or status, a last day before the first), Conflict at
    `valid_from` where the person is already a member on one of its days."""
    membership = Membership(
        person=person,
        status=status,
        category=category,
        valid_from=valid_from,
        valid_to=valid_to,
        from_precision=from_precision,
        to_precision=to_precision,
    )
    full_clean_or_invalid(membership)
    clash = person.memberships.filter(overlapping(valid_from, valid_to)).first()
    if clash is not None:
        raise Conflict(
            _("This span overlaps the membership %(clash)s; end that one first.")
            % {"clash": clash.period},
            field="valid_from",
        )
    return membership


@transaction.atomic
def add_membership(
    *,
    actor,
    person: Person,
    status: str,
    category: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    from_precision: str = Precision.DAY,
    to_precision: str = Precision.DAY,
    citations: Iterable[Mapping] = (),
    right: Right = Right.MEMBERS_EDIT,
    grounds: Mapping[str, Any] | None = None,
) -> Membership:
    """Record a person's standing for a span of days; spans may not overlap.

    A clerk needs `members.edit`. A body's decision admits with the chair's right instead
    (`members.acts.admit_by_decision`), and `grounds` names the decision in the audit entry.
    """
    require(actor, right)
    # Lock the person so two clerks cannot add overlapping spans at the same moment.
    Person.objects.select_for_update().filter(pk=person.pk).first()
    membership = membership_to_add(
        person=person,
        status=status,
        category=category,
        valid_from=valid_from,
        valid_to=valid_to,
        from_precision=from_precision,
        to_precision=to_precision,
    )
    membership.save()
    attach_citations(actor=actor, obj=membership, citations=citations)
    audit(
        actor=actor,
        action="members.membership.add",
        obj=membership,
        changes={
            "person": person.key,
            "status": status,
            "category": category,
            "from": valid_from,
            "to": valid_to,
            **(grounds or {}),
        },
    )
    return membership


def membership_to_end(
    membership: Membership, *, valid_to: dt.date, to_precision: str = Precision.DAY
) -> Membership:
    """Return the membership as it would be once ended, checked but not stored: NotNow at
    `valid_to` where it has ended already, Conflict where its holder is not a member in it
    (who has left or was expelled cannot be expelled), Invalid for a last day before the first."""
    if membership.valid_to is not None:
        raise NotNow(_("This membership has already ended."), field="valid_to")
    if membership.status in (MembershipStatus.LEFT, MembershipStatus.EXPELLED):
        raise Conflict(
            _("%(person)s is not a member in this span (%(status)s).")
            % {"person": membership.person, "status": membership.get_status_display()},
            field="membership",
        )
    ended = Membership.objects.get(pk=membership.pk)
    ended.valid_to, ended.to_precision = valid_to, to_precision
    full_clean_or_invalid(ended)
    return ended


@transaction.atomic
def end_membership(
    *,
    actor,
    membership: Membership,
    valid_to: dt.date,
    to_precision: str = Precision.DAY,
    citations: Iterable[Mapping] = (),
    right: Right = Right.MEMBERS_EDIT,
    grounds: Mapping[str, Any] | None = None,
) -> Membership:
    """Close an open membership on its last day, citing the source that gives it.

    `right` and `grounds` as for `add_membership`: a body's decision ends it by the chair's right.
    """
    return _end(
        actor=actor,
        span=membership,
        valid_to=valid_to,
        to_precision=to_precision,
        citations=citations,
        ended=_("This membership has already ended."),
        right=right,
        grounds=grounds,
    )


@transaction.atomic
def add_employment(
    *,
    actor,
    person: Person,
    category: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    title: str = "",
    site: Site | None = None,
    from_precision: str = Precision.DAY,
    to_precision: str = Precision.DAY,
    citations: Iterable[Mapping] = (),
) -> Employment:
    """Record a person's work for a span of days, by work category.

    Two jobs at once are allowed (a second shift, half time in the office); the same position
    twice over the same days is refused.
    """
    require(actor, Right.MEMBERS_EDIT)
    Person.objects.select_for_update().filter(pk=person.pk).first()
    employment = Employment(
        person=person,
        category=category,
        title=title,
        site=site,
        valid_from=valid_from,
        valid_to=valid_to,
        from_precision=from_precision,
        to_precision=to_precision,
    )
    full_clean_or_invalid(employment)
    clash = (
        person.employments.filter(overlapping(valid_from, valid_to))
        .filter(category=category, title=title, site=site)
        .first()
    )
    if clash is not None:
        raise Conflict(
            _("This span overlaps the same position held %(clash)s; end that one first.")
            % {"clash": clash.period},
            field="valid_from",
        )
    employment.save()
    attach_citations(actor=actor, obj=employment, citations=citations)
    audit(
        actor=actor,
        action="members.employment.add",
        obj=employment,
        changes={
            "person": person.key,
            "category": category,
            "title": title,
            "from": valid_from,
            "to": valid_to,
        },
    )
    return employment


@transaction.atomic
def end_employment(
    *,
    actor,
    employment: Employment,
    valid_to: dt.date,
    to_precision: str = Precision.DAY,
    citations: Iterable[Mapping] = (),
) -> Employment:
    """Close an open employment on its last day, citing the source that gives it."""
    return _end(
        actor=actor,
        span=employment,
        valid_to=valid_to,
        to_precision=to_precision,
        citations=citations,
        ended=_("This employment has already ended."),
    )


def _end(
    *,
    actor,
    span,
    valid_to,
    to_precision,
    citations,
    ended: str,
    right=Right.MEMBERS_EDIT,
    grounds=None,
):
    """End a membership or an employment (locked, checked, cited, audited as
    members.<kind>.end); `ended` says why one already closed cannot end again."""
    require(actor, right)
    span = type(span).objects.select_for_update().select_related("person").get(pk=span.pk)
    if span.valid_to is not None:
        raise NotNow(ended, field="valid_to")
    span.valid_to, span.to_precision = valid_to, to_precision
    full_clean_or_invalid(span)
    span.save()
    attach_citations(actor=actor, obj=span, citations=citations)
    audit(
        actor=actor,
        action=f"members.{span._meta.model_name}.end",
        obj=span,
        changes={"person": span.person.key, "to": valid_to, **(grounds or {})},
    )
    return span
