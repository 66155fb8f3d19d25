"""Contracts and parties may be cited from their pages and the API (`kuzbas.record.citable`)."""

from __future__ import annotations

from django.urls import reverse

from kuzbas.contracts.access import contract_for_user, party_named
from kuzbas.contracts.models.contracts import Contract
from kuzbas.contracts.models.parties import Party
from kuzbas.record.citable import register_citable

register_citable(
    Contract,
    fetch=contract_for_user,
    identify=lambda contract: contract.key,
    page=lambda contract: reverse("contracts:contract", args=[contract.key]),
)
register_citable(
    Party,
    fetch=lambda user, key: party_named(user, key, field="object_id"),
    identify=lambda party: party.key,
    page=lambda party: reverse("contracts:parties") + f"#party-{party.key}",
)
