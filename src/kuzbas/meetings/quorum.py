"""The live quorum of a meeting: who checked in, weighed by the statute's electorate.

The arithmetic is the engine's (`kuzbas.statute.quorum.check_quorum`); this module only hands
it the votes present and the votes in the body, both from the electorate of the meeting's day,
and says who that electorate is (`ElectorateRule`) and why a member is not in it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from django.utils import timezone

from kuzbas.core.errors import NotFound
from kuzbas.governance.statutes import stored_history
from kuzbas.governance.voters import electorate_on, outside_electorate
from kuzbas.meetings.models import Meeting
from kuzbas.members.models import MembershipCategory, Person
from kuzbas.statute import NotInForce, statute_as_of
from kuzbas.statute.bodies import Body, BodyKind
from kuzbas.statute.quorum import check_quorum, show


@dataclass(frozen=True)
class ElectorateRule:
    """Who votes in a general meeting by its statute: the categories of membership named (none:
    every member in good standing), and the clause's rule."""

    body: str
    categories: tuple[str, ...]
    rule: str

    @property
    def labels(self) -> list[str]:
        """Return the categories that vote, as people read them."""
        return [
            str(label) for value, label in MembershipCategory.choices if value in self.categories
        ]

    @property
    def left_out(self) -> list[str]:
        """Return the categories the clause leaves off the roll, as people read them."""
        if not self.categories:
            return []
        return [
            str(label)
            for value, label in MembershipCategory.choices
            if value not in self.categories
        ]


@dataclass(frozen=True)
class LiveQuorum:
    """Whether the meeting has a quorum now, with the engine's arithmetic."""

    met: bool
    checked_in: int  # people checked in, counted or not
    present: str  # votes present among them, as the statute weighs them
    members: str  # votes in the body
    text: str
    rule: str
    electorate: ElectorateRule | None = None  # a general meeting's; None for other bodies


def meeting_day(meeting: Meeting) -> dt.date:
    return timezone.localtime(meeting.convened_for).date()


def electorate_rule(body: Body) -> ElectorateRule | None:
    """Return who votes in a general meeting, as its clause says; None for other bodies."""
    if body.kind is not BodyKind.GENERAL_MEETING:
        return None
    categories = tuple(c.value for c in body.electorate)
    return ElectorateRule(body.id, categories, body.electorate_rule)


def refuse_outside_electorate(meeting: Meeting, person: Person) -> None:
    """Refuse a member whom the statute leaves out of the meeting's electorate on its day (not
    where no statute is in force: the quorum says so)."""
    day = meeting_day(meeting)
    try:
        statute = statute_as_of(stored_history(), day)
    except (NotFound, NotInForce):
        return
    if statute.body(meeting.body.key) is None:
        return
    voters = electorate_on(statute, body=meeting.body.key, matter="", as_of=day)
    refusal = outside_electorate(voters, statute, person)
    if refusal is not None:
        raise refusal


def live_quorum(meeting: Meeting, *, as_of: dt.date | None = None) -> LiveQuorum:
    """Return the quorum from the people checked in; only the body's electorate counts."""
    day = as_of or meeting_day(meeting)
    keys = list(meeting.attendances.values_list("person__key", flat=True))
    try:
        statute = statute_as_of(stored_history(), day)
    except (NotFound, NotInForce) as error:
        reason = getattr(error, "message", str(error))
        return LiveQuorum(False, len(keys), "0", "0", reason, "statute.none")
    found = statute.body(meeting.body.key)
    if found is None:
        text = f"the statute in force on {day} has no body {meeting.body.key!r}"
        return LiveQuorum(False, len(keys), "0", "0", text, "body.unknown")
    voters = electorate_on(statute, body=found.id, matter="", as_of=day)
    rule = electorate_rule(found)
    weights = {v.holder: v.weight for v in voters.voters}
    present = sum((weights.get(k, Fraction(0)) for k in keys), Fraction(0))
    procedure = statute.procedure_for_body(found)
    if procedure is None:
        return LiveQuorum(
            True, len(keys), show(present), show(voters.total), "decides alone", found.rule, rule
        )
    verdict = check_quorum(procedure.quorum, present=present, cast=present, members=voters.total)
    return LiveQuorum(
        verdict.met,
        len(keys),
        show(present),
        show(voters.total),
        verdict.text,
        procedure.rule,
        rule,
    )
