"""Contracts with their parties, dated acts with signatories and sources, the signed original."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from kuzbas.contracts import originals
from kuzbas.contracts.models.contracts import ActKind
from kuzbas.contracts.services import agreements, parties
from kuzbas.core.errors import Invalid, NotPermitted
from kuzbas.record.models import Evidence
from tests.contracts.conftest import lease
from tests.factories import SourceFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_contract_starts_with_its_parties_and_a_draft_first_version(world):
    contract, version = lease(world)

    assert [(r.party.key, r.role) for r in contract.parties.order_by("order")] == [
        ("coop", "enterprise"),
        ("kemerovo-city", "counterparty"),
    ]
    assert (version.number, version.status, version.language) == (1, "draft", "ru")


def test_an_act_keeps_its_date_as_precise_as_the_source_and_its_signatories(world):
    contract, _version = lease(world)
    source = SourceFactory(key="minutes")

    act = agreements.record_act(
        actor=world.keeper,
        contract=contract,
        kind=ActKind.SIGNED,
        date=dt.date(2026, 2, 1),
        precision="month",
        by=world.city,
        signatories=[
            {"name": "I. Petrov", "position": "mayor", "party": world.city},
            {"name": "A. Sidorova", "position": "chair of the board", "party": world.enterprise},
        ],
        citations=[{"source": source, "locator": "item 3"}],
    )

    assert act.when == "2026-02"
    assert [s.name for s in act.signatories.all()] == ["I. Petrov", "A. Sidorova"]
    citation = act.citations.get()
    assert (citation.source, citation.status) == (source, Evidence.DOCUMENTED)


def test_an_act_of_an_unknown_kind_is_refused_naming_the_field(world):
    contract, _version = lease(world)

    with pytest.raises(Invalid) as refused:
        agreements.record_act(
            actor=world.keeper, contract=contract, kind="blessed", date=dt.date(2026, 2, 1)
        )

    assert refused.value.problems[0].field == "kind"


def test_a_reader_may_not_add_a_party(world):
    with pytest.raises(NotPermitted):
        parties.add_party(actor=UserFactory(), key="x", name="X", kind="buyer")


def test_only_one_party_is_the_enterprise(world):
    with pytest.raises(Invalid):
        parties.add_party(actor=world.keeper, key="coop-2", name="Another", kind="enterprise")


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_the_signed_original_is_kept_by_its_checksum(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    _contract, version = lease(world)

    originals.attach_original(actor=world.keeper, version=version, data=PDF, file_name="lease.pdf")

    version.refresh_from_db()
    digest = hashlib.sha256(PDF).hexdigest()
    assert (version.original_sha256, version.original_size, version.original_type) == (
        digest,
        len(PDF),
        "application/pdf",
    )
    assert originals.stored_path(version).read_bytes() == PDF


def test_a_signed_original_over_the_limit_or_of_another_kind_is_refused(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.KUZBAS_DOCUMENT_MAX_BYTES = 20
    _contract, version = lease(world)

    with pytest.raises(Invalid) as too_big:
        originals.attach_original(actor=world.keeper, version=version, data=PDF)
    settings.KUZBAS_DOCUMENT_MAX_BYTES = 10_000
    with pytest.raises(Invalid) as markup:
        originals.attach_original(actor=world.keeper, version=version, data=b"<html>x</html>")

    assert too_big.value.problems[0].field == markup.value.problems[0].field == "file"
    version.refresh_from_db()
    assert version.original_sha256 == ""
    assert not any(tmp_path.iterdir())


def test_a_contract_may_not_take_the_key_of_a_contracts_page(world):
    from kuzbas.contracts.models.contracts import PartyRole

    with pytest.raises(Invalid) as refused:
        agreements.create_contract(
            actor=world.keeper,
            key="due",
            title="Due",
            parties=[(world.enterprise, PartyRole.ENTERPRISE)],
        )

    assert refused.value.problems[0].field == "key"
