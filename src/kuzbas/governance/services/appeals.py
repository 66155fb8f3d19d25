"""Appeals against decisions, heard as appellate motions."""

from __future__ import annotations

import datetime as dt

from django.db import models, transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.rights import Right, require
from kuzbas.governance import statutes
from kuzbas.governance.models import Appeal, Body, Decision, Motion
from kuzbas.governance.services import authority, bodies, motions
from kuzbas.governance.statutes import stored_history
from kuzbas.statute import Refusal, may_appeal, statute_as_of


@transaction.atomic
def file_appeal(*, actor, decision: Decision, to_body: Body | str, filed_on: dt.date) -> Appeal:
    """Appeal a decision: within the statute's deadline, to the body its route names.

    Creates the appellate motion in that body; its decision, when taken, is the appeal's outcome.
    """
    require(actor, Right.GOVERNANCE_APPEAL, filed_on)
    target = bodies.body_named(to_body)
    history = stored_history()
    decided_under = statute_as_of(history, decision.decided_on)
    route = may_appeal(
        decided_under,
        decision=authority.engine_decision(decision),
        to=target.key,
        filed_on=filed_on,
    )
    if isinstance(route, Refusal):
        raise route.as_error()
    original = decision.motion
    version = statutes.version_in_force(filed_on) or original.statute_version
    motion = Motion(
        number=motions.next_number(),
        title=_("Appeal against decision %(n)s: %(title)s")
        % {"n": decision.sequence, "title": original.title},
        text=route.explanation,
        matter=original.matter,
        body=target,
        filed_on=filed_on,
        statute_version=version,
        appeal_of=decision,
        **motions.filer(actor),
    )
    motion.save(force_insert=True)
    appeal = Appeal.objects.create(
        decision=decision,
        filed_by_id=getattr(actor, "person_id", None),
        filed_by_user=actor if isinstance(actor, models.Model) else None,
        filed_on=filed_on,
        to_body=target,
        motion=motion,
        rule=route.rule,
        deadline=route.deadline,
        suspends=route.suspends,
    )
    audit(
        actor=actor,
        action="governance.appeal.file",
        obj=appeal,
        changes={
            "decision": decision.sequence,
            "to": target.key,
            "rule": route.rule,
            "motion": motion.number,
        },
    )
    return appeal
