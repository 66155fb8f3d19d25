"""Who may vote in a body on a date: the registry's rows handed to the engine as plain data.

The registry keeps intervals inclusive at both ends; the engine's end dates are the first day
something no longer holds, hence the day added to every end.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from kuzbas.core.errors import RefusedByStatute
from kuzbas.core.intervals import covering
from kuzbas.governance.conditions import conditions_met
from kuzbas.governance.models import Proxy, SeatHolding
from kuzbas.members.models import Membership, MembershipCategory, MembershipStatus
from kuzbas.statute import Electorate, Member, Statute, electorate
from kuzbas.statute import SeatHolding as HeldSeat
from kuzbas.statute.bodies import MemberCategory
from kuzbas.statute.electorate import Proxy as GivenProxy

ONE_DAY = dt.timedelta(days=1)


def _after(day: dt.date | None) -> dt.date | None:
    return day + ONE_DAY if day is not None else None


def members_on(as_of: dt.date) -> list[Member]:
    """Return the members in good standing on a date, with their category, as the engine's."""
    rows = Membership.objects.filter(covering(as_of), status=MembershipStatus.MEMBER)
    return [
        Member(person=key, admitted=start, left=_after(end), category=MemberCategory(category))
        for key, start, end, category in rows.values_list(
            "person__key", "valid_from", "valid_to", "category"
        )
    ]


def holdings_on(as_of: dt.date) -> list[HeldSeat]:
    """Return the seats held on a date, as the engine's seat holdings."""
    rows = SeatHolding.objects.filter(covering(as_of)).values_list(
        "person__key", "seat__body__key", "seat__key", "valid_from", "valid_to"
    )
    return [
        HeldSeat(person=person, seat=f"{body}.{seat}", since=start, until=_after(end))
        for person, body, seat, start, end in rows
    ]


def proxies_on(body: str, as_of: dt.date, extra: tuple[GivenProxy, ...] = ()) -> list[GivenProxy]:
    """Return the proxies given in a body that apply on a date, as the engine's proxies."""
    rows = Proxy.objects.filter(covering(as_of), body__key=body).values_list(
        "giver__key", "holder__key", "valid_from", "valid_to"
    )
    given = [
        GivenProxy(giver=giver, holder=holder, body=body, since=start, until=_after(end))
        for giver, holder, start, end in rows
    ]
    return [*given, *extra]


def electorate_on(
    statute: Statute,
    *,
    body: str,
    matter: str,
    as_of: dt.date,
    extra_proxies: tuple[GivenProxy, ...] = (),
) -> Electorate:
    """Return the engine's electorate of a body on a matter on a date, from the registry.

    `extra_proxies` are weighed as if recorded: how a proxy is checked before it is. A
    transfer of votes that waits on a condition met by then (see `governance/conditions.py`)
    has ended.
    """
    return electorate(
        statute,
        body=body,
        matter=matter,
        as_of=as_of,
        members=members_on(as_of),
        holdings=holdings_on(as_of),
        proxies=proxies_on(body, as_of, extra_proxies),
        conditions_met=conditions_met(as_of),
    )


def outside_electorate(voters: Electorate, statute: Statute, person) -> RefusedByStatute | None:
    """Return the refusal, in the reader's language, of a member whom the body's electorate
    clause leaves out (a hired worker at the colonists' mass meeting); None for anyone else."""
    excluded = next((e for e in voters.excluded if e.person == person.key), None)
    body = statute.body(voters.body)
    if excluded is None or body is None:
        return None
    labels = dict(MembershipCategory.choices)
    category = labels.get(excluded.category or "", _("no recorded category"))
    allowed = ", ".join(str(labels[c.value]) for c in body.electorate)
    return RefusedByStatute(
        _(
            "%(person)s is a member as %(category)s; the statute gives a vote in the %(body)s "
            "only to members in good standing as: %(allowed)s."
        )
        % {"person": person, "category": category, "body": body.name, "allowed": allowed},
        rule=excluded.refusal.rule,
    )
