"""The winding-up of the enterprise: decided by the competent body, then run as steps.

A liquidation or reorganisation is decided by a motion whose proposal is `winding_up`
(`governance/effects.py`): for a present-day cooperative its general meeting, for the colony
the STO, an outside authority deciding by its own rules (its one vote is recorded as the
chair records the letter that reports it). The carried decision creates the `WindingUp` with
its steps pending; running it (`run_winding_up`, one transaction, all or nothing) carries out
the plan the page previewed (`winding_up_plan.py`) step by step (`winding_up_steps.py`), and
each step is an entry of its own in the register, filed under the deciding body's decision
(`winding_up_step`), so the chain holds what was ended and what passed to the successor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.contracts import winding_up_steps as steps
from kuzbas.contracts.models.parties import Party, PartyKind
from kuzbas.contracts.models.winding_up import (
    StepKind,
    StepStatus,
    WindingUp,
    WindingUpKind,
    WindingUpStatus,
    WindingUpStep,
)
from kuzbas.contracts.winding_up_plan import END, PASS, Plan, plan_winding_up
from kuzbas.core.errors import Invalid, NotNow, Problem, RefusedByStatute
from kuzbas.core.rights import Right, require
from kuzbas.governance import effects
from kuzbas.governance.models import Body, Decision, Motion, MotionStatus
from kuzbas.governance.services import decisions, motions
from kuzbas.governance.statutes import stored_history
from kuzbas.statute import NotInForce, statute_as_of
from kuzbas.statute.bodies import BodyKind

KIND = "winding_up"
STEP_KIND = "winding_up_step"
MATTER = "winding_up"
# The steps in the order they run; the final report is written last, from the others' results.
ORDER = (
    StepKind.MEMBERSHIPS,
    StepKind.EMPLOYMENTS,
    StepKind.UNITS,
    StepKind.DEBTS,
    StepKind.OBLIGATIONS,
    StepKind.BODIES,
    StepKind.FINAL_REPORT,
)
DECIDING_KINDS = (BodyKind.GENERAL_MEETING, BodyKind.OUTSIDE_AUTHORITY)


def _statute_on(on: dt.date):
    try:
        return statute_as_of(stored_history(), on)
    except NotInForce as error:
        raise RefusedByStatute(error.message, rule="statute.in_force") from None


def _authorise(*, proposal: dict, body: str, on: dt.date) -> effects.Grant:
    """Let the general meeting, or the outside authority the enterprise answers to, decide
    its end; refuse any other body."""
    statute = _statute_on(on)
    found = statute.body(body)
    if found is None or found.kind not in DECIDING_KINDS:
        raise RefusedByStatute(
            _(
                "Only the general meeting, or the outside authority the enterprise answers to, "
                "decides to wind the enterprise up."
            ),
            rule="winding_up.body",
            field="body",
        )
    if found.kind is BodyKind.OUTSIDE_AUTHORITY:
        text = f"the {found.name} decides the enterprise's end by its own rules"
    else:
        text = f"the {found.name}, of all the members, decides the enterprise's end"
    return effects.Grant(statute, found.rule, ({"rule": found.rule, "text": text},))


def _carry(*, actor, decision: Decision) -> None:
    """Create the winding-up the carried decision orders, its steps pending."""
    proposal = decision.motion.proposal
    if WindingUp.objects.exists():
        # Two motions filed before either carried: the second cannot wind up again.
        raise NotNow(_("The enterprise's winding-up has been decided already."), field="motion")
    successor = None
    wanted = proposal.get("successor") or {}
    if wanted.get("key"):
        successor, created = Party.objects.get_or_create(
            key=wanted["key"],
            defaults={
                "name": wanted.get("name") or wanted["key"],
                "kind": PartyKind.ENTERPRISE_OTHER,
            },
        )
        if created:
            audit(
                actor=actor,
                action="contracts.party.create",
                obj=successor,
                changes={"name": successor.name, "as": "successor"},
            )
    winding_up = WindingUp.objects.create(
        kind=proposal["winding_up_kind"],
        title=decision.motion.title,
        decided_on=decision.decided_on,
        decision=decision,
        effective_on=dt.date.fromisoformat(proposal["effective_on"]),
        successor=successor,
        note=decision.motion.text,
    )
    WindingUpStep.objects.bulk_create(
        WindingUpStep(winding_up=winding_up, order=n, kind=kind, title=str(kind.label))
        for n, kind in enumerate(ORDER, 1)
    )
    audit(
        actor=actor,
        action="contracts.winding_up.decide",
        obj=winding_up,
        changes={
            "decision": decision.sequence,
            "kind": winding_up.kind,
            "effective_on": winding_up.effective_on,
            "successor": successor.key if successor else None,
        },
    )


def _authorise_step(*, proposal: dict, body: str, on: dt.date) -> effects.Grant:
    """Let the body that decided the winding-up record its steps, under that decision."""
    winding_up = (
        WindingUp.objects.select_related("decision__motion__body")
        .filter(pk=proposal.get("winding_up"))
        .first()
    )
    decision = winding_up.decision if winding_up is not None else None
    if decision is None or decision.motion.body.key != body:
        raise RefusedByStatute(
            _("A step of a winding-up is recorded by the body that decided it."),
            rule="winding_up.step",
            field="body",
        )
    text = f"carried out under register entry No. {decision.sequence}"
    return effects.Grant(_statute_on(on), decision.rule, ({"rule": decision.rule, "text": text},))


def _carry_step(*, actor, decision: Decision) -> None:
    """Link the step to its register entry."""
    step_id = decision.motion.proposal["step"]
    WindingUpStep.objects.filter(pk=step_id).update(decision=decision)


effects.register(effects.Effect(KIND, carry=_carry, authorise=_authorise))
effects.register(effects.Effect(STEP_KIND, carry=_carry_step, authorise=_authorise_step))


def successor_key(name: str) -> str:
    return slugify(name)[:80] or "successor"


@transaction.atomic
def file_winding_up(
    *,
    actor,
    body: Body | str,
    kind: str,
    title: str,
    effective_on: dt.date | None,
    as_of: dt.date,
    successor: Party | str | None = None,
    text: str = "",
) -> Motion:
    """File the motion that winds the enterprise up on a day, with the body that decides it.

    `successor` is a party, or the name of a new one (created when the motion carries); a
    reorganisation needs one, a liquidation may have none.
    """
    problems = []
    if kind not in WindingUpKind.values:
        problems.append(Problem(_("Choose liquidation or reorganisation."), field="kind"))
    if effective_on is None:
        problems.append(Problem(_("required"), field="effective_on"))
    elif effective_on < as_of:
        problems.append(
            Problem(
                _("The winding-up cannot take effect before it is decided."), field="effective_on"
            )
        )
    if isinstance(successor, str):
        successor = successor.strip()
    if kind == WindingUpKind.REORGANISATION and not successor:
        problems.append(Problem(_("A reorganisation names its successor."), field="successor"))
    if not title.strip():
        problems.append(Problem(_("required"), field="title"))
    if problems:
        raise Invalid(problems=problems)
    if WindingUp.objects.exists():
        raise NotNow(_("The enterprise's winding-up has been decided already."), field="body")
    named = None
    if isinstance(successor, Party):
        named = {"key": successor.key, "name": successor.name}
    elif successor:
        existing = Party.objects.filter(name__iexact=successor).first()
        named = (
            {"key": existing.key, "name": existing.name}
            if existing
            else {"key": successor_key(successor), "name": successor}
        )
    assert effective_on is not None
    return motions.file_motion(
        actor=actor,
        title=title,
        text=text,
        matter=MATTER,
        body=body,
        as_of=as_of,
        proposal={
            "kind": KIND,
            "winding_up_kind": kind,
            "effective_on": effective_on.isoformat(),
            "successor": named,
        },
    )


def plan_for(
    winding_up: WindingUp, *, everyone: str = END, choices: Mapping[str, str] | None = None
) -> Plan:
    """Return what running the winding-up would do, with the choices given."""
    return plan_winding_up(
        effective_on=winding_up.effective_on,
        successor=winding_up.successor,
        everyone=everyone,
        choices=choices,
    )


def _record_step(*, actor, winding_up: WindingUp, step: WindingUpStep, result: dict) -> Decision:
    """Append the step to the register, under the decision that ordered the winding-up."""
    ordered = winding_up.decision
    assert ordered is not None
    motion = motions.file_motion(
        actor=actor,
        title=_("Winding-up, step %(n)s: %(step)s")
        % {"n": step.order, "step": step.get_kind_display()},
        text=result.get("summary", ""),
        matter=ordered.motion.matter,
        body=ordered.motion.body,
        as_of=winding_up.effective_on,
        proposal={"kind": STEP_KIND, "winding_up": winding_up.pk, "step": step.pk},
    )
    return decisions.record_decision(
        actor=actor,
        motion=motion,
        outcome=MotionStatus.CARRIED,
        counts={},
        arithmetic=_(
            "Carried out under register entry No. %(n)s, the winding-up decided on %(day)s; "
            "no vote."
        )
        % {"n": ordered.sequence, "day": ordered.decided_on.isoformat()},
        statute_version=motion.statute_version,
        rule=ordered.rule,
        decided_on=winding_up.effective_on,
        payload={
            "kind": STEP_KIND,
            "winding_up": {"id": winding_up.pk, "decided_by_entry": ordered.sequence},
            "step": step.kind,
            "result": result,
        },
    )


@transaction.atomic
def run_winding_up(
    *,
    actor,
    winding_up: WindingUp,
    confirmed: bool,
    everyone: str = END,
    choices: Mapping[str, str] | None = None,
) -> WindingUp:
    """Carry out every step of a decided winding-up, each entered in the register; it cannot
    be undone, so it runs only when `confirmed`, and only as a whole."""
    require(actor, Right.CONTRACTS_EDIT)
    require(actor, Right.GOVERNANCE_CHAIR)
    winding_up = WindingUp.objects.select_for_update().get(pk=winding_up.pk)
    if winding_up.status != WindingUpStatus.DECIDED or winding_up.decision_id is None:
        raise NotNow(_("This winding-up has been run already."), field="winding_up")
    if everyone not in (END, PASS):
        raise Invalid(problems=[Problem(_("Choose end or pass."), field="everyone")])
    if not confirmed:
        raise Invalid(
            problems=[Problem(_("Confirm that the winding-up cannot be undone."), field="confirm")]
        )
    plan = plan_for(winding_up, everyone=everyone, choices=choices)
    if plan.problems:
        raise Invalid(problems=plan.problems)
    winding_up.status = WindingUpStatus.RUNNING
    winding_up.save(update_fields=["status"])
    results: dict[str, dict[str, Any]] = {}
    for step in winding_up.steps.order_by("order"):
        result = steps.perform(
            step.kind, actor=actor, winding_up=winding_up, plan=plan, results=results
        )
        results[step.kind] = result
        decision = _record_step(actor=actor, winding_up=winding_up, step=step, result=result)
        step.status = StepStatus.DONE
        step.done_on = winding_up.effective_on
        step.result = result
        step.decision = decision
        step.save(update_fields=["status", "done_on", "result", "decision"])
    winding_up.status = WindingUpStatus.DONE
    winding_up.finished_on = winding_up.effective_on
    winding_up.final_report = results[StepKind.FINAL_REPORT]["summary"]
    winding_up.save(update_fields=["status", "finished_on", "final_report"])
    audit(
        actor=actor,
        action="contracts.winding_up.run",
        obj=winding_up,
        changes={
            "effective_on": winding_up.effective_on,
            "steps": {kind: r.get("counts", {}) for kind, r in results.items()},
            "at": timezone.now().isoformat(),
        },
    )
    return winding_up
