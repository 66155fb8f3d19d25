"""A contract's versions: an amendment made as a copy of the version in force, submitted to
the body the statute names, and brought into force by its carried decision.

Submitting asks the statute in force on the colony's day for its matter of kind `contract`
(`MatterKind.CONTRACT`):

- one: a motion is filed with the competent body, its proposal `{"kind": "contract_version"}`
  naming the version and the digest of its clauses; when it carries, the `contract_version`
  effect (`governance/effects.py`, registered from `ContractsConfig.ready`) brings the version
  into force on the day of the decision, linked to the register entry, whose payload holds
  the digest;
- none: the clerk's act brings it into force directly, recorded as an act on the contract.

What coming into force does is in `coming_into_force`.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.contracts import transitions
from kuzbas.contracts.models.contracts import Contract
from kuzbas.contracts.models.versions import BroughtBy, Clause, Section, Version, VersionStatus
from kuzbas.contracts.services import coming_into_force
from kuzbas.contracts.services.coming_into_force import KIND, digest, in_force
from kuzbas.core.actor import label
from kuzbas.core.clock import colony_today
from kuzbas.core.errors import Conflict, Invalid, NotNow, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.governance.models import Motion, MotionStatus
from kuzbas.governance.services import motions
from kuzbas.governance.services.admission import deciding_matter
from kuzbas.record.services import attach_citations
from kuzbas.statute.model import MatterKind

ENDED_WITHOUT_CARRYING = (
    MotionStatus.FAILED,
    MotionStatus.NO_QUORUM,
    MotionStatus.WITHDRAWN,
)


@transaction.atomic
def new_version(*, actor, contract: Contract, title: str = "", summary: str = "") -> Version:
    """Make an amendment: a draft copy of the version in force, each clause remembering the
    clause it was copied from, ready to be edited and submitted."""
    require(actor, Right.CONTRACTS_EDIT)
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    pending = contract.versions.exclude(
        status__in=[VersionStatus.IN_FORCE, VersionStatus.SUPERSEDED, VersionStatus.REJECTED]
    ).first()
    if pending is not None:
        raise Conflict(
            _("Version %(n)s is still %(s)s: finish it before starting another.")
            % {"n": pending.number, "s": pending.get_status_display()},
            rule="contract_version.pending",
        )
    base = in_force(contract)
    if base is None:
        raise NotNow(
            _("The contract has no version in force to amend."),
            rule="contract_version.nothing_in_force",
        )
    version = Version(
        contract=contract,
        number=base.number + 1,
        title=title.strip(),
        summary=summary.strip(),
        replaces=base,
        language=base.language,
        translation_language=base.translation_language,
        created_at=timezone.now(),
        created_by=actor if getattr(actor, "_meta", None) is not None else None,
        created_by_label=label(actor),
    )
    full_clean_or_invalid(version)
    version.save()
    sections = {}
    for section in base.sections.order_by("order"):
        sections[section.pk] = Section.objects.create(
            version=version,
            number=section.number,
            order=section.order,
            heading=section.heading,
            heading_translation=section.heading_translation,
            carried_from=section,
        )
    originals = list(base.clauses.order_by("order").prefetch_related("citations__source"))
    copies = Clause.objects.bulk_create(
        Clause(
            version=version,
            section=sections.get(clause.section_id),
            number=clause.number,
            order=clause.order,
            text=clause.text,
            translation=clause.translation,
            illustrative=clause.illustrative,
            carried_from=clause,
        )
        for clause in originals
    )
    # A copied clause keeps the evidence of the one it came from until the amendment edits it.
    for original, copy in zip(originals, copies, strict=True):
        attach_citations(
            actor=actor,
            obj=copy,
            citations=[
                {"source": c.source, "locator": c.locator, "status": c.status, "note": c.note}
                for c in original.citations.all()
            ],
        )
    audit(
        actor=actor,
        action="contracts.version.new",
        obj=version,
        changes={"contract": contract.key, "number": version.number, "replaces": base.number},
    )
    return version


def _proposal(version: Version) -> dict:
    return {
        "kind": KIND,
        "contract": version.contract.key,
        "version": version.number,
        "clauses": digest(version),
    }


@transaction.atomic
def submit(*, actor, version: Version, on: dt.date | None = None) -> Version:
    """Submit a draft to the body the statute names for contracts, or, where it names none,
    bring it into force by the clerk's act on `on` (the colony's day unless told)."""
    require(actor, Right.CONTRACTS_EDIT)
    version = (
        Version.objects.select_for_update(of=("self",))
        .select_related("contract")
        .get(pk=version.pk)
    )
    _reopen_if_ended(version)
    transitions.refuse_unless(transitions.can_move(version, VersionStatus.SUBMITTED), version)
    if not version.clauses.exists():
        raise Invalid(
            problems=[Problem(_("A version needs at least one clause."), field="clauses")]
        )
    today = colony_today()
    matter = deciding_matter(MatterKind.CONTRACT, today)
    if matter is None:
        return coming_into_force.bring_into_force(
            actor=actor, version=version, on=on or today, brought_by=BroughtBy.CLERK
        )
    contract = version.contract
    amendment = version.replaces is not None
    title = (
        _("Amendment of “%(c)s”: version %(n)s") if amendment else _("Conclusion of “%(c)s”")
    ) % {"c": contract.title, "n": version.number}
    motion = motions.file_motion(
        actor=actor,
        title=title[:300],
        text=_("To bring version %(n)s of the contract “%(c)s” into force (%(k)s clauses).")
        % {"n": version.number, "c": contract.title, "k": version.clauses.count()}
        + "\n"
        + _("The text: %(url)s") % {"url": _text_address(version, amendment)},
        matter=matter.id,
        body=matter.competent,
        as_of=today,
        right=Right.CONTRACTS_EDIT,
        proposal=_proposal(version),
    )
    version.status = VersionStatus.SUBMITTED
    version.motion = motion
    version.save(update_fields=["status", "motion"])
    audit(
        actor=actor,
        action="contracts.version.submit",
        obj=version,
        changes={"motion": motion.number, "body": matter.competent, "matter": matter.id},
    )
    return version


def _text_address(version: Version, amendment: bool) -> str:
    """Where the voters read what they vote on: the amendment's diff, or the first text."""
    name = "contracts:diff" if amendment else "contracts:version"
    return reverse(name, args=[version.contract.key, version.number])


def _reopen_if_ended(version: Version) -> None:
    """A submitted version whose motion failed or was withdrawn is a draft again."""
    if version.status != VersionStatus.SUBMITTED or version.motion_id is None:
        return
    if Motion.objects.filter(pk=version.motion_id, status__in=ENDED_WITHOUT_CARRYING).exists():
        transitions.move(version, VersionStatus.DRAFT)
        version.motion = None
        version.save(update_fields=["status", "motion"])


@transaction.atomic
def reopen(*, actor, version: Version) -> Version:
    """Make a submitted version a draft again once its motion has ended without carrying."""
    require(actor, Right.CONTRACTS_EDIT)
    version = Version.objects.select_for_update().get(pk=version.pk)
    before = version.motion_id
    _reopen_if_ended(version)
    if version.status != VersionStatus.DRAFT or before is None:
        raise NotNow(
            _("Only a version whose motion failed or was withdrawn goes back to draft."),
            rule=f"contract_version.{version.status}",
        )
    audit(actor=actor, action="contracts.version.reopen", obj=version, changes={"motion": before})
    return version
