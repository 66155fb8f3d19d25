"""Set-up pages: units, products, plans and transfer acts, each a list with its form.

Anyone who may see production sees the lists; the forms are for those who may edit it (the
services check the right again). A refusal is shown on the form, at the field it names.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kuzbas.core.acting import act
from kuzbas.core.pagination import page_of
from kuzbas.core.rights import Right, has_right, require
from kuzbas.core.validation import written
from kuzbas.members.access import site_for_user
from kuzbas.members.models import Site
from kuzbas.production import access, catalogue, services
from kuzbas.production.models.catalogue import Product, TransferAct, Unit
from kuzbas.production.models.statistics import Plan
from kuzbas.production.setup_forms import (
    CloseUnitForm,
    PlanForm,
    PlanTargetForm,
    ProductForm,
    TransferActForm,
    UnitForm,
)
from kuzbas.record.access import source_named

PLANS_PER_PAGE = 50


def _rights(request: HttpRequest) -> dict:
    return {
        "can_edit": has_right(request.user, Right.PRODUCTION_EDIT),
        "can_link": has_right(request.user, Right.PRODUCTION_EDIT),
        "can_import": has_right(request.user, Right.PRODUCTION_IMPORT),
    }


def _sites() -> QuerySet[Site]:
    return Site.objects.order_by("name")


def _units() -> QuerySet[Unit]:
    return Unit.objects.select_related("site", "transfer_act").order_by("kind", "name")


def _written(request: HttpRequest, form, write, done: str) -> bool:
    return request.method == "POST" and written(request, form, write, done)


def _status(form) -> int:
    return 422 if form is not None and form.is_bound and form.errors else 200


@require_http_methods(["GET", "POST"])
def units(request: HttpRequest) -> HttpResponse:
    """The units, and a form to add one."""
    require(request.user, Right.PRODUCTION_VIEW)
    rights = _rights(request)
    if request.method == "POST":
        require(request.user, Right.PRODUCTION_EDIT)
    form = UnitForm(request.POST or None, sites=_sites()) if rights["can_edit"] else None

    def create(data):
        site = data.pop("site")
        catalogue.create_unit(
            actor=request.user, site=site_for_user(request.user, site) if site else None, **data
        )

    if form is not None and _written(request, form, create, _("The unit was added.")):
        return redirect("production:units")
    return render(
        request,
        "production/units.html",
        {"units": _units(), "form": form, **rights},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def unit_edit(request: HttpRequest, key: str) -> HttpResponse:
    """Change a unit's details; close it."""
    require(request.user, Right.PRODUCTION_EDIT)
    unit = access.unit_for_user(request.user, key)
    initial = {
        "name": unit.name,
        "kind": unit.kind,
        "site": unit.site.key if unit.site_id else "",
        "opened": unit.opened,
        "description": unit.description,
    }
    form = UnitForm(request.POST or None, initial=initial, sites=_sites(), editing=True)

    def change(data):
        changes = {name: data[name] for name in form.changed_data}
        if "site" in changes:
            changes["site"] = site_for_user(request.user, data["site"]) if data["site"] else None
        catalogue.change_unit(actor=request.user, unit=unit, **changes)

    if _written(request, form, change, _("The unit was saved.")):
        return redirect("production:units")
    return render(
        request,
        "production/unit_form.html",
        {"unit": unit, "form": form, "close_form": CloseUnitForm(), **_rights(request)},
        status=_status(form),
    )


@require_POST
def unit_close(request: HttpRequest, key: str) -> HttpResponse:
    """Record the day a unit closed."""
    require(request.user, Right.PRODUCTION_EDIT)
    unit = access.unit_for_user(request.user, key)
    form = CloseUnitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Closed on: give the day as YYYY-MM-DD."))
        return redirect("production:unit_edit", key=unit.key)
    return act(
        request,
        lambda: catalogue.close_unit(
            actor=request.user, unit=unit, closed=form.cleaned_data["closed"]
        ),
        back="production:units",
        success=_("%(u)s is closed.") % {"u": unit.name},
    )


@require_http_methods(["GET", "POST"])
def products(request: HttpRequest) -> HttpResponse:
    """The products with their units of measure, and a form to add one."""
    require(request.user, Right.PRODUCTION_VIEW)
    rights = _rights(request)
    if request.method == "POST":
        require(request.user, Right.PRODUCTION_EDIT)
    form = ProductForm(request.POST or None) if rights["can_edit"] else None

    def create(data):
        catalogue.create_product(actor=request.user, **data)

    if form is not None and _written(request, form, create, _("The product was added.")):
        return redirect("production:products")
    return render(
        request,
        "production/products.html",
        {"products": Product.objects.order_by("name"), "form": form, **rights},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def product_edit(request: HttpRequest, key: str) -> HttpResponse:
    """Rename a product, or change its unit of measure while nothing is kept in it."""
    require(request.user, Right.PRODUCTION_EDIT)
    product = access.product_named(request.user, key)
    initial = {
        "name": product.name,
        "unit_of_measure": product.unit_of_measure,
        "reference_unit": product.reference_unit,
        "factor": product.factor.normalize() if product.factor is not None else None,
    }
    form = ProductForm(request.POST or None, initial=initial, editing=True)

    def change(data):
        changes = {name: data[name] for name in form.changed_data}
        catalogue.change_product(actor=request.user, product=product, **changes)

    if _written(request, form, change, _("The product was saved.")):
        return redirect("production:products")
    return render(
        request,
        "production/product_form.html",
        {"product": product, "form": form, **_rights(request)},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def plans(request: HttpRequest) -> HttpResponse:
    """The plans, newest first, and a form to set one."""
    require(request.user, Right.PRODUCTION_VIEW)
    rights = _rights(request)
    if request.method == "POST":
        require(request.user, Right.PRODUCTION_EDIT)
    form = (
        PlanForm(
            request.POST or None,
            units=Unit.objects.filter(closed__isnull=True).order_by("name"),
            products=Product.objects.order_by("name"),
        )
        if rights["can_edit"]
        else None
    )

    def create(data):
        services.set_plan(
            actor=request.user,
            unit=access.unit_for_user(request.user, data.pop("unit")),
            product=access.product_named(request.user, data.pop("product")),
            **data,
        )

    if form is not None and _written(request, form, create, _("The plan was set.")):
        return redirect("production:plans")
    found = Plan.objects.select_related("unit", "product").order_by(
        "-period_start", "unit__name", "product__name"
    )
    return render(
        request,
        "production/plans.html",
        {"page": page_of(request, found, PLANS_PER_PAGE), "form": form, **rights},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a plan's target."""
    require(request.user, Right.PRODUCTION_EDIT)
    plan = access.plan_for_user(request.user, pk)
    initial = {"target": plan.target_entered.normalize(), "unit_entered": plan.unit_entered}
    form = PlanTargetForm(request.POST or None, initial=initial)

    def change(data):
        services.change_plan(actor=request.user, plan=plan, **data)

    if _written(request, form, change, _("The plan was saved.")):
        return redirect("production:plans")
    return render(
        request,
        "production/plan_form.html",
        {"plan": plan, "form": form, **_rights(request)},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def transfers(request: HttpRequest) -> HttpResponse:
    """The acts that handed units to the colony, and a form to record one."""
    require(request.user, Right.PRODUCTION_VIEW)
    rights = _rights(request)
    if request.method == "POST":
        require(request.user, Right.PRODUCTION_EDIT)
    form = (
        TransferActForm(request.POST or None, units=Unit.objects.order_by("name"))
        if rights["can_edit"]
        else None
    )

    def create(data):
        source, locator = data.pop("source"), data.pop("locator")
        citations = [{"source": source_named(source), "locator": locator}] if source else []
        catalogue.create_transfer_act(
            actor=request.user,
            units=[access.unit_for_user(request.user, k) for k in data.pop("units")],
            citations=citations,
            **data,
        )

    if form is not None and _written(request, form, create, _("The transfer act was recorded.")):
        return redirect("production:transfers")
    acts = TransferAct.objects.prefetch_related("units").order_by("-date", "key")
    return render(
        request,
        "production/transfers.html",
        {"acts": acts, "form": form, **rights},
        status=_status(form),
    )
