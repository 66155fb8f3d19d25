"""The demo's recruiting: the New York committee and the 1922 prospectus, cited; the
application the demo needs is marked illustrative."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from kuzbas.core.actor import Operator
from kuzbas.demo.loader import load_demo
from kuzbas.record.models import Citation
from kuzbas.recruitment.models import Application, Bureau, BureauMember, Call

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db, settings):
    settings.KUZBAS_TODAY = None
    load_demo(actor=Operator("test"))


def citations_of(obj):
    return Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )


def test_the_prospectus_is_an_open_call_of_the_new_york_committee_cited_to_note_2(demo):
    call = Call.objects.get(key="prospectus-1922")

    assert call.bureau.key == "american-organization-committee"
    assert call.status == "open" and call.asks_affiliation
    assert citations_of(call).filter(source__key="kuzbas-prospectus-1922").exists()
    assert citations_of(call).filter(locator="n. 2").exists()


def test_every_demo_bureau_member_and_call_is_cited(demo):
    for obj in [*Bureau.objects.all(), *BureauMember.objects.all(), *Call.objects.all()]:
        assert citations_of(obj).exists(), obj


def test_the_demo_application_says_it_is_illustrative(demo):
    for application in Application.objects.all():
        statuses = set(citations_of(application).values_list("status", flat=True))
        assert statuses == {"illustrative"}, application
