"""The winding-up's pages on a copy of the demo: the preview of the colony's end the record
gives, the decision through the STO, the run with its confirmation, the report, and every page
of the record still opening afterwards."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from kuzbas.contracts.models import WindingUp
from kuzbas.core.actor import Operator
from kuzbas.demo.loader import load_demo
from kuzbas.governance.models import Motion
from kuzbas.governance.register import verify_register
from kuzbas.members.models import Membership, User
from tests.browser.test_every_page import _pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, settings):
    settings.KUZBAS_TODAY = dt.date(1922, 10, 1)
    load_demo(actor=Operator("test"))
    client.force_login(User.objects.get(username="admin"))
    return client


def test_the_page_shows_what_the_record_s_liquidation_would_do_and_changes_nothing(
    admin_client,
):
    open_before = Membership.objects.filter(valid_to__isnull=True).count()

    page = admin_client.get(reverse("contracts:winding_up"))

    text = page.content.decode()
    assert page.status_code == 200
    assert "The STO’s conference decides to liquidate the colony" in text or "liquidate" in text
    assert page.context["plan"].effective_on == dt.date(1927, 1, 1)
    assert page.context["plan"].successor.name.startswith("Kuzbassugol")
    assert page.context["decide_form"]["body"].value() == "sto"
    assert 'data-testid="membership-row"' in text
    assert not WindingUp.objects.exists()
    assert Membership.objects.filter(valid_to__isnull=True).count() == open_before


def test_a_decision_form_missing_its_dates_names_the_fields(admin_client):
    page = admin_client.post(reverse("contracts:winding_up_decide"), {"body": "sto"})

    assert page.status_code == 422
    assert {"effective_on", "decided_on", "title"} <= set(page.context["decide_form"].errors)
    assert not Motion.objects.filter(matter="winding_up").exists()


def test_run_through_the_pages_then_every_page_of_the_record_still_opens(admin_client):
    # The login page sends a logged-in user on; a form's address opened by GET is the 405 page.
    not_pages = {reverse("login"), reverse("meetings:convene")}
    pages = [u for u in _pages() if u not in not_pages]
    # What opened before the end (the walk's stale "coming" argument aside) opens after it.
    opened_before = {url for url in pages if admin_client.get(url).status_code == 200}
    assert len(opened_before) >= len(pages) - 1
    filed = admin_client.post(
        reverse("contracts:winding_up_decide"),
        {
            "body": "sto",
            "kind": "reorganisation",
            "title": "Liquidation of the colony into Kuzbassugol",
            "decided_on": "1926-12-22",
            "effective_on": "1927-01-01",
            "successor": "Kuzbassugol",
        },
    )
    motion = Motion.objects.get(matter="winding_up")
    assert filed.status_code == 302
    counted = admin_client.post(
        reverse("governance:motion_count", args=[motion.number]),
        {"yes": 1, "no": 0, "abstain": 0, "present": 1, "decided_on": "1926-12-22"},
    )
    assert counted.status_code in (200, 302)
    assert WindingUp.objects.get().status == "decided"

    unconfirmed = admin_client.post(reverse("contracts:winding_up_run"), {"everyone": "end"})
    assert unconfirmed.status_code == 302
    assert WindingUp.objects.get().status == "decided"

    ran = admin_client.post(
        reverse("contracts:winding_up_run"), {"everyone": "pass", "confirm": "yes"}
    )
    assert ran.status_code == 302
    assert WindingUp.objects.get().status == "done"
    assert verify_register().ok

    report = admin_client.get(reverse("contracts:winding_up_report"))
    assert "Kuzbassugol" in report.content.decode()
    pdf = admin_client.get(reverse("contracts:winding_up_pdf"))
    assert pdf.content.startswith(b"%PDF")

    # And the winding-up's own entries: its motion, each step's motion and register entry.
    steps = WindingUp.objects.get().steps.select_related("decision__motion")
    own = [reverse("governance:motion", args=[motion.number])]
    for step in steps:
        own.append(reverse("governance:motion", args=[step.decision.motion.number]))
        own.append(reverse("governance:decision", args=[step.decision.sequence]))
    failures = []
    for url in own + sorted(opened_before):
        status = admin_client.get(url).status_code
        if status != 200:
            failures.append(f"{url}: {status}")
    assert failures == []
