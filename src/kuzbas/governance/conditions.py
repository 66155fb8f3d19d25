"""Which conditions of the statute are met on a date, read from the register.

A condition is met by a carried decision whose proposal is {"kind": "condition_met",
"condition": id}, on the day of that decision, while it stands: a decision suspended or
overturned on appeal meets nothing. There is no other record of it: the register is the record.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from kuzbas.governance.models import Decision, Outcome
from kuzbas.governance.standing import standings

CONDITION_MET = "condition_met"


def condition_decisions() -> QuerySet[Decision]:
    """Return the carried decisions that record a condition as met, oldest first."""
    return (
        Decision.objects.filter(outcome=Outcome.CARRIED, payload__proposal__kind=CONDITION_MET)
        .select_related("motion", "motion__body")
        .order_by("decided_on", "sequence")
    )


def met_conditions(as_of: dt.date) -> dict[str, Decision]:
    """Return, for each condition met by a date, the standing decision that first met it."""
    found = list(condition_decisions().filter(decided_on__lte=as_of))
    stand = standings(found, as_of=as_of)
    met: dict[str, Decision] = {}
    for decision in found:
        if stand[decision.pk].in_force:
            met.setdefault(decision.payload["proposal"]["condition"], decision)
    return met


def conditions_met(as_of: dt.date) -> dict[str, dt.date]:
    """Return the day each condition met by a date was met, as the engine takes them."""
    return {condition: d.decided_on for condition, d in met_conditions(as_of).items()}
