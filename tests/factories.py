"""factory_boy factories for the registry and the record."""

from __future__ import annotations

import datetime as dt

import factory

from kuzbas.members.models import (
    Employment,
    Membership,
    MembershipCategory,
    MembershipStatus,
    Person,
    RoleGrant,
    Site,
    SiteKind,
    User,
    WorkCategory,
)
from kuzbas.record.models import Source, SourceKind


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"site-{n}")
    name = factory.Sequence(lambda n: f"Site {n}")
    kind = SiteKind.COLONY


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    key = factory.Sequence(lambda n: f"person-{n}")
    name_latin = factory.Sequence(lambda n: f"Colonist Number{n}")
    trade = "miner"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    status = MembershipStatus.MEMBER
    category = MembershipCategory.COLONIST
    valid_from = dt.date(1922, 1, 1)
    valid_to = None


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employment

    person = factory.SubFactory(PersonFactory)
    category = WorkCategory.PRODUCTION
    title = "hewer"
    valid_from = dt.date(1922, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery")


class RoleGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    key = factory.Sequence(lambda n: f"source-{n}")
    kind = SourceKind.ARCHIVE
    title = factory.Sequence(lambda n: f"File {n}")
    archive = "RGASPI"
    fond = "626"
    opis = "1"
    delo = "6"


class SeatHoldingFactory(factory.django.DjangoModelFactory):
    """A person in a seat; the seat comes from a loaded statute (see tests/governance)."""

    class Meta:
        model = "governance.SeatHolding"

    person = factory.SubFactory(PersonFactory)
    valid_from = dt.date(1922, 11, 1)
    valid_to = None
