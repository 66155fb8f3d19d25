"""How a contract version comes into force, on every path: by the carried decision of the
body the statute names (the `contract_version` effect of a motion filed by `versions.submit`,
registered from `ContractsConfig.ready`), by the clerk's act where no body decides contracts,
or recorded with its source where it came into force outside the register (the state's
approval of 1921).

Coming into force supersedes the version before it. Its open obligations move to the clause
the amendment carries them on; one whose clause the amendment drops, or restates with
obligations of its own, is "waived by an amendment".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.contracts import transitions
from kuzbas.contracts.models.contracts import ActKind, Contract, ContractStatus
from kuzbas.contracts.models.obligations import Obligation, ObligationStatus, StatusBy
from kuzbas.contracts.models.versions import BroughtBy, Version, VersionStatus
from kuzbas.contracts.services import agreements
from kuzbas.core.errors import Conflict, Invalid, NotFound, NotNow, Problem
from kuzbas.core.rights import Right, require
from kuzbas.governance import effects

KIND = "contract_version"


def digest(version: Version) -> str:
    """Return the SHA-256 of the version's clauses (number, text, translation, in order)."""
    rows = list(version.clauses.order_by("order").values_list("number", "text", "translation"))
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()


def in_force(contract: Contract) -> Version | None:
    return contract.versions.filter(status=VersionStatus.IN_FORCE).first()


@transaction.atomic
def record_in_force(
    *,
    actor,
    version: Version,
    on: dt.date,
    precision: str = "day",
    by=None,
    title: str = "",
    signatories=(),
    citations=(),
) -> Version:
    """Record that a version came into force by an act outside the register (the state's
    approval of 1921, a contract concluded before the enterprise kept its register), on its
    day and with its source: the clerk's act, which a documented citation must back."""
    require(actor, Right.CONTRACTS_EDIT)
    citations = list(citations)
    if not any(c.get("source") is not None for c in citations):
        raise Invalid(
            problems=[
                Problem(
                    _("Name the source that records this version coming into force."),
                    field="source",
                )
            ]
        )
    version = (
        Version.objects.select_for_update(of=("self",))
        .select_related("contract", "replaces")
        .get(pk=version.pk)
    )
    if not version.clauses.exists():
        raise Invalid(
            problems=[Problem(_("A version needs at least one clause."), field="clauses")]
        )
    return bring_into_force(
        actor=actor,
        version=version,
        on=on,
        brought_by=BroughtBy.CLERK,
        act={
            "precision": precision,
            "by": by,
            "signatories": signatories,
            "citations": citations,
            **({"title": title} if title else {}),
        },
    )


def bring_into_force(
    *, actor, version: Version, on: dt.date, brought_by: str, decision=None, act=None
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
        kind=kind if decision is not None or act else ActKind.IN_FORCE,
        date=on,
        decision=decision,
        right=None if decision is not None else Right.CONTRACTS_EDIT,
        **{"title": str(version), **(act or {})},
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
    bring_into_force(
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
