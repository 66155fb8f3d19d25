"""The one permission mechanism every service calls.

A user's rights on a date are the union of the rights of the roles they hold on that date.
Roles come from *role sources*: functions `(user, as_of) -> set[Role]` that the apps register
when Django starts. Members registers two (roles granted by hand, and "colonist" for a member in
good standing: `kuzbas.members.roles`); governance adds one that derives roles from the seats a
person holds, so rights follow the statute rather than a hand-kept list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy

from kuzbas.core.actor import Actor, is_operator
from kuzbas.core.clock import colony_today
from kuzbas.core.errors import NotPermitted


class Role(models.TextChoices):
    COLONIST = "colonist", gettext_lazy("colonist")
    BOARD_MEMBER = "board_member", gettext_lazy("board member")
    DIRECTOR = "director", gettext_lazy("director")
    CLERK = "clerk", gettext_lazy("clerk")
    BUREAU_CLERK = "bureau_clerk", gettext_lazy("bureau clerk")
    AUTHORITY_REP = "authority_rep", gettext_lazy("authority representative")
    AUDITOR = "auditor", gettext_lazy("auditor")
    ADMIN = "admin", gettext_lazy("administrator")


class Right(StrEnum):
    MEMBERS_VIEW = "members.view"
    MEMBERS_VIEW_PRIVATE = "members.view_private"
    MEMBERS_EDIT = "members.edit"
    MEMBERS_IMPORT = "members.import"
    ROLES_MANAGE = "members.manage_roles"
    RECORD_VIEW = "record.view"
    RECORD_EDIT = "record.edit"
    AUDIT_VIEW = "audit.view"
    DATA_EXPORT = "data.export"
    DATA_IMPORT = "data.import"  # load a data package into an empty database: administrators
    GOVERNANCE_VIEW = "governance.view"
    GOVERNANCE_FILE_MOTION = "governance.file_motion"
    GOVERNANCE_VOTE = "governance.vote"
    GOVERNANCE_APPEAL = "governance.appeal"
    GOVERNANCE_CHAIR = "governance.chair"
    GOVERNANCE_STATUTE = "governance.statute"
    MEETINGS_VIEW = "meetings.view"
    MEETINGS_ATTEND = "meetings.attend"
    MEETINGS_CLERK = "meetings.clerk"
    MEETINGS_CHAIR = "meetings.chair"
    PRODUCTION_VIEW = "production.view"
    PRODUCTION_EDIT = "production.edit"
    PRODUCTION_IMPORT = "production.import"
    # Recruitment: calls and the figures are open to readers; applications hold personal data.
    RECRUITMENT_VIEW = "recruitment.view"
    RECRUITMENT_APPLICATIONS = "recruitment.applications"
    RECRUITMENT_MANAGE = "recruitment.manage"
    # Contracts with the state and others; money: dated exchange rates with their source.
    CONTRACTS_VIEW = "contracts.view"
    CONTRACTS_EDIT = "contracts.edit"
    MONEY_EDIT = "money.edit"


_READER = {
    Right.MEMBERS_VIEW,
    Right.RECORD_VIEW,
    Right.GOVERNANCE_VIEW,
    Right.PRODUCTION_VIEW,
    Right.MEETINGS_VIEW,
    Right.RECRUITMENT_VIEW,
    Right.CONTRACTS_VIEW,
}
# Keeping the production statistics: entering and importing output, plans and headcount.
_STATISTICIAN = {Right.PRODUCTION_EDIT, Right.PRODUCTION_IMPORT}
# Taking part: filing, voting and appealing. Whether a vote counts is the statute's question
# (the electorate on the date), asked in the service; this right only opens the door.
_PARTICIPANT = {
    Right.GOVERNANCE_FILE_MOTION,
    Right.GOVERNANCE_VOTE,
    Right.GOVERNANCE_APPEAL,
    Right.MEETINGS_ATTEND,
}
# Running a meeting: convening, the agenda, the speakers' list, opening and closing its votes.
# Registering attendance at the door is a clerk's job as well as the chair's.
_CHAIR = {Right.MEETINGS_CHAIR, Right.MEETINGS_CLERK}
# The recruitment bureau: calls, screening, dispatch groups, contributions.
_BUREAU = {Right.RECRUITMENT_APPLICATIONS, Right.RECRUITMENT_MANAGE, Right.MONEY_EDIT}
# Keeping the enterprise's agreements and its money.
_CONTRACTS = {Right.CONTRACTS_EDIT, Right.MONEY_EDIT}

RIGHTS_BY_ROLE: dict[str, frozenset[Right]] = {
    Role.COLONIST: frozenset(_READER | _PARTICIPANT),
    Role.BOARD_MEMBER: frozenset(
        _READER | _PARTICIPANT | _CHAIR | {Right.AUDIT_VIEW, Right.GOVERNANCE_CHAIR}
    ),
    Role.DIRECTOR: frozenset(
        _READER
        | _PARTICIPANT
        | {
            Right.MEMBERS_VIEW_PRIVATE,
            Right.MEMBERS_EDIT,
            Right.AUDIT_VIEW,
            Right.GOVERNANCE_CHAIR,
        }
        | _CHAIR
        | _STATISTICIAN
        | _CONTRACTS
        | {Right.RECRUITMENT_APPLICATIONS}
    ),
    Role.CLERK: frozenset(
        _READER
        | {Right.MEMBERS_VIEW_PRIVATE, Right.MEMBERS_EDIT, Right.MEMBERS_IMPORT, Right.RECORD_EDIT}
        | {Right.MEETINGS_CLERK}
        | _STATISTICIAN
        | _CONTRACTS
    ),
    Role.BUREAU_CLERK: frozenset(_READER | _BUREAU),
    Role.AUTHORITY_REP: frozenset(_READER | _PARTICIPANT | {Right.AUDIT_VIEW}),
    Role.AUDITOR: frozenset(_READER | {Right.AUDIT_VIEW, Right.DATA_EXPORT}),
    Role.ADMIN: frozenset(Right),
}

RoleSource = Callable[[object, dt.date], set[str]]
role_sources: list[RoleSource] = []


def register_role_source(source: RoleSource) -> RoleSource:
    """Add a way of deriving roles; used as a decorator by apps at import time."""
    if source not in role_sources:
        role_sources.append(source)
    return source


@dataclass(frozen=True)
class RoleReason:
    """Why a user holds a role on a date: what gives it (a grant, a membership, a seat)."""

    role: str
    source: str  # "grant", "membership", "seat", "account"
    text: str  # what gives it, in words: "Board member on the Board"
    since: dt.date | None = None
    until: dt.date | None = None

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


RoleExplainer = Callable[[object, dt.date], list[RoleReason]]
role_explainers: list[RoleExplainer] = []


def register_role_explainer(explainer: RoleExplainer) -> RoleExplainer:
    """Add the reasons behind a role source's roles; the app that registers the source does.

    Each role source has an explainer beside it that gives the same roles with what gives
    them, so that a member can see why they hold a right (`reasons_of`).
    """
    if explainer not in role_explainers:
        role_explainers.append(explainer)
    return explainer


def reasons_of(user: Actor | None, as_of: dt.date | None = None) -> list[RoleReason]:
    """Return every reason `user` holds a role on `as_of`: one query per explainer."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if is_operator(user):
        return [RoleReason(Role.ADMIN, "account", str(gettext_lazy("the operator")))]
    day = as_of or colony_today()
    reasons = [reason for explain in role_explainers for reason in explain(user, day)]
    if user.is_superuser:
        reasons.append(RoleReason(Role.ADMIN, "account", str(gettext_lazy("a superuser account"))))
    return reasons


def rights_with_reasons(
    user: Actor | None, as_of: dt.date | None = None
) -> list[tuple[Right, list[RoleReason]]]:
    """Return each right `user` has on `as_of`, with the reasons for the roles that give it."""
    return rights_given_by(reasons_of(user, as_of))


def rights_given_by(reasons: Iterable[RoleReason]) -> list[tuple[Right, list[RoleReason]]]:
    """Return each right the reasons' roles give, with the reasons that give it."""
    held = list(reasons)
    found = [
        (right, [r for r in held if right in RIGHTS_BY_ROLE.get(r.role, frozenset())])
        for right in Right
    ]
    return [(right, why) for right, why in found if why]


def roles_of(user: Actor | None, as_of: dt.date | None = None) -> set[str]:
    """Return the roles `user` holds on `as_of` (the colony's today by default)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    if is_operator(user):
        return {Role.ADMIN}
    day = as_of or colony_today()
    cache = user.__dict__.setdefault("_kuzbas_roles", {})
    if day not in cache:
        roles: set[str] = set()
        for source in role_sources:
            roles |= source(user, day)
        if user.is_superuser:
            roles.add(Role.ADMIN)
        cache[day] = frozenset(roles)
    return set(cache[day])


def rights_of(user: Actor | None, as_of: dt.date | None = None) -> set[Right]:
    """Return the rights `user` has on `as_of`."""
    rights: set[Right] = set()
    for role in roles_of(user, as_of):
        rights |= RIGHTS_BY_ROLE.get(role, frozenset())
    return rights


def has_right(user: Actor | None, right: Right, as_of: dt.date | None = None) -> bool:
    return right in rights_of(user, as_of)


def require(user: Actor | None, right: Right, as_of: dt.date | None = None) -> None:
    """Raise NotPermitted unless `user` has `right`; every service starts with this."""
    if not has_right(user, right, as_of):
        raise NotPermitted(_refusal_message(user), rule=f"right.{right}")


def require_any(user: Actor | None, rights: Iterable[Right]) -> None:
    if not any(has_right(user, r) for r in rights):
        raise NotPermitted(_refusal_message(user))


def _refusal_message(user: Actor | None) -> str:
    from django.utils.translation import gettext as _

    if user is None or not user.is_authenticated:
        return _("Log in to do this.")
    roles = sorted(roles_of(user))
    held = ", ".join(str(Role(r).label) for r in roles) if roles else _("no role")
    # A plain sentence for the person; the right's name travels in the error's `rule` for the API.
    return _("The roles you hold today (%(held)s) do not allow this.") % {"held": held}
