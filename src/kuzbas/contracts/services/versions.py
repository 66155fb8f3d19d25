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

Coming into force supersedes the version before it. Its open obligations move to the clause
the amendment carries them on; one whose clause the amendment drops, or restates with
obligations of its own, is "waived by an amendment".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.contracts import transitions
from kuzbas.contracts.models.contracts import ActKind, Contract, ContractStatus
from kuzbas.contracts.models.obligations import Obligation, ObligationStatus, StatusBy
from kuzbas.contracts.models.versions import BroughtBy, Clause, Section, Version, VersionStatus
from kuzbas.contracts.services import agreements
from kuzbas.core.actor import label
from kuzbas.core.clock import colony_today
from kuzbas.core.errors import Conflict, Invalid, NotFound, NotNow, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.governance import effects
from kuzbas.governance.models import Motion, MotionStatus
from kuzbas.governance.services import motions
from kuzbas.governance.services.admission import deciding_matter
from kuzbas.statute.model import MatterKind

KIND = "contract_version"
ENDED_WITHOUT_CARRYING = (
    MotionStatus.FAILED,
    MotionStatus.NO_QUORUM,
    MotionStatus.WITHDRAWN,
)


def digest(version: Version) -> str:
    """Return the SHA-256 of the version's clauses (number, text, translation, in order)."""
    rows = list(version.clauses.order_by("order").values_list("number", "text", "translation"))
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def in_force(contract: Contract) -> Version | None:
    return contract.versions.filter(status=VersionStatus.IN_FORCE).first()


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
    Clause.objects.bulk_create(
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
        for clause in base.clauses.order_by("order")
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
    version = Version.objects.select_for_update().select_related("contract").get(pk=version.pk)
    _reopen_if_ended(version)
    transitions.refuse_unless(transitions.can_move(version, VersionStatus.SUBMITTED), version)
    if not version.clauses.exists():
        raise Invalid(
            problems=[Problem(_("A version needs at least one clause."), field="clauses")]
        )
    today = colony_today()
    matter = deciding_matter(MatterKind.CONTRACT, today)
    if matter is None:
        return _bring_into_force(
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
        % {"n": version.number, "c": contract.title, "k": version.clauses.count()},
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


def _bring_into_force(
    *, actor, version: Version, on: dt.date, brought_by: str, decision=None
) -> Version:
    contract = Contract.objects.select_for_update().get(pk=version.contract_id)
    before = in_force(contract)
    if before is not None:
        if before.pk != getattr(version.replaces, "pk", None):
            raise Conflict(
                _("Version %(n)s replaces version %(r)s, but version %(f)s is in force.")
                % {
                    "n": version.number,
                    "r": version.replaces.number if version.replaces else "—",
                    "f": before.number,
                },
                rule="contract_version.replaces",
            )
        transitions.move(before, VersionStatus.SUPERSEDED)
        before.superseded_on = on
        before.save(update_fields=["status", "superseded_on"])
    transitions.move(version, VersionStatus.IN_FORCE)
    version.in_force_from = on
    version.brought_by = brought_by
    version.decision = decision
    version.save(update_fields=["status", "in_force_from", "brought_by", "decision"])
    if contract.status != ContractStatus.IN_FORCE or contract.in_force_from is None:
        contract.status = ContractStatus.IN_FORCE
        contract.in_force_from = contract.in_force_from or on
        contract.save(update_fields=["status", "in_force_from"])
    moved, waived = _carry_obligations(before, version, on) if before else (0, 0)
    kind = ActKind.AMENDED if before is not None else ActKind.CONCLUDED
    agreements.record_act(
        actor=actor,
        contract=contract,
        version=version,
        kind=kind if decision is not None else ActKind.IN_FORCE,
        date=on,
        decision=decision,
        title=str(version),
        right=None if decision is not None else Right.CONTRACTS_EDIT,
    )
    audit(
        actor=actor,
        action="contracts.version.in_force",
        obj=version,
        changes={
            "contract": contract.key,
            "number": version.number,
            "on": on.isoformat(),
            "by": brought_by,
            "decision": decision.sequence if decision is not None else None,
            "superseded": before.number if before else None,
            "obligations_moved": moved,
            "obligations_waived": waived,
        },
    )
    return version


def _carry_obligations(old: Version, new: Version, on: dt.date) -> tuple[int, int]:
    """Move the old version's open obligations to the clauses the new one carries them on;
    waive those whose clause it drops or restates with obligations of its own."""
    heirs = {
        c.carried_from_id: c
        for c in new.clauses.filter(carried_from__isnull=False).prefetch_related("obligations")
    }
    moved = waived = 0
    for obligation in Obligation.objects.filter(version=old, status=ObligationStatus.OPEN):
        heir = heirs.get(obligation.clause_id) if obligation.clause_id else None
        restated = heir is not None and any(True for _o in heir.obligations.all())
        if obligation.clause_id is None or (heir is not None and not restated):
            obligation.version = new
            obligation.clause = heir
            obligation.save(update_fields=["version", "clause"])
            moved += 1
        else:
            obligation.status = ObligationStatus.WAIVED
            obligation.waived_by = new
            obligation.status_by = StatusBy.AMENDMENT
            obligation.status_on = on
            obligation.save(update_fields=["status", "waived_by", "status_by", "status_on"])
            waived += 1
    return moved, waived


# The effect of a carried motion


def _version_in(proposal: dict) -> Version:
    version = (
        Version.objects.select_related("contract", "replaces")
        .filter(contract__key=proposal.get("contract"), number=proposal.get("version"))
        .first()
    )
    if version is None:
        raise NotFound(_("The contract version this motion brings into force is not on record."))
    return version


def record_version(motion, statute, result, decided_on) -> dict:
    """What the register entry records of the act: the contract, the version, its digest."""
    proposal = motion.proposal
    return {
        "contract": proposal["contract"],
        "version": proposal["version"],
        "clauses": proposal["clauses"],
    }


def carry_version(*, actor, decision) -> None:
    """Bring the version the carried motion names into force on the day of the decision."""
    motion = decision.motion
    version = Version.objects.select_for_update().get(pk=_version_in(motion.proposal).pk)
    if version.status != VersionStatus.SUBMITTED or version.motion_id != motion.pk:
        raise NotNow(
            _("Version %(n)s is no longer the one submitted with this motion (it is %(s)s).")
            % {"n": version.number, "s": version.get_status_display()},
            rule=f"contract_version.{version.status}",
        )
    if digest(version) != motion.proposal["clauses"]:
        raise Conflict(
            _("The clauses of version %(n)s changed after the motion was filed.")
            % {"n": version.number},
            rule="contract_version.clauses",
        )
    _bring_into_force(
        actor=actor,
        version=version,
        on=decision.decided_on,
        brought_by=BroughtBy.DECISION,
        decision=decision,
    )


EFFECT = effects.Effect(KIND, carry=carry_version, record=record_version)


def register() -> None:
    """Plug the effect into motions; `ContractsConfig.ready` calls this."""
    effects.register(EFFECT)
