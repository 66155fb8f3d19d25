"""Where a decision may be appealed, by whom, and until when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kuzbas.statute.errors import Refusal
from kuzbas.statute.model import AppealRule, Statute
from kuzbas.statute.phrases import Phrase


@dataclass(frozen=True)
class Decision:
    """A decision of a body on a matter, taken on a date."""

    body: str
    matter: str
    decided_on: dt.date


@dataclass(frozen=True)
class AppealRoute:
    """One way to appeal a decision: to whom, by whom, the last day, and what happens meanwhile."""

    rule: str
    to: str
    by: str
    deadline: dt.date  # the last day on which an appeal may be filed
    suspends: bool
    onward: tuple[str, ...]  # the bodies a further appeal may climb to, in order
    explanation: str


def applicable_appeals(statute: Statute, *, body: str, matter: str) -> tuple[AppealRule, ...]:
    """Return the appeal rules that cover a body's decisions on a matter."""
    return tuple(
        a
        for a in statute.appeals
        if body in a.from_bodies and (not a.matters or matter in a.matters)
    )


def deadline(rule: AppealRule, *, decided_on: dt.date) -> dt.date:
    """Return the last day to appeal: `within_days` days after the day of the decision."""
    return decided_on + dt.timedelta(days=rule.within_days)


def appeal_routes(statute: Statute, *, decision: Decision) -> tuple[AppealRoute, ...]:
    """Return every route by which a decision may be appealed, with its deadline."""
    routes = []
    for rule in applicable_appeals(statute, body=decision.body, matter=decision.matter):
        last_day = deadline(rule, decided_on=decision.decided_on)
        onward = _onward(statute, start=rule.to, matter=decision.matter)
        line = {"members": ANY_MEMBER, "parties": A_PARTY}.get(rule.by, THE_BODY)
        text = line[rule.suspends](
            by=statute.name_of(rule.by),
            body=statute.name_of(decision.body),
            to=statute.name_of(rule.to),
            last_day=last_day.isoformat(),
            days=rule.within_days,
            rule=rule.rule,
        )
        routes.append(
            AppealRoute(rule.rule, rule.to, rule.by, last_day, rule.suspends, onward, text)
        )
    return tuple(routes)


def _onward(statute: Statute, *, start: str, matter: str) -> tuple[str, ...]:
    """Return the chain of bodies above `start`, following the first appeal at each step."""
    chain: list[str] = []
    current = start
    # The consistency check forbids cycles; the guard keeps an unchecked statute from looping.
    while len(chain) <= len(statute.bodies):
        rules = applicable_appeals(statute, body=current, matter=matter)
        if not rules or rules[0].to in chain:
            break
        current = rules[0].to
        chain.append(current)
    return tuple(chain)


def may_appeal(
    statute: Statute, *, decision: Decision, to: str, filed_on: dt.date
) -> AppealRoute | Refusal:
    """Return the route an appeal filed on a date takes, or why it is refused."""
    routes = appeal_routes(statute, decision=decision)
    if not routes:
        return Refusal(
            "appeal.none",
            NO_APPEAL(body=statute.name_of(decision.body)),
        )
    route = next((r for r in routes if r.to == to), None)
    if route is None:
        allowed = ", the ".join(statute.name_of(r.to) for r in routes)
        return Refusal(routes[0].rule, GOES_TO(allowed=allowed, body=statute.name_of(to)))
    if filed_on > route.deadline:
        return Refusal(
            route.rule,
            TOO_LATE(deadline=route.deadline.isoformat(), filed_on=filed_on.isoformat()),
        )
    if filed_on < decision.decided_on:
        return Refusal(route.rule, TOO_EARLY())
    return route


ANY_MEMBER = {
    False: Phrase(
        "Any member may appeal this decision of the {body} to the {to} until {last_day} "
        "({days} days, {rule}); the decision stands while the appeal is heard."
    ),
    True: Phrase(
        "Any member may appeal this decision of the {body} to the {to} until {last_day} "
        "({days} days, {rule}); the decision is suspended until the appeal is heard."
    ),
}
A_PARTY = {
    False: Phrase(
        "A party to the decision may appeal this decision of the {body} to the {to} "
        "until {last_day} "
        "({days} days, {rule}); the decision stands while the appeal is heard."
    ),
    True: Phrase(
        "A party to the decision may appeal this decision of the {body} to the {to} "
        "until {last_day} "
        "({days} days, {rule}); the decision is suspended until the appeal is heard."
    ),
}
THE_BODY = {
    False: Phrase(
        "The {by} may appeal this decision of the {body} to the {to} until {last_day} "
        "({days} days, {rule}); the decision stands while the appeal is heard."
    ),
    True: Phrase(
        "The {by} may appeal this decision of the {body} to the {to} until {last_day} "
        "({days} days, {rule}); the decision is suspended until the appeal is heard."
    ),
}
NO_APPEAL = Phrase("the statute allows no appeal against decisions of the {body} on this matter")
GOES_TO = Phrase("an appeal against this decision goes to the {allowed}, not to the {body}")
TOO_LATE = Phrase("the time to appeal ended on {deadline}; this appeal was filed on {filed_on}")
TOO_EARLY = Phrase("an appeal cannot be filed before the decision is taken")
