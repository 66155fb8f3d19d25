"""Whether a decision of the register stands on a date: in force, suspended by an appeal, or
overturned by the decision that upheld one.

The register is never edited: an appeal is a row beside it, and an upheld appeal is a later
entry whose payload says which entry it overturns. A decision's standing is read from those,
here and nowhere else, for every page and act that cites a decision.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from kuzbas.core.errors import RefusedByStatute
from kuzbas.governance.models import Appeal, Decision, MotionStatus, Outcome


class Status(StrEnum):
    IN_FORCE = "in_force"
    SUSPENDED = "suspended"
    OVERTURNED = "overturned"


@dataclass(frozen=True)
class Standing:
    """A decision's standing on a date, and the appeal or decision that gives it."""

    status: Status
    since: dt.date | None = None
    appeal: Appeal | None = None  # the appeal that suspends, or that was upheld
    by: Decision | None = None  # the decision that overturned it

    @property
    def in_force(self) -> bool:
        return self.status is Status.IN_FORCE

    @property
    def rule(self) -> str:
        return self.appeal.rule if self.appeal is not None else ""

    def describe(self) -> str:
        """Return the standing in words, for a page, the API or a refusal."""
        if self.status is Status.SUSPENDED and self.appeal is not None and self.since:
            return _(
                "Suspended from %(day)s by the appeal heard as motion No. %(n)s, until it is "
                "decided (%(rule)s)."
            ) % {"day": self.since.isoformat(), "n": self.appeal.motion.number, "rule": self.rule}
        if self.status is Status.OVERTURNED and self.by is not None and self.since:
            return _("Overturned on %(day)s by register entry No. %(n)s, on appeal (%(rule)s).") % {
                "day": self.since.isoformat(),
                "n": self.by.sequence,
                "rule": self.rule,
            }
        return _("In force.")


IN_FORCE = Standing(Status.IN_FORCE)


def _appeals_by_decision(ids: set[int]) -> dict[int, list[Appeal]]:
    """Return the appeals against the decisions, and against the decisions that heard them,
    one query for each step up an appeal's route (so a fixed number, however long the list)."""
    found: dict[int, list[Appeal]] = defaultdict(list)
    seen: set[int] = set()
    frontier = set(ids)
    while frontier:
        seen |= frontier
        rows = Appeal.objects.filter(decision_id__in=frontier).select_related(
            "motion__decision", "to_body"
        )
        frontier = set()
        for appeal in rows.order_by("filed_on", "pk"):
            found[appeal.decision_id].append(appeal)
            heard = getattr(appeal.motion, "decision", None)
            if heard is not None and heard.pk not in seen:
                frontier.add(heard.pk)
    return found


def standings(decisions: Iterable[Decision], *, as_of: dt.date) -> dict[int, Standing]:
    """Return each decision's standing on a date, by its primary key."""
    wanted = {d.pk for d in decisions}
    appeals = _appeals_by_decision(wanted)
    memo: dict[int, Standing] = {}

    def standing(pk: int) -> Standing:
        if pk not in memo:
            memo[pk] = _standing(appeals.get(pk, []), as_of=as_of, of=standing)
        return memo[pk]

    return {pk: standing(pk) for pk in wanted}


def _standing(appeals: list[Appeal], *, as_of: dt.date, of) -> Standing:
    suspended = None
    for appeal in appeals:
        if appeal.filed_on > as_of or appeal.motion.status == MotionStatus.WITHDRAWN:
            continue
        heard = getattr(appeal.motion, "decision", None)
        if heard is None or heard.decided_on > as_of:
            if appeal.suspends and suspended is None:
                suspended = Standing(Status.SUSPENDED, since=appeal.filed_on, appeal=appeal)
            continue
        # An upheld appeal overturns the decision, unless its own decision does not stand.
        if heard.outcome == Outcome.CARRIED and of(heard.pk).in_force:
            return Standing(Status.OVERTURNED, since=heard.decided_on, appeal=appeal, by=heard)
    return suspended or IN_FORCE


def with_standings(decisions: Iterable[Decision], *, as_of: dt.date) -> list[Decision]:
    """Return the decisions, each with its `standing` on a date, for a page or a list."""
    rows = list(decisions)
    found = standings(rows, as_of=as_of)
    for decision in rows:
        decision.standing = found[decision.pk]  # type: ignore[attr-defined]
    return rows


def standing_of(decision: Decision, *, as_of: dt.date) -> Standing:
    """Return one decision's standing on a date."""
    return standings([decision], as_of=as_of)[decision.pk]


def require_in_force(decision: Decision, *, on: dt.date, field: str = "decision") -> None:
    """Refuse an act that takes a decision as its authority on a day when it does not stand,
    with the rule of the appeal that suspended or overturned it."""
    found = standing_of(decision, as_of=on)
    if not found.in_force:
        raise RefusedByStatute(
            _("Register entry No. %(n)s does not stand on %(day)s: %(why)s")
            % {"n": decision.sequence, "day": on.isoformat(), "why": found.describe()},
            field=field,
            rule=found.rule,
        )
