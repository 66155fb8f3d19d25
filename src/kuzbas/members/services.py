"""Every write to the member registry: keyword-only, with an actor, audited, atomic."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.dates import Precision
from kuzbas.core.errors import Conflict, Invalid, NotNow, NotPermitted, Problem
from kuzbas.core.intervals import overlapping
from kuzbas.core.rights import Right, Role, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.members.models import ApiToken, Employment, Membership, Person, RoleGrant, Site, User
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
    **fields: Any,
) -> Person:
    """Add a person to the registry."""
    require(actor, Right.MEMBERS_EDIT)
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
) -> Membership:
    """Record a person's standing for a span of days; spans may not overlap."""
    require(actor, Right.MEMBERS_EDIT)
    # Lock the person so two clerks cannot add overlapping spans at the same moment.
    Person.objects.select_for_update().filter(pk=person.pk).first()
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
        },
    )
    return membership


@transaction.atomic
def end_membership(
    *,
    actor,
    membership: Membership,
    valid_to: dt.date,
    to_precision: str = Precision.DAY,
    citations: Iterable[Mapping] = (),
) -> Membership:
    """Close an open membership on its last day, citing the source that gives it."""
    return _end(
        actor=actor,
        span=membership,
        valid_to=valid_to,
        to_precision=to_precision,
        citations=citations,
        ended=_("This membership has already ended."),
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


def _end(*, actor, span, valid_to, to_precision, citations, ended: str):
    """End a membership or an employment (locked, checked, cited, audited as
    members.<kind>.end); `ended` says why one already closed cannot end again."""
    require(actor, Right.MEMBERS_EDIT)
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
        changes={"person": span.person.key, "to": valid_to},
    )
    return span


def refuse_weak_password(username: str, password: str) -> None:
    """Refuse a password Django's validators refuse (Invalid, on the field `password`)."""
    try:
        validate_password(password, user=User(username=username))
    except ValidationError as error:
        raise Invalid(
            problems=[Problem(message, field="password") for message in error.messages]
        ) from None


@transaction.atomic
def create_user(
    *,
    actor,
    username: str,
    password: str,
    person: Person | None = None,
    roles: Iterable[str] = (),
    is_superuser: bool = False,
    email: str = "",
) -> User:
    """Open an account, optionally linked to a person and given roles by hand; a password
    Django's validators refuse is Invalid on the field `password`, and nothing is stored."""
    require(actor, Right.ROLES_MANAGE)
    refuse_weak_password(username, password)
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict(
            _("The user name “%(name)s” is taken.") % {"name": username}, field="username"
        )
    user = User(
        username=username,
        person=person,
        email=email,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    user.set_password(password)
    full_clean_or_invalid(user, exclude=["password"])
    user.save()
    for role in roles:
        _grant(actor=actor, user=user, role=role)
    audit(
        actor=actor,
        action="members.user.create",
        obj=user,
        changes={"person": person.key if person else None, "roles": sorted(roles)},
    )
    return user


@transaction.atomic
def grant_role(
    *,
    actor,
    user: User,
    role: str,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    note: str = "",
) -> RoleGrant:
    """Give an account a role by hand for a span of days."""
    require(actor, Right.ROLES_MANAGE)
    return _grant(
        actor=actor, user=user, role=role, valid_from=valid_from, valid_to=valid_to, note=note
    )


def _grant(*, actor, user, role, valid_from=None, valid_to=None, note="") -> RoleGrant:
    if role not in Role.values:
        raise Invalid(problems=[Problem(_("unknown role %(role)r") % {"role": role}, field="role")])
    grant = RoleGrant.objects.create(
        user=user, role=role, valid_from=valid_from, valid_to=valid_to, note=note
    )
    user.__dict__.pop("_kuzbas_roles", None)
    audit(actor=actor, action="members.role.grant", obj=user, changes={"role": role})
    return grant


@transaction.atomic
def issue_api_token(*, actor, name: str) -> tuple[ApiToken, str]:
    """Issue a bearer token for the actor's own account; the raw token is shown once."""
    if not getattr(actor, "is_authenticated", False):
        raise NotPermitted(_("Log in to do this."))
    if not name.strip():
        raise Invalid(problems=[Problem(_("give the token a name"), field="name")])
    raw = "kz_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor, name=name.strip()[:80], digest=ApiToken.digest_of(raw), prefix=raw[:8]
    )
    audit(actor=actor, action="members.token.issue", obj=token, changes={"name": token.name})
    return token, raw
