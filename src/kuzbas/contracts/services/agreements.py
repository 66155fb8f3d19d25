"""Contracts: made with their parties and a first draft version; the parties' roles; dated
acts (signed, approved, investigated...) with their signatories and sources."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.contracts.models.contracts import (
    Act,
    Contract,
    ContractParty,
    PartyRole,
    Signatory,
)
from kuzbas.contracts.models.parties import Party
from kuzbas.contracts.models.versions import Version
from kuzbas.core.actor import label
from kuzbas.core.dates import Precision
from kuzbas.core.errors import Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.record.services import attach_citations

Citations = Iterable[Mapping[str, Any]]
# The contracts' own addresses (`/contracts/due/`…): no contract may take one as its key.
RESERVED_KEYS = frozenset({"parties", "due", "obligations"})


def _user(actor):
    return actor if getattr(actor, "_meta", None) is not None else None


@transaction.atomic
def create_contract(
    *,
    actor,
    key: str,
    title: str,
    parties: Iterable[tuple[Party, str]] = (),
    title_original: str = "",
    subject: str = "",
    language: str = "",
    translation_language: str = "",
    note: str = "",
    citations: Citations = (),
) -> Contract:
    """Make a contract with its parties and role, and its first version as a draft."""
    require(actor, Right.CONTRACTS_EDIT)
    if key.strip() in RESERVED_KEYS:
        raise Invalid(
            problems=[
                Problem(_("“%(k)s” names a page; choose another key.") % {"k": key}, field="key")
            ]
        )
    contract = Contract(
        key=key.strip(),
        title=title.strip(),
        title_original=title_original.strip(),
        subject=subject.strip(),
        note=note.strip(),
        created_at=timezone.now(),
        created_by=_user(actor),
        created_by_label=label(actor),
    )
    full_clean_or_invalid(contract)
    contract.save()
    for order, (party, role) in enumerate(parties):
        _add_role(contract, party, role, order=order, field=f"parties.{order}")
    version = Version(
        contract=contract,
        number=1,
        language=language.strip(),
        translation_language=translation_language.strip(),
        created_at=contract.created_at,
        created_by=contract.created_by,
        created_by_label=contract.created_by_label,
    )
    full_clean_or_invalid(version)
    version.save()
    attach_citations(actor=actor, obj=contract, citations=citations)
    audit(
        actor=actor,
        action="contracts.contract.create",
        obj=contract,
        changes={
            "key": contract.key,
            "title": contract.title,
            "parties": [[p.key, r] for p, r in parties],
        },
    )
    return contract


def _add_role(
    contract: Contract, party: Party, role: str, *, order: int, named_as: str = "", field: str
) -> ContractParty:
    if role not in PartyRole.values:
        raise Invalid(problems=[Problem(_("There is no role “%(r)s”.") % {"r": role}, field=field)])
    if contract.parties.filter(party=party, role=role).exists():
        raise Invalid(
            problems=[
                Problem(
                    _("%(party)s is already a party to this contract as %(role)s.")
                    % {"party": party, "role": PartyRole(role).label},
                    field=field,
                )
            ]
        )
    link = ContractParty(
        contract=contract, party=party, role=role, named_as=named_as.strip(), order=order
    )
    full_clean_or_invalid(link)
    link.save()
    return link


@transaction.atomic
def add_party_to_contract(
    *, actor, contract: Contract, party: Party, role: str, named_as: str = ""
) -> ContractParty:
    """Add a party to a contract in a role (a guarantor, the approving authority)."""
    require(actor, Right.CONTRACTS_EDIT)
    order = contract.parties.count()
    link = _add_role(contract, party, role, order=order, named_as=named_as, field="party")
    audit(
        actor=actor,
        action="contracts.contract.party",
        obj=contract,
        changes={"party": party.key, "role": role, "named_as": link.named_as},
    )
    return link


@transaction.atomic
def record_act(
    *,
    actor,
    contract: Contract,
    kind: str,
    date: dt.date,
    precision: str = Precision.DAY,
    version: Version | None = None,
    title: str = "",
    description: str = "",
    place: str = "",
    by: Party | None = None,
    decision=None,
    signatories: Iterable[Mapping[str, Any]] = (),
    citations: Citations = (),
    right: Right | None = Right.CONTRACTS_EDIT,
) -> Act:
    """Record a dated act on a contract or one of its versions, who did it, who signed, and
    its sources. A carried decision records its own act (`right=None`): the register entry,
    not the chair's rights, is its authority."""
    if right is not None:
        require(actor, right)
    if version is not None and version.contract_id != contract.pk:
        raise Invalid(
            problems=[Problem(_("That version is of another contract."), field="version")]
        )
    act = Act(
        contract=contract,
        version=version,
        kind=kind,
        date=date,
        precision=precision,
        title=title.strip(),
        description=description.strip(),
        place=place.strip(),
        by=by,
        decision=decision,
        recorded_at=timezone.now(),
        recorded_by_label=label(actor),
    )
    full_clean_or_invalid(act)
    act.save()
    names = []
    for order, spec in enumerate(signatories):
        signatory = Signatory(
            act=act,
            party=spec.get("party"),
            name=str(spec.get("name", "")).strip(),
            position=str(spec.get("position", "")).strip(),
            person=spec.get("person"),
            order=order,
        )
        full_clean_or_invalid(signatory, exclude=["act"])
        signatory.save()
        names.append(signatory.name)
    attach_citations(actor=actor, obj=act, citations=citations)
    audit(
        actor=actor,
        action="contracts.act.record",
        obj=contract,
        changes={
            "act": act.pk,
            "kind": kind,
            "date": date.isoformat(),
            "precision": precision,
            "version": version.number if version else None,
            "by": by.key if by else None,
            "decision": decision.sequence if decision else None,
            "signatories": names,
        },
    )
    return act
