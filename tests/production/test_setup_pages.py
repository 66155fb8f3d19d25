"""The set-up pages and API: units, products, plans and transfer acts, by a clerk."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kuzbas.audit.models import AuditEntry
from kuzbas.production import services
from kuzbas.production.models.catalogue import Product, TransferAct, Unit
from kuzbas.production.models.statistics import Plan
from tests.factories import SiteFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_a_clerk_adds_a_unit_on_its_page_and_it_is_listed(clerk):
    SiteFactory(key="east", name="East")
    response = clerk.client.post(
        "/production/units/",
        {"key": "pit-1", "name": "Pit 1", "kind": "mine", "site": "east", "opened": "2020-02-01"},
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Pit 1" in html and "1 February 2020" in html
    unit = Unit.objects.get(key="pit-1")
    assert (unit.site.key, unit.opened) == ("east", dt.date(2020, 2, 1))


def test_a_unit_with_a_taken_key_is_shown_again_with_the_field_named(colony, clerk):
    response = clerk.client.post(
        "/production/units/", {"key": "north", "name": "Another", "kind": "mine"}
    )
    assert response.status_code == 422
    assert response.context["form"].errors.keys() == {"key"}
    assert Unit.objects.filter(key="north").get().name == "North mine"


def test_a_clerk_edits_and_closes_a_unit_on_its_pages(colony, clerk):
    clerk.client.post(
        "/production/units/north/edit/", {"name": "North pit", "kind": "mine", "site": ""}
    )
    clerk.client.post("/production/units/north/close/", {"closed": "2025-01-31"})
    north = Unit.objects.get(key="north")
    assert (north.name, north.site, north.closed) == ("North pit", None, dt.date(2025, 1, 31))


def test_a_colonist_sees_the_lists_without_the_forms_and_may_not_post(colony, colonist):
    page = colonist.client.get("/production/units/")
    refused = colonist.client.post("/production/units/", {"key": "x", "name": "X", "kind": "mine"})
    assert page.status_code == 200
    assert "North mine" in page.content.decode()
    assert 'data-testid="unit-form"' not in page.content.decode()
    assert refused.status_code == 403
    assert not Unit.objects.filter(key="x").exists()


def test_a_product_with_an_unknown_unit_is_refused_on_the_page_naming_the_field(clerk):
    response = clerk.client.post(
        "/production/products/", {"key": "ore", "name": "Ore", "unit_of_measure": "wagon"}
    )
    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["unit_of_measure"]
    assert not Product.objects.exists()


def test_a_plan_that_meets_another_is_refused_on_the_page_naming_the_clash(colony, clerk):
    plan = {
        "unit": "north",
        "product": "coal",
        "period_kind": "month",
        "period_start": "2025-03-01",
        "target": "1000",
    }
    clerk.client.post("/production/plans/", plan)
    response = clerk.client.post(
        "/production/plans/", {**plan, "period_kind": "day", "period_start": "2025-03-09"}
    )
    assert response.status_code == 422
    assert "2025-03-31" in " ".join(response.context["form"].errors["period_start"])
    assert Plan.objects.count() == 1


def test_a_clerk_changes_a_plans_target_on_its_page(colony, clerk):
    plan = services.set_plan(
        actor=clerk.user,
        unit=colony["north"],
        product=colony["coal"],
        period_start=dt.date(2025, 3, 1),
        target=Decimal(1000),
    )
    clerk.client.post(f"/production/plans/{plan.pk}/edit/", {"target": "1100"})
    assert Plan.objects.get().target == 1100


def test_a_clerk_records_a_transfer_act_handing_a_unit_over_with_its_source(colony, clerk):
    SourceFactory(key="act-book")
    clerk.client.post(
        "/production/transfers/",
        {
            "key": "trust-2024",
            "title": "Act of 2024",
            "from_enterprise": "Coal trust",
            "date": "2024-01-01",
            "debt_share": "0.5",
            "units": ["north"],
            "source": "act-book",
            "locator": "f. 3",
        },
    )
    act = TransferAct.objects.get()
    assert list(act.units.values_list("key", flat=True)) == ["north"]
    assert act.citations.get().locator == "f. 3"
    assert Unit.objects.get(key="north").taken_over == dt.date(2024, 1, 1)


def test_the_import_page_offers_the_catalogues_files(clerk):
    html = clerk.client.get("/production/import/").content.decode()
    for kind in ("units", "products", "transfer_acts"):
        assert f'value="{kind}"' in html


def test_the_api_creates_lists_and_changes_units_products_and_plans(clerk):
    json = "application/json"
    created = clerk.client.post(
        "/api/production/units", {"key": "pit-1", "name": "Pit 1", "kind": "mine"}, json
    )
    product = clerk.client.post(
        "/api/production/products", {"key": "coal", "name": "Coal", "unit_of_measure": "t"}, json
    )
    plan = clerk.client.post(
        "/api/production/plans",
        {"unit": "pit-1", "product": "coal", "period_start": "2025-03-01", "target": "10"},
        json,
    )
    changed = clerk.client.patch(
        f"/api/production/plans/{plan.json()['id']}", {"target": "12"}, json
    )
    closed = clerk.client.patch("/api/production/units/pit-1", {"closed": "2025-12-31"}, json)
    assert (created.status_code, product.status_code, plan.status_code) == (201, 201, 201)
    assert changed.json()["target"] == "12.0000000000"
    assert closed.json()["closed"] == "2025-12-31"
    assert [u["key"] for u in clerk.client.get("/api/production/units").json()] == ["pit-1"]
    assert AuditEntry.objects.filter(action="production.plan.change").count() == 1


def test_the_api_names_the_field_of_a_bad_product_and_of_a_clashing_plan(colony, clerk):
    json = "application/json"
    bad = clerk.client.post(
        "/api/production/products", {"key": "ore", "name": "Ore", "unit_of_measure": "-"}, json
    )
    plan = {"unit": "north", "product": "coal", "period_start": "2025-03-01", "target": "10"}
    clerk.client.post("/api/production/plans", plan, json)
    clash = clerk.client.post(
        "/api/production/plans", {**plan, "period_kind": "day", "period_start": "2025-03-02"}, json
    )
    assert bad.status_code == 422
    assert [p["field"] for p in bad.json()["problems"]] == ["unit_of_measure"]
    assert (clash.status_code, clash.json()["code"], clash.json()["field"]) == (
        409,
        "conflict",
        "period_start",
    )


def test_the_api_imports_a_units_file_all_or_nothing(clerk):
    bad = b"key,name,kind\npit-1,Pit 1,mine\npit-2,Pit 2,quarry\n"
    response = clerk.client.post(
        "/api/production/imports",
        {"kind": "units", "commit": "true", "file": SimpleUploadedFile("u.csv", bad)},
    )
    assert response.status_code == 422
    assert [(p["line"], p["field"]) for p in response.json()["problems"]] == [(3, "kind")]
    assert not Unit.objects.exists()


def test_a_product_in_its_own_unit_is_added_on_the_page_with_its_factor_shown(clerk):
    clerk.client.post(
        "/production/products/",
        {
            "key": "ore",
            "name": "Ore",
            "unit_of_measure": "wagon",
            "reference_unit": "tonne",
            "factor": "16.5",
        },
    )
    html = clerk.client.get("/production/products/").content.decode()
    assert "1 wagon = 16.5 tonne" in html


def test_the_api_refuses_a_non_positive_factor_naming_the_field(clerk):
    response = clerk.client.post(
        "/api/production/products",
        {
            "key": "ore",
            "name": "Ore",
            "unit_of_measure": "wagon",
            "reference_unit": "t",
            "factor": -1,
        },
        "application/json",
    )
    assert response.status_code == 422
    assert [p["field"] for p in response.json()["problems"]] == ["factor"]


@pytest.mark.parametrize("page", ["/production/units/", "/production/plans/"])
def test_a_set_up_list_costs_the_same_queries_whatever_its_length(colony, clerk, page):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def plan(unit, month):
        services.set_plan(
            actor=clerk.user,
            unit=unit,
            product=colony["coal"],
            period_start=dt.date(2025, month, 1),
            target=Decimal(10),
        )

    plan(colony["north"], 1)
    with CaptureQueriesContext(connection) as few:
        clerk.client.get(page)
    site = SiteFactory(key="west")
    for n in range(4):
        extra = Unit.objects.create(key=f"extra-{n}", name=f"Extra {n}", kind="mine", site=site)
        plan(extra, n + 2)
    with CaptureQueriesContext(connection) as more:
        clerk.client.get(page)
    assert len(more) == len(few)
