"""Political affiliation, asked only where the call asks it, never shows per person: not on any
application page, not in the API, not in the data package, not in the audit trail. It is
reported only as counts per group, with fewer than five shown as "<5"."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from kuzbas.audit.models import AuditEntry
from kuzbas.core.actor import Operator
from kuzbas.datapackage import export_datapackage
from kuzbas.money.amounts import money
from kuzbas.recruitment import balance
from kuzbas.recruitment.models import Affiliation, Application
from tests.conftest import make_persona
from tests.recruitment.conftest import form_data
from tests.recruitment.factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db

# Group names no other text of the test world holds, so that finding one means a leak.
GROUPS = ["Quetzal-Left", "Quetzal-Right", "Quetzal-None"]
CHOSEN = "Quetzal-Right"


@pytest.fixture
def balanced_call(bureau):
    return CallFactory(
        bureau=bureau,
        key="balanced",
        asks_affiliation=True,
        affiliation_choices=GROUPS,
        contribution=money("100.00", "USD"),
    )


def export_text(tmp_path: Path, name: str) -> str:
    directory = tmp_path / name
    export_datapackage(actor=Operator("test"), directory=directory)
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(directory.iterdir()))


def test_the_affiliation_is_stored_apart_and_never_shown_per_person(balanced_call, tmp_path):
    before = export_text(tmp_path, "before")
    response = Client().post(
        reverse("recruitment:apply", args=[balanced_call.key]),
        form_data(balanced_call, affiliation=CHOSEN, name="Ella Reeve", email="ella@example.org"),
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert Affiliation.objects.get(application=application).group == CHOSEN

    admin = make_persona("admin")
    seen = {
        "application page": admin.client.get(
            reverse("recruitment:application", args=[application.pk])
        ),
        "applications list": admin.client.get(reverse("recruitment:applications")),
        "application API": admin.client.get(f"/api/recruitment/applications/{application.pk}"),
        "applications API": admin.client.get("/api/recruitment/applications"),
        "audit trail": admin.client.get(reverse("audit:trail")),
    }
    for where, page in seen.items():
        assert page.status_code == 200, where
        assert CHOSEN not in page.content.decode(), where
    assert "Ella Reeve" in seen["application page"].content.decode()  # the page did render
    for entry in AuditEntry.objects.all():
        assert CHOSEN not in str(entry.changes) + entry.object_repr
    # The package names the call's groups as before, and nothing more about the applicant.
    after = export_text(tmp_path, "after")
    assert after.count(CHOSEN) == before.count(CHOSEN)
    assert "recruitment_affiliation" not in after


def test_the_balance_shows_fewer_than_five_as_less_than_five(balanced_call):
    for _n in range(6):
        Affiliation.objects.create(
            application=ApplicationFactory(call=balanced_call), group=GROUPS[0]
        )
    Affiliation.objects.create(application=ApplicationFactory(call=balanced_call), group=GROUPS[1])
    for _n in range(7):
        ApplicationFactory(call=balanced_call)  # did not say

    cells = balance.of_applications(balanced_call.applications.all(), GROUPS)

    assert {c.group: c.shown for c in cells} == {
        GROUPS[0]: "6",
        GROUPS[1]: "<5",
        GROUPS[2]: "<5",
        "not given": "7",
    }


def test_a_lone_small_cell_is_not_left_to_be_worked_out_from_the_total():
    cells = balance.cells({"CP": 12, "IWW": 3, "non-party": 9})

    assert [c.shown for c in cells] == ["12", "<5", "—"]


def test_the_call_page_and_api_give_the_balance_as_counts(balanced_call, colonist):
    Affiliation.objects.create(application=ApplicationFactory(call=balanced_call), group=CHOSEN)

    page = colonist.client.get(reverse("recruitment:call", args=[balanced_call.key]))
    answer = colonist.client.get(f"/api/recruitment/calls/{balanced_call.key}/balance").json()

    assert 'data-testid="balance"' in page.content.decode()
    assert {g["group"]: g["shown"] for g in answer["groups"]}[CHOSEN] == "<5"


def test_a_call_that_does_not_ask_refuses_an_affiliation(call):
    response = Client().post(
        reverse("recruitment:apply", args=[call.key]), form_data(call, affiliation="CP")
    )

    assert response.status_code == 422
    assert not Application.objects.exists()
