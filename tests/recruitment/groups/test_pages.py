"""The pages of dispatch, contributions, arrival and the figures, as the bureau and a reader
use them."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from kuzbas.recruitment.models import Affiliation, Contribution
from kuzbas.recruitment.models.applications import ApplicationState
from tests.recruitment.groups.factories import AdmittedFactory

pytestmark = pytest.mark.django_db


def test_the_bureau_forms_a_group_on_its_page(bureau_clerk, group):
    response = bureau_clerk.client.post(
        reverse("recruitment:groups"),
        {"bureau": group.bureau.pk, "capacity": "20", "port": "New York"},
    )
    assert response.status_code == 302
    page = bureau_clerk.client.get(response["Location"])
    assert "New York" in page.content.decode()


def test_a_full_group_says_so_and_keeps_the_applicant_off(bureau_clerk, group):
    group.capacity = 1
    group.save()
    first, second = (AdmittedFactory(call__bureau=group.bureau) for _ in range(2))
    url = reverse("recruitment:group_join", args=[group.pk])
    bureau_clerk.client.post(url, {"application": first.pk})
    response = bureau_clerk.client.post(url, {"application": second.pk}, follow=True)
    assert "is full" in response.content.decode()
    second.refresh_from_db()
    assert second.dispatch_group is None


def test_a_reader_sees_the_group_and_its_balance_but_not_its_manifest(
    colonist, bureau_clerk, group
):
    applicant = AdmittedFactory(call__bureau=group.bureau, name="Jack Somebody")
    bureau_clerk.client.post(
        reverse("recruitment:group_join", args=[group.pk]), {"application": applicant.pk}
    )
    Affiliation.objects.create(application=applicant, group="IWW")
    page = colonist.client.get(reverse("recruitment:group", args=[group.pk])).content.decode()
    assert "Jack Somebody" not in page
    assert "&lt;5" in page
    clerk_page = bureau_clerk.client.get(reverse("recruitment:group", args=[group.pk]))
    assert "Jack Somebody" in clerk_page.content.decode()


def test_cash_in_two_instalments_is_recorded_paid_and_receipted(bureau_clerk):
    applicant = AdmittedFactory(name="Анна Иванова")
    response = bureau_clerk.client.post(
        reverse("recruitment:add_cash", args=[applicant.pk]),
        {
            "amount": "100.00",
            "currency": "USD",
            "instalments": "60.00 1922-05-15\n40.00 1922-06-15",
        },
    )
    assert response.status_code == 302
    cash = Contribution.objects.get(application=applicant)
    for part in cash.instalments.all():
        bureau_clerk.client.post(reverse("recruitment:pay", args=[part.pk]), {"on": "1922-05-20"})
    assert not cash.instalments.filter(paid_on__isnull=True).exists()
    pdf = bureau_clerk.client.get(reverse("recruitment:receipt", args=[applicant.pk]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Анна Иванова" in text
    assert "100.00 USD" in text


def test_a_day_that_is_not_one_is_refused_by_name_and_nothing_is_paid(bureau_clerk):
    applicant = AdmittedFactory()
    bureau_clerk.client.post(
        reverse("recruitment:add_cash", args=[applicant.pk]),
        {"amount": "10.00", "currency": "USD", "instalments": "10.00 1922-05-15"},
    )
    part = Contribution.objects.get(application=applicant).instalments.get()

    page = bureau_clerk.client.post(
        reverse("recruitment:pay", args=[part.pk]), {"on": "1922-02-30"}, follow=True
    )

    part.refresh_from_db()
    assert part.paid_on is None
    assert "On: Enter a valid date." in page.content.decode()


def test_a_bad_instalment_line_is_named_and_nothing_is_stored(bureau_clerk):
    applicant = AdmittedFactory()
    response = bureau_clerk.client.post(
        reverse("recruitment:add_cash", args=[applicant.pk]),
        {"amount": "100.00", "currency": "USD", "instalments": "60.00 tomorrow"},
    )
    assert response.status_code == 422
    assert "Line 1" in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_colonist_cannot_read_an_applicants_contributions(colonist):
    applicant = AdmittedFactory()
    response = colonist.client.get(reverse("recruitment:admitted", args=[applicant.pk]))
    assert response.status_code == 403


def test_the_figures_page_shows_the_funnel_and_the_chart(colonist):
    AdmittedFactory(call__key="prospectus-1922")
    page = colonist.client.get(reverse("recruitment:figures")).content.decode()
    assert "chart-retention-group-spec" in page
    assert "Engineers and workers wanted" in page


def test_no_export_holds_an_affiliation(bureau_clerk, group):
    applicant = AdmittedFactory(call__bureau=group.bureau, state=ApplicationState.ADMITTED)
    Affiliation.objects.create(application=applicant, group="Wobbly-secret-marker")
    for table in ("groups", "funnel", "applications", "contributions", "instalments"):
        for fmt in ("csv", "xlsx"):
            body = bureau_clerk.client.get(reverse("recruitment:export", args=[table, fmt]))
            assert body.status_code == 200
            assert b"Wobbly-secret-marker" not in body.content


def test_readers_export_groups_but_not_applications(colonist):
    assert (
        colonist.client.get(reverse("recruitment:export", args=["groups", "csv"])).status_code
        == 200
    )
    denied = colonist.client.get(reverse("recruitment:export", args=["applications", "csv"]))
    assert denied.status_code == 403


def test_the_group_arrives_from_its_page_and_its_members_appear_in_the_registry(
    bureau_clerk, group
):
    applicant = AdmittedFactory(call__bureau=group.bureau, name="Arriving Member")
    bureau_clerk.client.post(
        reverse("recruitment:group_join", args=[group.pk]), {"application": applicant.pk}
    )
    bureau_clerk.client.post(reverse("recruitment:group_depart", args=[group.pk]), {})
    arrived = bureau_clerk.client.post(
        reverse("recruitment:group_arrive", args=[group.pk]), {"on": "1922-07-25"}, follow=True
    )
    applicant.refresh_from_db()
    assert applicant.arrived_on == dt.date(1922, 7, 25)
    assert f"{group} has arrived; 1 became a member." in arrived.content.decode()
    page = bureau_clerk.client.get(reverse("recruitment:admitted", args=[applicant.pk]))
    assert reverse("members:person", args=[applicant.person.key]) in page.content.decode()
