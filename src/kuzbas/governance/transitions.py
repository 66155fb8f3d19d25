"""A motion's lifecycle: the moves allowed from each status, and why any other is refused.

filed ─┬─ open the vote ──► voting ── close the vote ──► carried | failed | no_quorum
       ├─ record a counted vote ─────────────────────► carried | failed | no_quorum
       └─ withdraw ──► withdrawn
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kuzbas.core.lifecycle import IllegalTransition
from kuzbas.governance.models import Motion, MotionStatus

DECIDED = frozenset({MotionStatus.CARRIED, MotionStatus.FAILED, MotionStatus.NO_QUORUM})

TRANSITIONS: dict[MotionStatus, frozenset[MotionStatus]] = {
    MotionStatus.FILED: frozenset({MotionStatus.VOTING, MotionStatus.WITHDRAWN, *DECIDED}),
    MotionStatus.VOTING: DECIDED,
    MotionStatus.CARRIED: frozenset(),
    MotionStatus.FAILED: frozenset(),
    MotionStatus.NO_QUORUM: frozenset(),
    MotionStatus.WITHDRAWN: frozenset(),
}


def _label(status: str) -> str:
    return str(MotionStatus(status).label)


def can_move(motion: Motion, to: str) -> tuple[bool, str]:
    """Return whether the motion may move to a status, and why not."""
    current = MotionStatus(motion.status)
    if MotionStatus(to) in TRANSITIONS[current]:
        return True, ""
    return False, _("Motion No. %(n)s is %(now)s; it cannot become %(to)s.") % {
        "n": motion.number,
        "now": _label(current),
        "to": _label(to),
    }


def move(motion: Motion, to: str) -> None:
    """Set the motion's new status, or raise IllegalTransition; the caller saves."""
    allowed, reason = can_move(motion, to)
    if not allowed:
        raise IllegalTransition(reason, current=motion.status, wanted=to)
    motion.status = to


def can_open_vote(motion: Motion) -> tuple[bool, str]:
    """Return whether voting on the motion may begin."""
    return can_move(motion, MotionStatus.VOTING)


def can_cast_ballot(motion: Motion) -> tuple[bool, str]:
    """Return whether ballots are being taken on the motion."""
    if motion.status == MotionStatus.VOTING:
        return True, ""
    if motion.status == MotionStatus.FILED:
        return False, _("The vote on motion No. %(n)s has not been opened.") % {"n": motion.number}
    return False, _("The vote on motion No. %(n)s is closed (%(status)s).") % {
        "n": motion.number,
        "status": _label(motion.status),
    }


def can_close_vote(motion: Motion) -> tuple[bool, str]:
    """Return whether the open vote on the motion may be closed and counted."""
    if motion.status != MotionStatus.VOTING:
        return False, _("Motion No. %(n)s has no open vote to close (it is %(status)s).") % {
            "n": motion.number,
            "status": _label(motion.status),
        }
    return True, ""


def can_record_count(motion: Motion) -> tuple[bool, str]:
    """Return whether a chair may record the totals of a vote on the motion."""
    if motion.status != MotionStatus.FILED:
        return False, _(
            "Totals can be recorded only for a motion that is filed and not yet voted on; "
            "motion No. %(n)s is %(status)s."
        ) % {"n": motion.number, "status": _label(motion.status)}
    return True, ""


def can_withdraw(motion: Motion) -> tuple[bool, str]:
    """Return whether the motion may still be withdrawn."""
    return can_move(motion, MotionStatus.WITHDRAWN)
