"""The steps of a winding-up, each carrying out its part of the plan through the owning app's
services (members, production, governance) or, for contracts and money, here; each returns
what it did, in keys and counts, for the register entry and the final report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuzbas.audit.services import audit
from kuzbas.contracts.models.contracts import ContractStatus
from kuzbas.contracts.models.obligations import ObligationStatus, StatusBy
from kuzbas.contracts.models.winding_up import StepKind, WindingUp
from kuzbas.contracts.winding_up_plan import Plan, Span
from kuzbas.core.rights import Right
from kuzbas.governance.services import bodies, seat_holdings
from kuzbas.members import services as members
from kuzbas.production import catalogue

Step = Callable[..., dict[str, Any]]


def _grounds(winding_up: WindingUp) -> dict[str, Any]:
    decision = winding_up.decision
    return {
        "winding_up": winding_up.pk,
        "decision": decision.sequence if decision is not None else None,
        "successor": winding_up.successor.key if winding_up.successor else None,
    }


def _spans(spans: list[Span], end, plan: Plan) -> dict[str, Any]:
    ended, passed, closed = [], [], 0
    for span in spans:
        if span.open:
            end(span)
            closed += 1
        (passed if span.passes else ended).append(span.obj.person.key)
    return {
        "last_day": plan.last_day.isoformat(),
        "ended": ended,
        "passed_to_successor": passed,
        "closed_now": closed,
        "counts": {"ended": len(ended), "passed": len(passed), "closed_now": closed},
        "summary": _(
            "Ended: %(ended)s; passed to the successor: %(passed)s; closed now: %(closed)s."
        )
        % {"ended": len(ended), "passed": len(passed), "closed": closed},
    }


def memberships(*, actor, winding_up: WindingUp, plan: Plan, results) -> dict[str, Any]:
    """End every open membership on the last day, noting who passes to the successor."""

    def end(span: Span) -> None:
        members.end_membership(
            actor=actor,
            membership=span.obj,
            valid_to=plan.last_day,
            right=Right.MEMBERS_EDIT,
            grounds={**_grounds(winding_up), "passes_to_successor": span.passes},
        )

    return _spans(plan.memberships, end, plan)


def employments(*, actor, winding_up: WindingUp, plan: Plan, results) -> dict[str, Any]:
    """End every open employment on the last day, noting who passes to the successor."""

    def end(span: Span) -> None:
        members.end_employment(actor=actor, employment=span.obj, valid_to=plan.last_day)

    result = _spans(plan.employments, end, plan)
    for span in plan.employments:
        audit(
            actor=actor,
            action="contracts.winding_up.employment",
            obj=span.obj,
            changes={**_grounds(winding_up), "passes_to_successor": span.passes},
        )
    return result


def _pass_line(actor, winding_up: WindingUp, line) -> str:
    line.transferred_to = winding_up.successor
    line.transferred_on = winding_up.effective_on
    line.save(update_fields=["transferred_to", "transferred_on"])
    audit(
        actor=actor,
        action="contracts.money_line.pass",
        obj=line,
        changes={**_grounds(winding_up), "on": winding_up.effective_on},
    )
    return f"{line.pk}: {line.amount.amount} {line.amount.currency}"


def units(*, actor, winding_up: WindingUp, plan: Plan, results) -> dict[str, Any]:
    """Close each unit on the last day; with a successor, it passes on with its open debts."""
    passed, debts = [], []
    for move in plan.units:
        catalogue.close_unit(actor=actor, unit=move.unit, closed=plan.last_day)
        passed.append(move.unit.key)
        if winding_up.successor is not None:
            debts.extend(_pass_line(actor, winding_up, line) for line in move.debts)
    to_successor = winding_up.successor is not None
    return {
        "units": passed,
        "closed_on": plan.last_day.isoformat(),
        "to_successor": to_successor,
        "debts_passed": debts,
        "counts": {"units": len(passed), "debts": len(debts)},
        "summary": (
            _("Units passed to the successor: %(u)s; debts with them: %(d)s.")
            if to_successor
            else _("Units closed: %(u)s; their debts no successor takes: %(d)s.")
        )
        % {"u": len(passed), "d": len(debts)},
    }


def debts(*, actor, winding_up: WindingUp, plan: Plan, results) -> dict[str, Any]:
    """Pass the other open loans and debts to the successor; settled ones stay as they are."""
    passed = [_pass_line(actor, winding_up, debt.line) for debt in plan.debts]
    settled = [line.pk for line in plan.settled_debts]
    return {
        "passed": passed,
        "settled": settled,
        "counts": {"passed": len(passed), "settled": len(settled)},
        "summary": _("Open debts and loans passed to the successor: %(p)s; settled: %(s)s.")
        % {"p": len(passed), "s": len(settled)},
    }


def obligations(*, actor, winding_up: WindingUp, plan: Plan, results) -> dict[str, Any]:
    """Pass each open obligation to the successor (or let it lapse in a liquidation without
    one), and end the contracts in force."""
    successor = winding_up.successor
    status = ObligationStatus.TRANSFERRED if successor else ObligationStatus.LAPSED
    moved = []
    for obligation in plan.obligations:
        obligation.status = status
        obligation.status_by = StatusBy.WINDING_UP
        obligation.status_on = winding_up.effective_on
        obligation.transferred_to = successor
        obligation.save(update_fields=["status", "status_by", "status_on", "transferred_to"])
        audit(
            actor=actor,
            action="contracts.obligation.wind_up",
            obj=obligation,
            changes={**_grounds(winding_up), "status": status},
        )
        moved.append(obligation.pk)
    ended = []
    for contract in plan.contracts:
        contract.status = ContractStatus.WOUND_UP
        contract.in_force_until = plan.last_day
        contract.successor = successor
        contract.save(update_fields=["status", "in_force_until", "successor"])
        audit(
            actor=actor,
            action="contracts.contract.wind_up",
            obj=contract,
            changes={**_grounds(winding_up), "until": plan.last_day},
        )
        ended.append(contract.key)
    return {
        "obligations": moved,
        "status": str(status),
        "contracts": ended,
        "counts": {"obligations": len(moved), "contracts": len(ended)},
        "summary": (
            _("Open obligations passed to the successor: %(o)s; contracts ended: %(c)s.")
            if successor
            else _("Open obligations lapsed: %(o)s; contracts ended: %(c)s.")
        )
        % {"o": len(moved), "c": len(ended)},
    }


def dissolve(*, actor, winding_up: WindingUp, plan: Plan, results) -> dict[str, Any]:
    """End every seat holding on the last day and dissolve the enterprise's own bodies."""
    grounds = _grounds(winding_up)
    for holding in plan.holdings:
        seat_holdings.end_holding(
            actor=actor, holding=holding, on=winding_up.effective_on, grounds=grounds
        )
    for body in plan.bodies:
        bodies.dissolve_body(actor=actor, body=body, on=plan.last_day, grounds=grounds)
    return {
        "holdings": [f"{h.seat.path}: {h.person.key}" for h in plan.holdings],
        "bodies": [b.key for b in plan.bodies],
        "counts": {"holdings": len(plan.holdings), "bodies": len(plan.bodies)},
        "summary": _("Seat holdings ended: %(h)s; bodies dissolved: %(b)s.")
        % {"h": len(plan.holdings), "b": len(plan.bodies)},
    }


def final_report(*, actor, winding_up: WindingUp, plan: Plan, results) -> dict[str, Any]:
    """Write the report from what the other steps did."""
    successor = winding_up.successor
    lines = [
        ngettext(
            "The enterprise's last day was %(day)s; %(n)s step was carried out.",
            "The enterprise's last day was %(day)s; %(n)s steps were carried out.",
            len(results),
        )
        % {"day": plan.last_day.isoformat(), "n": len(results)},
        _("Successor: %(s)s.") % {"s": successor.name} if successor else _("No successor."),
    ]
    for kind, result in results.items():
        lines.append(f"{StepKind(kind).label}: {result['summary']}")
    return {
        "written_at": timezone.now().isoformat(),
        "counts": {kind: r.get("counts", {}) for kind, r in results.items()},
        "summary": "\n".join(lines),
    }


STEPS: dict[str, Step] = {
    StepKind.MEMBERSHIPS: memberships,
    StepKind.EMPLOYMENTS: employments,
    StepKind.UNITS: units,
    StepKind.DEBTS: debts,
    StepKind.OBLIGATIONS: obligations,
    StepKind.BODIES: dissolve,
    StepKind.FINAL_REPORT: final_report,
}


def perform(kind: str, **kwargs) -> dict[str, Any]:
    """Carry out one step of the plan and return what it did."""
    return STEPS[kind](**kwargs)
