"""A present-day cooperative under its template (contracts are the general meeting's matter),
its keeper of contracts, a municipality, a mine and coal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from kuzbas.contracts.models.contracts import PartyRole
from kuzbas.contracts.services import agreements, clauses, parties
from kuzbas.core.actor import Operator
from kuzbas.core.rights import Role
from kuzbas.governance.services import decisions, statute_book
from kuzbas.governance.statute_templates import TEMPLATES
from kuzbas.production.catalogue import create_product, create_unit
from tests.factories import MembershipFactory, PersonFactory, RoleGrantFactory, UserFactory

TODAY = dt.date(2026, 3, 2)  # the cooperative's template in force since January


@dataclass
class World:
    keeper: object  # a clerk: keeps the contracts
    chair: object  # a board member: records the general meeting's counts
    enterprise: object
    city: object
    mine: object
    coal: object


def make_world(*, statute: bool) -> World:
    operator = Operator("test")
    if statute:
        statute_book.load_statute_version(
            actor=operator, path_or_text=TEMPLATES["cooperative"].text()
        )
    for key in ("anna", "boris", "vera"):
        MembershipFactory(person=PersonFactory(key=key), valid_from=dt.date(2026, 1, 1))
    keeper = UserFactory(username="keeper", person=PersonFactory(key="keeper"))
    RoleGrantFactory(user=keeper, role=Role.CLERK)
    chair = UserFactory(username="chair")
    RoleGrantFactory(user=chair, role=Role.BOARD_MEMBER)
    enterprise = parties.add_party(
        actor=keeper, key="coop", name="Kuzbas cooperative", kind="enterprise"
    )
    city = parties.add_party(
        actor=keeper, key="kemerovo-city", name="City of Kemerovo", kind="municipality"
    )
    mine = create_unit(actor=operator, key="mine-1", name="Mine No. 1", kind="mine")
    coal = create_product(actor=operator, key="coal", name="Coal", unit_of_measure="tonne")
    return World(keeper, chair, enterprise, city, mine, coal)


@pytest.fixture
def world(db, settings) -> World:
    settings.KUZBAS_TODAY = TODAY
    return make_world(statute=True)


@pytest.fixture
def no_statute(db, settings) -> World:
    """The same, with no statute stored: no body's matter decides contracts."""
    settings.KUZBAS_TODAY = TODAY
    return make_world(statute=False)


def lease(world: World, key: str = "lease"):
    """A lease of a plant from the city, version 1 a draft with three clauses."""
    contract = agreements.create_contract(
        actor=world.keeper,
        key=key,
        title="Lease of the Kemerovo coke plant",
        parties=[(world.enterprise, PartyRole.ENTERPRISE), (world.city, PartyRole.COUNTERPARTY)],
        language="ru",
        translation_language="en",
    )
    version = contract.versions.get(number=1)
    for number, text in (
        ("1", "The city leases the coke plant to the cooperative for ten years."),
        ("2", "The cooperative delivers 1000 tonnes of coal to the city by 31 December."),
        ("3", "The rent is paid quarterly."),
    ):
        clauses.add_clause(actor=world.keeper, version=version, number=number, text=text)
    return contract, version


def carry(world: World, motion, *, yes: int = 3, no: int = 0):
    return decisions.record_counted_vote(
        actor=world.chair, motion=motion, yes=yes, no=no, abstain=0, present=3, decided_on=TODAY
    )
