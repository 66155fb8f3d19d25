"""Who does a thing: an account, the operator at the command line, or the system itself.

Every service takes an `actor` and every audit entry names one. An account is Django's user; the
operator is `Operator` (the demo loader, imports by hand, `kuzbas` commands); `None` is the
system. `label` is the one way to name any of them.
"""

from __future__ import annotations

from typing import Protocol

SYSTEM = "system"


class Actor(Protocol):
    """What the services ask of whoever acts: a name, and whether they are logged in.

    Django's accounts (and AnonymousUser) and `Operator` have this shape; every service's
    `actor`, `require` and `audit` take one (`None` is the system).
    """

    is_authenticated: bool
    is_active: bool
    is_superuser: bool

    def get_username(self) -> str: ...


class Operator:
    """The operator at the command line (migrations, the demo loader, imports by hand).

    Holds every right; audit entries name it by its label since it has no account.
    """

    is_authenticated = True
    is_active = True
    is_superuser = True
    is_operator = True
    pk = None
    person_id = None

    def __init__(self, label: str = "operator") -> None:
        self.label = label

    def get_username(self) -> str:
        return self.label

    def __str__(self) -> str:
        return self.label


def is_operator(actor: Actor | None) -> bool:
    """Tell the operator at the command line from an account."""
    return bool(getattr(actor, "is_operator", False))


def label(actor: Actor | None) -> str:
    """Name the actor as audit entries and the register do: the username ('system' for none)."""
    get_username = getattr(actor, "get_username", None)
    if callable(get_username):
        return get_username()
    return SYSTEM if actor is None else str(actor)


def name(actor: Actor | None) -> str:
    """Name the actor as a reader knows them: the account's person, else `label(actor)`.

    The trail and the register keep the login (`label`); pages, minutes and PDFs say the name.
    """
    person = getattr(actor, "person", None) if getattr(actor, "person_id", None) else None
    return str(person) if person is not None else label(actor)
