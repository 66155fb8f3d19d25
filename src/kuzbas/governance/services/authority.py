"""What authorises a body to decide a motion: the statute's competence or an appeal route,
and the procedure it decides by."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from kuzbas.core.errors import RefusedByStatute
from kuzbas.governance import effects
from kuzbas.governance.conditions import conditions_met
from kuzbas.governance.models import Decision, Motion
from kuzbas.governance.statutes import stored_history
from kuzbas.statute import Decision as EngineDecision
from kuzbas.statute import Refusal, Statute, admit_motion, appeal_routes, statute_as_of
from kuzbas.statute.model import Procedure

# A body that decides alone (an office, a single seat, an outside authority) has no procedure
# in the statute; its one vote is counted as a simple majority of one, with no quorum.
DECIDES_ALONE = Procedure(id="decides_alone")


def authority_for(
    motion: Motion, *, on: dt.date
) -> tuple[Statute, str, tuple[dict, ...], Procedure]:
    """Return what authorises the motion's body to decide it on a date, or refuse.

    An appellate motion is authorised by the appeal route; a motion whose effect has its own
    authority (a condition recorded as met) by that; any other by the statute's competence on
    the date, with the conditions met by then.
    """
    history = stored_history()
    if motion.appeal_of_id is not None:
        original = motion.appeal_of
        old = statute_as_of(history, original.decided_on)
        route = next(
            (
                r
                for r in appeal_routes(old, decision=engine_decision(original))
                if r.to == motion.body.key
            ),
            None,
        )
        if route is None:
            raise RefusedByStatute(
                _("The statute gives no appeal route to this body."), rule="appeal.none"
            )
        version = statute_as_of(history, on)
        steps = ({"rule": route.rule, "text": route.explanation},)
        return version, route.rule, steps, procedure_of(version, motion)
    granted = effects.grant(motion.proposal, body=motion.body.key, on=on)
    if granted is not None:
        return granted.statute, granted.rule, granted.steps, procedure_of(granted.statute, motion)
    answer = admit_motion(
        history,
        matter=motion.matter,
        body=motion.body.key,
        as_of=on,
        conditions_met=conditions_met(on),
    )
    if isinstance(answer, Refusal):
        raise answer.as_error()
    steps = tuple({"rule": s.rule, "text": s.text} for s in answer.rule_path)
    return answer.statute, answer.rule, steps, procedure_of(answer.statute, motion)


def procedure_of(statute: Statute, motion: Motion) -> Procedure:
    """Return the procedure the motion's body decides it by (DECIDES_ALONE where none)."""
    found = statute.body(motion.body.key)
    procedure = statute.procedure_for_body(found, motion.matter) if found else None
    return procedure or DECIDES_ALONE


def engine_decision(decision: Decision) -> EngineDecision:
    """Return a stored decision as the engine's, to ask the statute about appeals."""
    motion = decision.motion
    return EngineDecision(
        body=motion.body.key, matter=motion.matter, decided_on=decision.decided_on
    )
