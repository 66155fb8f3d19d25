"""Factories for the second half of recruitment: the admitted, their groups and contributions.
Applications are put in the admitted state directly, as the bureau's screening and the body's
vote would leave them."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from kuzbas.recruitment.models import Application, Bureau, Call, DispatchGroup
from kuzbas.recruitment.models.applications import ApplicationState
from kuzbas.recruitment.models.calls import CallStatus


class GroupBureauFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bureau
        django_get_or_create = ("key",)

    key = "new-york"
    name = "American Organization Committee"
    city = "New York"


class OpenCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    bureau = factory.SubFactory(GroupBureauFactory)
    key = factory.Sequence(lambda n: f"prospectus-{n}")
    title = "Engineers and workers wanted"
    title_ru = "Требуются инженеры и рабочие"
    opens = dt.date(1922, 1, 1)
    status = CallStatus.OPEN


class AdmittedFactory(factory.django.DjangoModelFactory):
    """An applicant the competent body admitted."""

    class Meta:
        model = Application

    call = factory.SubFactory(OpenCallFactory)
    reference = factory.Sequence(lambda n: f"ADM-{n:06d}")
    name = factory.Sequence(lambda n: f"Admitted Applicant{n}")
    email = factory.Sequence(lambda n: f"admitted{n}@example.org")
    nationality = "American"
    trade = "miner"
    consent_at = factory.LazyFunction(timezone.now)
    policy_version = "1"
    submitted_at = factory.LazyFunction(timezone.now)
    state = ApplicationState.ADMITTED
    admitted_on = dt.date(1922, 5, 1)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DispatchGroup

    bureau = factory.SubFactory(GroupBureauFactory)
    number = factory.Sequence(lambda n: n + 1)
    capacity = 3
    port = "New York"
    departs_on = dt.date(1922, 6, 10)
    route = "New York – Libau – Moscow – Kemerovo"
    arrives_on = dt.date(1922, 7, 25)
