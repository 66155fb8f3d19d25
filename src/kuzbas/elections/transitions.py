"""An election's lifecycle: the moves allowed from each status, and why any other is refused.

draft ─┬─ take nominations ──► nominating ─┐
       └──────────── open voting ──────────┴──► voting ── close and count ──► closed

Candidates are put on the paper or taken off while the election is prepared (draft or
nominating); ballots are taken while it is voting; its receipts are published once it is closed.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kuzbas.core.lifecycle import IllegalTransition
from kuzbas.elections.models import Election, ElectionStatus

PREPARING = frozenset({ElectionStatus.DRAFT, ElectionStatus.NOMINATING})

TRANSITIONS: dict[ElectionStatus, frozenset[ElectionStatus]] = {
    ElectionStatus.DRAFT: frozenset({ElectionStatus.NOMINATING, ElectionStatus.VOTING}),
    ElectionStatus.NOMINATING: frozenset({ElectionStatus.VOTING}),
    ElectionStatus.VOTING: frozenset({ElectionStatus.CLOSED}),
    ElectionStatus.CLOSED: frozenset(),
}


def _refusal(election: Election, to: ElectionStatus) -> str:
    status = election.get_status_display()
    if to == ElectionStatus.NOMINATING:
        return _("Only a draft election opens for nominations; this one is %(s)s.") % {"s": status}
    if to == ElectionStatus.VOTING:
        return _("Voting has already opened.")
    return _("The election has no open vote to close (it is %(s)s).") % {"s": status}


def can_move(election: Election, to: str) -> tuple[bool, str]:
    """Return whether the election may move to a status, and why not."""
    wanted = ElectionStatus(to)
    if wanted == ElectionStatus.DRAFT:
        # No move leads back to draft: asking for one is a mistake in the code, not a refusal.
        raise ValueError("an election never returns to draft")
    if wanted in TRANSITIONS[ElectionStatus(election.status)]:
        return True, ""
    return False, _refusal(election, wanted)


def move(election: Election, to: str) -> None:
    """Set the election's new status, or raise IllegalTransition; the caller saves."""
    refuse_unless(can_move(election, to), election, wanted=to)
    election.status = to


def refuse_unless(allowed_reason: tuple[bool, str], election: Election, wanted: str = "") -> None:
    """Raise IllegalTransition with the reason a check gave, when it refused."""
    allowed, reason = allowed_reason
    if not allowed:
        raise IllegalTransition(reason, current=election.status, wanted=wanted, subject="election")


def can_change_candidates(election: Election) -> tuple[bool, str]:
    """Return whether candidates may still be put on the paper or taken off it."""
    if election.status in PREPARING:
        return True, ""
    return False, _("The election is %(s)s; candidates are set before voting opens.") % {
        "s": election.get_status_display()
    }


def can_cast_ballot(election: Election) -> tuple[bool, str]:
    """Return whether ballots are being taken in the election."""
    if election.status == ElectionStatus.VOTING:
        return True, ""
    return False, _("Voting in this election is not open (it is %(s)s).") % {
        "s": election.get_status_display()
    }


def can_publish_receipts(election: Election) -> tuple[bool, str]:
    """Return whether the ballot box may be published by receipt: only once it is counted."""
    if election.status == ElectionStatus.CLOSED:
        return True, ""
    return False, _("The receipts are published when the election closes.")
