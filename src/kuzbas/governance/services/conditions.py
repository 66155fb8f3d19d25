"""A condition of the statute recorded as met: a motion filed with the body the condition
names, whose carried decision is the record (see `governance/conditions.py`).

A transfer of votes that waits on the condition ends on the day of that decision: the engine is
given the conditions met whenever it is asked who decides or who votes.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import Conflict, RefusedByStatute
from kuzbas.core.rights import Right, require
from kuzbas.governance import effects
from kuzbas.governance.conditions import CONDITION_MET, met_conditions
from kuzbas.governance.models import Body, Motion
from kuzbas.governance.services import motions
from kuzbas.governance.statutes import stored_history
from kuzbas.statute import NotInForce, Refusal, may_record_met, recorder, statute_as_of


def _authorise(*, proposal: dict, body: str, on: dt.date) -> effects.Grant:
    """Return the condition's clause that lets the body record it as met, or refuse."""
    statute = _statute_on(on)
    answer = may_record_met(statute, condition=str(proposal.get("condition", "")), body=body)
    if isinstance(answer, Refusal):
        raise answer.as_error()
    text = f"the {statute.name_of(body)} records that {answer.description}"
    return effects.Grant(statute, answer.rule, ({"rule": answer.rule, "text": text},))


def _carry(*, actor, decision) -> None:
    """Audit the condition met: the decision itself is the record of it."""
    audit(
        actor=actor,
        action="governance.condition.met",
        obj=decision,
        changes={
            "condition": decision.payload["proposal"]["condition"],
            "on": decision.decided_on,
            "decision": decision.sequence,
        },
    )


effects.register(effects.Effect(CONDITION_MET, carry=_carry, authorise=_authorise))


def _statute_on(on: dt.date):
    try:
        return statute_as_of(stored_history(), on)
    except NotInForce as error:
        raise RefusedByStatute(error.message, rule="statute.in_force") from None


def _recorder(condition: str, on: dt.date) -> str:
    """Return the body the statute in force names to record a condition as met, or refuse."""
    statute = _statute_on(on)
    found = statute.condition(condition)
    body = recorder(statute, found) if found is not None else None
    if body is None:
        refusal = may_record_met(statute, condition=condition, body="")
        assert isinstance(refusal, Refusal)
        raise refusal.as_error()
    return body


def file_condition_met(
    *, actor, condition: str, as_of: dt.date, body: Body | str | None = None, text: str = ""
) -> Motion:
    """File the motion that records a condition as met, with the body the statute names (or
    the body given, which is refused with the condition's rule unless it is that body)."""
    require(actor, Right.GOVERNANCE_FILE_MOTION, as_of)
    already = met_conditions(as_of).get(condition)
    if already is not None:
        raise Conflict(
            _("The condition “%(c)s” was met on %(day)s by register entry No. %(n)s.")
            % {"c": condition, "day": already.decided_on.isoformat(), "n": already.sequence},
            field="condition",
        )
    return motions.file_motion(
        actor=actor,
        title=_("The condition “%(c)s” is met") % {"c": condition},
        text=text,
        matter=CONDITION_MET,
        body=body if body is not None else _recorder(condition, as_of),
        as_of=as_of,
        proposal={"kind": CONDITION_MET, "condition": condition},
    )
