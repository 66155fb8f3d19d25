"""A contract version's lifecycle: the moves allowed from each status, and why others are refused.

draft ── submit ──► submitted ── its motion carries ──► in force ── an amendment ──► superseded
  │                    └── the motion fails or is withdrawn ──► draft (edit, submit again)
  └── the clerk's act, where the statute makes it no body's matter ──► in force

Clauses, sections and obligations are written only while a version is a draft: what the body
votes on is what comes into force.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from kuzbas.contracts.models.versions import Version, VersionStatus
from kuzbas.core.lifecycle import IllegalTransition

TRANSITIONS: dict[VersionStatus, frozenset[VersionStatus]] = {
    VersionStatus.DRAFT: frozenset({VersionStatus.SUBMITTED, VersionStatus.IN_FORCE}),
    VersionStatus.SUBMITTED: frozenset({VersionStatus.IN_FORCE, VersionStatus.DRAFT}),
    VersionStatus.IN_FORCE: frozenset({VersionStatus.SUPERSEDED}),
    VersionStatus.SUPERSEDED: frozenset(),
    VersionStatus.REJECTED: frozenset(),
}


def _refusal(version: Version, to: VersionStatus) -> str:
    status = version.get_status_display()
    if to == VersionStatus.SUBMITTED:
        return _("Only a draft version is submitted; this one is %(s)s.") % {"s": status}
    if to == VersionStatus.IN_FORCE:
        return _("This version cannot come into force: it is %(s)s.") % {"s": status}
    if to == VersionStatus.DRAFT:
        return _("Only a submitted version goes back to draft; this one is %(s)s.") % {"s": status}
    return _("Only the version in force is superseded; this one is %(s)s.") % {"s": status}


def can_move(version: Version, to: str) -> tuple[bool, str]:
    """Return whether the version may move to a status, and why not."""
    wanted = VersionStatus(to)
    if wanted in TRANSITIONS[VersionStatus(version.status)]:
        return True, ""
    return False, _refusal(version, wanted)


def move(version: Version, to: str) -> None:
    """Set the version's new status, or raise IllegalTransition; the caller saves."""
    refuse_unless(can_move(version, to), version, wanted=to)
    version.status = to


def refuse_unless(allowed_reason: tuple[bool, str], version: Version, wanted: str = "") -> None:
    allowed, reason = allowed_reason
    if not allowed:
        raise IllegalTransition(
            reason, current=version.status, wanted=wanted, subject="contract_version"
        )


def can_edit(version: Version) -> tuple[bool, str]:
    """Return whether the version's clauses and obligations may be written, and why not."""
    if version.status == VersionStatus.DRAFT:
        return True, ""
    return False, _(
        "Version %(n)s is %(s)s: only a draft's clauses and obligations are changed; "
        "make a new version (an amendment) instead."
    ) % {"n": version.number, "s": version.get_status_display()}
