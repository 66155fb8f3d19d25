"""A clerk's admission and exit: written directly, unless the statute sends them to a body.

Whether admitting or expelling a member is a body's decision is the statute's question, and
members cannot ask it (governance sits above members). So governance registers a *route* when
Django starts (`governance/services/admission.py`, from `GovernanceConfig.ready`): where the
statute in force makes the act a matter of a body, the route files a motion with that body and
answers with a `Referred`; the membership changes only when the motion carries. Where it is no
body's matter the route writes directly, as members does alone, without a route.

The person page and the API call `admit`, `expel` and `pending` here, never the services for
these two acts, so that neither can go around the statute.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from kuzbas.members import services
from kuzbas.members.models import Membership, Person


@dataclass(frozen=True)
class Referred:
    """An act sent to a body as a motion: it takes effect when the motion carries."""

    kind: str  # "admission" or "expulsion"
    number: int
    title: str
    body: str
    status: str
    url: str
    message: str = ""


class Route(Protocol):
    admit: Callable[..., Membership | Referred]
    expel: Callable[..., Membership | Referred]
    pending: Callable[[Person], list[Referred]]


_routes: list[Route] = []


def register_route(route: Route) -> Route:
    """Send the acts through `route`; one route only, registered at start-up."""
    if _routes and _routes[0] is not route:
        raise RuntimeError("a route for admission and exit is registered twice")
    _routes[:] = [route]
    return route


def admit(**fields: Any) -> Membership | Referred:
    """Admit (add a membership, `services.add_membership`'s arguments), or refer it to a body."""
    if _routes:
        return _routes[0].admit(**fields)
    return services.add_membership(**fields)


def expel(**fields: Any) -> Membership | Referred:
    """End a membership (`services.end_membership`'s arguments), or refer it to a body."""
    if _routes:
        return _routes[0].expel(**fields)
    return services.end_membership(**fields)


def end(*, resigned: bool = False, **fields: Any) -> Membership | Referred:
    """End a membership: a member who left of their own accord directly (no body decides a
    resignation; the audit entry says so), any other end as `expel`."""
    if resigned:
        return services.end_membership(grounds={"ground": "resigned"}, **fields)
    return expel(**fields)


def pending(person: Person) -> list[Referred]:
    """Return the person's admission or expulsion still before a body."""
    return _routes[0].pending(person) if _routes else []
