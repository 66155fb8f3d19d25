"""Possible duplicates are flagged by likeness of name, e-mail or phone, shown to the clerk,
and never merged."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kuzbas.recruitment.models import Application, DuplicateFlag
from tests.factories import PersonFactory
from tests.recruitment.conftest import form_data

pytestmark = pytest.mark.django_db


def apply(call, **fields):
    response = Client().post(
        reverse("recruitment:apply", args=[call.key]), form_data(call, **fields)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Application.objects.order_by("-pk").first()


def test_a_reapplication_with_a_misspelt_name_is_flagged_and_both_are_kept(call):
    first = apply(call, name="John Smith", email="john.smith@example.org", phone="")

    second = apply(call, name="Jon Smiht", email="jsmith@mail.example", phone="")

    flag = DuplicateFlag.objects.get(application=second)
    assert flag.earlier == first and flag.matched == ["name"]
    assert flag.verdict == "open"
    assert Application.objects.count() == 2


def test_the_same_phone_written_another_way_is_flagged(call):
    apply(call, name="Maria Kowalska", email="", phone="+1 (212) 555-0199")

    second = apply(call, name="M. Novak", email="", phone="212 555 0199")

    assert DuplicateFlag.objects.get(application=second).matched == ["phone"]


def test_a_member_of_the_registry_with_a_like_name_is_flagged(call):
    member = PersonFactory(key="pearson", name_latin="Sebald Rutgers")

    application = apply(call, name="Sebald Rutgres", email="sr@example.org", phone="")

    assert DuplicateFlag.objects.get(application=application).person == member


def test_different_people_are_not_flagged(call):
    apply(call, name="John Smith", email="john@example.org", phone="+1 212 555 0100")

    second = apply(call, name="Olga Petrova", email="olga@example.org", phone="+7 495 123 4567")

    assert not DuplicateFlag.objects.filter(application=second).exists()


def test_the_clerk_sees_the_flag_and_rules_without_merging(call, bureau_clerk):
    first = apply(call, name="John Smith", phone="")
    second = apply(call, name="Jon Smiht", email="other@example.org", phone="")
    flag = DuplicateFlag.objects.get(application=second)

    listed = bureau_clerk.client.get(reverse("recruitment:applications"))
    page = bureau_clerk.client.get(reverse("recruitment:application", args=[second.pk]))

    assert 'data-testid="possible-duplicate"' in listed.content.decode()
    assert reverse("recruitment:application", args=[first.pk]) in page.content.decode()
    bureau_clerk.client.post(
        reverse("recruitment:duplicate", args=[second.pk, flag.pk]), {"same": "yes"}
    )
    flag.refresh_from_db()
    assert (flag.verdict, flag.verdict_by) == ("same", bureau_clerk.user)
    assert Application.objects.count() == 2
