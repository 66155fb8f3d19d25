"""A contract with the state, as the money tests need it: two parties, a version in force with
three clauses (support, a loan, debts taken over with the mines), and the clerk who keeps it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import factory
from django.utils import timezone

from kuzbas.contracts.models.contracts import Contract, ContractParty, PartyRole
from kuzbas.contracts.models.parties import Party
from kuzbas.contracts.models.versions import Clause, Version

D = dt.date


class PartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Party

    key = factory.Sequence(lambda n: f"party-{n}")
    name = factory.Sequence(lambda n: f"Party {n}")
    kind = "state_body"


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    key = factory.Sequence(lambda n: f"contract-{n}")
    title = factory.Sequence(lambda n: f"Contract {n}")
    status = "in_force"
    in_force_from = D(1921, 11, 22)
    created_at = factory.LazyFunction(timezone.now)


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Version

    contract = factory.SubFactory(ContractFactory)
    number = 1
    status = "in_force"
    created_at = factory.LazyFunction(timezone.now)


class ClauseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clause

    version = factory.SubFactory(VersionFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Clause text {n}")


@dataclass
class MoneyWorld:
    contract: Contract
    version: Version
    support: Clause
    loan: Clause
    debts: Clause
    state: Party
    enterprise: Party


def make_money_world(key: str = "sto-1921") -> MoneyWorld:
    enterprise = PartyFactory(key=f"{key}-colony", name="The colony", kind="enterprise")
    state = PartyFactory(key=f"{key}-sto", name="Council of Labour and Defence")
    contract = ContractFactory(key=key, title="Contract with the STO")
    ContractParty.objects.create(contract=contract, party=enterprise, role=PartyRole.ENTERPRISE)
    ContractParty.objects.create(contract=contract, party=state, role=PartyRole.COUNTERPARTY)
    version = VersionFactory(contract=contract)
    support = ClauseFactory(version=version, number="1", order=1, text="Support")
    loan = ClauseFactory(version=version, number="2", order=2, text="Loan")
    debts = ClauseFactory(version=version, number="3", order=3, text="Debts of the mines")
    return MoneyWorld(contract, version, support, loan, debts, state, enterprise)
