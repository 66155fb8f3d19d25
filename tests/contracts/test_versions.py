"""A contract version comes into force only through a carried decision of the body the
statute names (the cooperative's general meeting), linked in the register; where no body's
matter decides contracts, the clerk's act brings it in force directly."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.contracts.models.contracts import ActKind, ContractStatus
from kuzbas.contracts.models.obligations import ObligationStatus
from kuzbas.contracts.models.versions import BroughtBy, VersionStatus
from kuzbas.contracts.services import clauses, obligations, versions
from kuzbas.core.errors import Conflict, NotNow, NotPermitted
from kuzbas.core.lifecycle import IllegalTransition
from kuzbas.governance.models import Motion, MotionStatus
from kuzbas.governance.register import verify_register
from kuzbas.governance.services import admission, motions, statute_book
from kuzbas.statute.model import MatterKind
from tests.contracts.conftest import TODAY, carry, lease
from tests.factories import UserFactory
from tests.statute.examples import DEMO_STATUTES

pytestmark = pytest.mark.django_db


def test_submitting_a_version_files_a_motion_with_the_general_meeting_and_changes_nothing_yet(
    world,
):
    contract, version = lease(world)

    version = versions.submit(actor=world.keeper, version=version)

    motion = version.motion
    assert (motion.matter, motion.body.key, motion.status) == (
        "contracts",
        "general-meeting",
        MotionStatus.FILED,
    )
    assert motion.proposal["kind"] == "contract_version"
    assert (motion.proposal["contract"], motion.proposal["version"]) == ("lease", 1)
    assert motion.proposal["clauses"] == versions.digest(version)
    assert "/contracts/lease/v1/" in motion.text
    assert version.status == VersionStatus.SUBMITTED
    contract.refresh_from_db()
    assert contract.status == ContractStatus.DRAFT


def test_the_carried_decision_brings_the_version_into_force_linked_in_the_register(world):
    contract, version = lease(world)
    version = versions.submit(actor=world.keeper, version=version)

    decision = carry(world, version.motion)

    version.refresh_from_db()
    contract.refresh_from_db()
    assert (version.status, version.decision, version.brought_by) == (
        VersionStatus.IN_FORCE,
        decision,
        BroughtBy.DECISION,
    )
    assert version.in_force_from == TODAY
    assert (contract.status, contract.in_force_from) == (ContractStatus.IN_FORCE, TODAY)
    assert decision.payload["act"]["clauses"] == versions.digest(version)
    act = contract.acts.get(kind=ActKind.CONCLUDED)
    assert act.decision == decision
    assert verify_register().ok


def test_a_failed_vote_leaves_the_version_submitted_and_it_goes_back_to_draft(world):
    contract, version = lease(world)
    version = versions.submit(actor=world.keeper, version=version)

    carry(world, version.motion, yes=0, no=3)
    versions.reopen(actor=world.keeper, version=version)

    version.refresh_from_db()
    assert (version.status, version.motion) == (VersionStatus.DRAFT, None)
    contract.refresh_from_db()
    assert contract.status == ContractStatus.DRAFT


def test_a_version_waiting_for_its_vote_cannot_be_edited(world):
    _contract, version = lease(world)
    versions.submit(actor=world.keeper, version=version)
    version.refresh_from_db()

    with pytest.raises(IllegalTransition):
        clauses.add_clause(actor=world.keeper, version=version, number="4", text="More.")


def test_without_a_body_for_contracts_the_clerks_act_brings_it_into_force_recorded(no_statute):
    contract, version = lease(no_statute)

    version = versions.submit(actor=no_statute.keeper, version=version)

    assert (version.status, version.brought_by, version.motion) == (
        VersionStatus.IN_FORCE,
        BroughtBy.CLERK,
        None,
    )
    assert not Motion.objects.exists()
    assert contract.acts.filter(kind=ActKind.IN_FORCE, date=TODAY).exists()
    assert AuditEntry.objects.filter(action="contracts.version.in_force").exists()


def test_a_colonist_may_not_submit_a_version(world):
    _contract, version = lease(world)
    colonist = UserFactory(username="reader")

    with pytest.raises(NotPermitted):
        versions.submit(actor=colonist, version=version)


def _in_force(world, contract, version):
    version = versions.submit(actor=world.keeper, version=version)
    carry(world, version.motion)
    version.refresh_from_db()
    return version


def test_an_amendment_copies_the_clauses_remembering_where_each_came_from(world):
    contract, first = lease(world)
    first = _in_force(world, contract, first)

    second = versions.new_version(actor=world.keeper, contract=contract, title="New lease")

    assert second.number == 2 and second.replaces == first
    copied = list(second.clauses.order_by("order").values_list("number", "text"))
    assert copied == list(first.clauses.order_by("order").values_list("number", "text"))
    assert {c.carried_from.version for c in second.clauses.all()} == {first}


def test_a_second_amendment_waits_until_the_first_is_decided(world):
    contract, first = lease(world)
    _in_force(world, contract, first)
    versions.new_version(actor=world.keeper, contract=contract)

    with pytest.raises(Conflict):
        versions.new_version(actor=world.keeper, contract=contract)


def test_the_amendment_in_force_supersedes_the_first_and_waives_what_it_drops(world):
    contract, first = lease(world)
    first = _in_force(world, contract, first)
    clause = {c.number: c for c in first.clauses.all()}
    delivery = obligations.add_obligation(
        actor=world.keeper,
        version=first,
        clause=clause["2"],
        debtor="enterprise",
        kind="delivery",
        title="1000 t of coal to the city",
        due=dt.date(2026, 12, 31),
    )
    rent = obligations.add_obligation(
        actor=world.keeper,
        version=first,
        clause=clause["3"],
        debtor="enterprise",
        kind="payment",
        title="Rent for the first quarter",
        due=dt.date(2026, 3, 31),
    )
    second = versions.new_version(actor=world.keeper, contract=contract)
    clauses.remove_clause(actor=world.keeper, clause=second.clauses.get(number="2"))

    second = _in_force(world, contract, second)

    first.refresh_from_db()
    delivery.refresh_from_db()
    rent.refresh_from_db()
    assert (first.status, first.superseded_on) == (VersionStatus.SUPERSEDED, TODAY)
    assert (delivery.status, delivery.waived_by) == (ObligationStatus.WAIVED, second)
    assert (rent.status, rent.version, rent.clause.version) == (
        ObligationStatus.OPEN,
        second,
        second,
    )
    assert contract.acts.filter(kind=ActKind.AMENDED, version=second).exists()


def test_an_amendment_that_restates_a_clauses_obligation_waives_the_old_one(world):
    contract, first = lease(world)
    first = _in_force(world, contract, first)
    old = obligations.add_obligation(
        actor=world.keeper,
        version=first,
        clause=first.clauses.get(number="2"),
        debtor="enterprise",
        kind="delivery",
        title="1000 t by December",
        due=dt.date(2026, 12, 31),
    )
    second = versions.new_version(actor=world.keeper, contract=contract)
    restated = second.clauses.get(number="2")
    clauses.change_clause(
        actor=world.keeper, clause=restated, text=restated.text.replace("31 December", "June")
    )
    postponed = obligations.add_obligation(
        actor=world.keeper,
        version=second,
        clause=restated,
        debtor="enterprise",
        kind="delivery",
        title="1000 t by June next year",
        due=dt.date(2027, 6, 30),
    )

    _in_force(world, contract, second)

    old.refresh_from_db()
    postponed.refresh_from_db()
    assert old.status == ObligationStatus.WAIVED
    assert postponed.status == ObligationStatus.OPEN


def test_a_motion_filed_by_hand_with_the_effect_cannot_bring_in_a_version_not_submitted(world):
    _contract, version = lease(world)
    motion = motions.file_motion(
        actor=world.chair,
        title="Bring it in",
        text="",
        matter="contracts",
        body="general-meeting",
        as_of=TODAY,
        proposal=versions._proposal(version),
    )

    with pytest.raises(NotNow):
        carry(world, motion)

    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT


def test_the_demo_statutes_give_contracts_to_the_committee_and_then_the_managing_board(db):
    from kuzbas.core.actor import Operator

    for name in ("aick-1921.toml", "aick-1922-10.toml"):
        statute_book.load_statute_version(actor=Operator("test"), path_or_text=DEMO_STATUTES / name)

    early = admission.deciding_matter(MatterKind.CONTRACT, dt.date(1922, 1, 1))
    late = admission.deciding_matter(MatterKind.CONTRACT, dt.date(1923, 1, 1))

    assert (early.competent, late.competent) == ("organization-committee", "managing-board")
    assert late.concurrence == ("sto",)
