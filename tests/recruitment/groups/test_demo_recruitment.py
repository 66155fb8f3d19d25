"""The demo's recruitment: the bureau and its call cite the seed; the groups the article
mentions; every application and contribution is illustrative and says so; no person twice."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from kuzbas.core.actor import Operator
from kuzbas.demo.loader import load_demo
from kuzbas.members.models import Person
from kuzbas.record.models import Citation
from kuzbas.recruitment.models import Application, Bureau, Call, Contribution, DispatchGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    load_demo(actor=Operator("demo"))


def _citations(obj):
    ct = ContentType.objects.get_for_model(obj)
    return Citation.objects.filter(content_type=ct, object_id=obj.pk)


def test_the_bureau_and_the_prospectus_cite_the_seed(demo):
    bureau = Bureau.objects.get(key="american-organization-committee")
    assert {m.name for m in bureau.members.all()} >= {"Calvert", "Barker"}
    call = Call.objects.get(key="prospectus-1922")
    cited = {c.source.key for c in _citations(call) if c.source}
    assert {"kuzbas-prospectus-1922", "yamanouchi-2025"} <= cited
    fourth = DispatchGroup.objects.get(number=4)
    assert "rutgers-to-haywood-pearson-1922-08-27" in {
        c.source.key for c in _citations(fourth) if c.source
    }


def test_pearson_arrives_with_the_fourth_group_as_the_registrys_own_person(demo):
    fourth = DispatchGroup.objects.get(number=4)
    pearson = fourth.applications.get()
    assert pearson.person.key == "pearson"
    assert Person.objects.filter(name_latin__icontains="pearson").count() == 1
    assert pearson.person.memberships.count() == 1


def test_every_application_and_contribution_is_marked_illustrative(demo):
    for application in Application.objects.all():
        assert _citations(application).filter(status="illustrative").exists(), application
    for contribution in Contribution.objects.all():
        assert _citations(contribution).filter(status="illustrative").exists(), contribution


def test_the_pages_mark_the_illustrative_applicant(demo, client):
    from tests.conftest import make_persona

    clerk = make_persona("bureau_clerk")
    olsen = Application.objects.get(name="Harry Olsen")
    page = clerk.client.get(reverse("recruitment:admitted", args=[olsen.pk])).content.decode()
    assert "illustrative" in page
    figures = clerk.client.get(reverse("recruitment:figures")).content.decode()
    assert 'class="illustrative"' in figures
