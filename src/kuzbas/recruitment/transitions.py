"""The lifecycles of a call and an application: the moves allowed, and why any other is refused.

A call:         draft ──► open ◄──► closed      (a closed call may open again)

An application: screening ─┬─► refused
                           ├─► withdrawn
                           └─► recommended ─┬─► admitted ──► dispatched ──► arrived
                                            └─► refused (the competent body did not admit)

Within screening an application moves between the bureau's stages (`services/screening.py`);
that is not a change of state. Dispatch and arrival are the dispatch groups' (docs/recruitment.md).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kuzbas.core.lifecycle import IllegalTransition
from kuzbas.recruitment.models.applications import Application, ApplicationState
from kuzbas.recruitment.models.calls import Call, CallStatus

S = ApplicationState

CALL_MOVES: dict[str, frozenset[str]] = {
    CallStatus.DRAFT: frozenset({CallStatus.OPEN}),
    CallStatus.OPEN: frozenset({CallStatus.CLOSED}),
    CallStatus.CLOSED: frozenset({CallStatus.OPEN}),
}

APPLICATION_MOVES: dict[str, frozenset[str]] = {
    S.SCREENING: frozenset({S.REFUSED, S.WITHDRAWN, S.RECOMMENDED}),
    S.RECOMMENDED: frozenset({S.ADMITTED, S.REFUSED}),
    S.ADMITTED: frozenset({S.DISPATCHED}),
    S.DISPATCHED: frozenset({S.ARRIVED}),
    S.REFUSED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.ARRIVED: frozenset(),
}


def can_move_call(call: Call, to: str) -> tuple[bool, str]:
    """Return whether the call may move to a status, and why not."""
    if to in CALL_MOVES[call.status]:
        return True, ""
    if to == call.status:
        return False, _("The call is already %(s)s.") % {"s": call.get_status_display()}
    return False, _("A %(s)s call cannot become %(to)s.") % {
        "s": call.get_status_display(),
        "to": CallStatus(to).label,
    }


def move_call(call: Call, to: str) -> None:
    """Set the call's new status, or raise IllegalTransition; the caller saves."""
    allowed, reason = can_move_call(call, to)
    if not allowed:
        raise IllegalTransition(reason, current=call.status, wanted=to, subject="call")
    call.status = to


def can_move(application: Application, to: str) -> tuple[bool, str]:
    """Return whether the application may move to a state, and why not."""
    if to in APPLICATION_MOVES[application.state]:
        return True, ""
    return False, _("The application is %(s)s; it cannot become %(to)s.") % {
        "s": application.get_state_display(),
        "to": ApplicationState(to).label,
    }


def move(application: Application, to: str) -> None:
    """Set the application's new state, or raise IllegalTransition; the caller saves."""
    allowed, reason = can_move(application, to)
    if not allowed:
        raise IllegalTransition(reason, current=application.state, wanted=to, subject="application")
    application.state = to


def in_screening(application: Application) -> tuple[bool, str]:
    """Return whether the application is still being screened (moved between stages)."""
    if application.state == S.SCREENING:
        return True, ""
    return False, _("The application is %(s)s; screening is over.") % {
        "s": application.get_state_display()
    }


def refuse_unless(
    allowed_reason: tuple[bool, str], application: Application, wanted: str = ""
) -> None:
    """Raise IllegalTransition with the reason a check gave, when it refused."""
    allowed, reason = allowed_reason
    if not allowed:
        raise IllegalTransition(
            reason, current=application.state, wanted=wanted, subject="application"
        )
