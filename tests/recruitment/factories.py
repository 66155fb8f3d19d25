"""factory_boy factories for recruitment: bureaus, calls, applications."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from kuzbas.recruitment.models import Application, Bureau, Call, RefusalReason, Stage
from kuzbas.recruitment.models.calls import CallStatus
from kuzbas.recruitment.services.bureaus import DEFAULT_STAGES


class BureauFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bureau
        django_get_or_create = ("key",)
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"bureau-{n}")
    name = factory.Sequence(lambda n: f"Bureau {n}")
    city = "New York"

    @factory.post_generation
    def stages(self, create, extracted, **kwargs):
        if create and not self.stages.exists():
            for order, (key, name, name_ru) in enumerate(extracted or DEFAULT_STAGES, start=1):
                Stage.objects.create(bureau=self, key=key, name=name, name_ru=name_ru, order=order)


class RefusalReasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RefusalReason

    bureau = factory.SubFactory(BureauFactory)
    key = factory.Sequence(lambda n: f"reason-{n}")
    name = "No place for this trade"
    letter = "Dear applicant, we have no place for your trade this year."
    letter_ru = "Уважаемый заявитель, в этом году места по вашей специальности нет."


class CallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Call

    bureau = factory.SubFactory(BureauFactory)
    key = factory.Sequence(lambda n: f"call-{n}")
    title = "Engineers and workers wanted"
    title_ru = "Требуются инженеры и рабочие"
    text = "The colony needs miners and engineers."
    opens = dt.date(1922, 1, 1)
    closes = None
    status = CallStatus.OPEN


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    reference = factory.Sequence(lambda n: f"REF-{n:06d}")
    name = factory.Sequence(lambda n: f"Applicant Number{n}")
    email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    trade = "miner"
    consent_at = factory.LazyFunction(timezone.now)
    policy_version = "1"
    submitted_at = factory.LazyFunction(timezone.now)
    stage = factory.LazyAttribute(lambda a: a.call.bureau.stages.order_by("order").first())
