"""The parties to contracts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from kuzbas.audit.services import audit
from kuzbas.contracts.models.parties import Party
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.record.services import attach_citations


@transaction.atomic
def add_party(
    *,
    actor,
    key: str,
    name: str,
    kind: str,
    name_original: str = "",
    short_name: str = "",
    place: str = "",
    note: str = "",
    citations: Iterable[Mapping[str, Any]] = (),
) -> Party:
    """Add a party: a state body, a municipality, a buyer, a lender, or the enterprise."""
    require(actor, Right.CONTRACTS_EDIT)
    party = Party(
        key=key.strip(),
        name=name.strip(),
        kind=kind,
        name_original=name_original.strip(),
        short_name=short_name.strip(),
        place=place.strip(),
        note=note.strip(),
    )
    full_clean_or_invalid(party)
    party.save()
    attach_citations(actor=actor, obj=party, citations=citations)
    audit(
        actor=actor,
        action="contracts.party.add",
        obj=party,
        changes={"key": party.key, "name": party.name, "kind": kind},
    )
    return party
