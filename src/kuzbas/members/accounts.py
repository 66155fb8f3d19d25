"""Accounts: open one, give it a role by hand, issue and revoke API tokens; audited, atomic.

`kuzbas.members.services` offers these too, where callers have always found them.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core import prepared, rows
from kuzbas.core.errors import Conflict, Invalid, NotFound, NotPermitted, Problem
from kuzbas.core.rights import Right, Role, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.members.models import ApiToken, Person, RoleGrant, User


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
    """Issue a bearer token for the actor's own account, working for KUZBAS_TOKEN_DAYS; the raw
    token is shown once."""
    if not getattr(actor, "is_authenticated", False):
        raise NotPermitted(_("Log in to do this."))
    if not name.strip():
        raise Invalid(problems=[Problem(_("give the token a name"), field="name")])
    raw = "kz_" + secrets.token_urlsafe(32)
    # The prefix names the token for revocation, so it must be one of a kind among the owner's.
    while ApiToken.objects.filter(user=actor, prefix=raw[:8]).exists():
        raw = "kz_" + secrets.token_urlsafe(32)
    expires = timezone.now() + dt.timedelta(days=settings.KUZBAS_TOKEN_DAYS)
    token = ApiToken.objects.create(
        user=actor,
        name=name.strip()[:80],
        digest=ApiToken.digest_of(raw),
        prefix=raw[:8],
        expires=expires,
    )
    audit(
        actor=actor,
        action="members.token.issue",
        obj=token,
        changes={"name": token.name, "expires": expires.isoformat()},
    )
    return token, raw


@transaction.atomic
def revoke_api_token(*, actor, prefix: str) -> None:
    """Revoke one of the actor's own tokens, named by the letters it starts with."""
    if not getattr(actor, "is_authenticated", False):
        raise NotPermitted(_("Log in to do this."))
    token = ApiToken.objects.select_for_update().filter(user=actor, prefix=prefix).first()
    if token is None:
        raise NotFound(_("You have no token starting with %(prefix)s.") % {"prefix": prefix})
    audit(
        actor=actor,
        action="members.token.revoke",
        obj=token,
        changes={"name": token.name, "prefix": token.prefix},
    )
    token.delete()


# How often a token's `last_used` is written: phones polling a meeting must not each cost a write.
LAST_USED_EVERY = dt.timedelta(minutes=1)

# The account behind a token (with its person's key) and whether the token's `last_used` is a
# minute old. The select list is the model's own columns; every value is a parameter.
_FOUND = (
    "SELECT t.id AS token_id, (t.last_used IS NULL OR t.last_used < %s) AS token_stale,"  # noqa: S608
    f" p.key AS person_key, {rows.select_list(User, 'u')}"
    " FROM members_apitoken t JOIN members_user u ON u.id = t.user_id"
    " LEFT JOIN members_person p ON p.id = u.person_id"
    " WHERE t.digest = %s AND t.expires > %s AND u.is_active"
)
# On PostgreSQL `last_used` is written in the same statement, in one round trip: the first thing
# every bearer request asks. A statement may go on with its own SELECT from `found` (one row or
# none): `meetings.access.voter_and_meeting` reads the meeting in the same statement.
ACCOUNT_FOUND = (
    f"WITH found AS ({_FOUND}),"  # noqa: S608
    " touched AS (UPDATE members_apitoken SET last_used = %s WHERE id IN"
    " (SELECT token_id FROM found WHERE token_stale))"
)
_ACCOUNT_OF_DIGEST = f"{ACCOUNT_FOUND} SELECT * FROM found"  # noqa: S608
ACCOUNT_WIDTH = 3 + rows.width(User)  # the columns of `found`
_TOUCH = "UPDATE members_apitoken SET last_used = %s WHERE id = %s"


def account_params(raw: str) -> list:
    """The parameters of `ACCOUNT_FOUND` for a raw bearer token (the first three: `_FOUND`'s)."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    stale_before = connection.ops.adapt_datetimefield_value(timezone.now() - LAST_USED_EVERY)
    return [stale_before, ApiToken.digest_of(raw), now, now]


def account_from_row(found) -> User:
    """The account from `found`'s columns (its first `ACCOUNT_WIDTH`)."""
    user = rows.instance(User, found[3:ACCOUNT_WIDTH])
    if user.person_id is not None:
        # The person's key comes along (the trail names voters by it); the rest on demand.
        user.person = Person.from_db(None, ["id", "key"], [user.person_id, found[2]])
    return user


def account_for_token(raw: str) -> User | None:
    """Return the active account a bearer token works for, or None (unknown, expired, revoked).

    An expired token is refused like an unknown one; a revoked one no longer exists. Its
    `last_used` is written when it is a minute old (phones must not each cost a write).
    """
    params = account_params(raw)
    if connection.vendor == "postgresql":
        found = prepared.fetch_one(_ACCOUNT_OF_DIGEST, params)
        return None if found is None else account_from_row(found)
    found = prepared.fetch_one(_FOUND, params[:3])
    if found is None:
        return None
    if found[1]:
        with connection.cursor() as cursor:
            cursor.execute(_TOUCH, [params[3], found[0]])
    return account_from_row(found)
