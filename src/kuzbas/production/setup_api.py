"""Set-up endpoints: units, products, plans and transfer acts (list, create, change).

Mounted inside the production router (`api.router`), under /api/production/.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from kuzbas.core.pagination import ApiPagination
from kuzbas.core.rights import Right, require
from kuzbas.members.access import site_for_user
from kuzbas.members.schemas import SourceCitationIn
from kuzbas.production import access, catalogue, selectors, services
from kuzbas.production.models.catalogue import Product, TransferAct
from kuzbas.production.models.statistics import PeriodKind, Plan
from kuzbas.record.access import source_named
from kuzbas.record.api import CitationOut, citations_out

router = Router(tags=["production"])


class UnitOut(Schema):
    key: str
    name: str
    kind: str
    site: str | None
    opened: dt.date | None
    taken_over: dt.date | None
    closed: dt.date | None
    transfer_act: str | None
    citations: list[CitationOut]


def unit_out(unit) -> dict:
    return {
        "key": unit.key,
        "name": unit.name,
        "kind": unit.kind,
        "site": unit.site.key if unit.site_id else None,
        "opened": unit.opened,
        "taken_over": unit.taken_over,
        "closed": unit.closed,
        "transfer_act": unit.transfer_act.key if unit.transfer_act_id else None,
        "citations": citations_out(unit),
    }


class UnitIn(Schema):
    key: str
    name: str
    kind: str = Field(description="mine, plant or workshop")
    site: str = Field("", description="the site's key")
    opened: dt.date | None = None
    closed: dt.date | None = None
    description: str = ""
    citations: list[SourceCitationIn] = []


class UnitPatch(Schema):
    name: str | None = None
    kind: str | None = None
    site: str | None = Field(None, description="the site's key; empty for none")
    opened: dt.date | None = None
    description: str | None = None
    closed: dt.date | None = Field(None, description="close the unit on this day")


class ProductOut(Schema):
    key: str
    name: str
    unit_of_measure: str
    reference_unit: str
    factor: str | None

    @staticmethod
    def resolve_factor(obj: Product) -> str | None:
        return str(obj.factor) if obj.factor is not None else None


class ProductIn(Schema):
    key: str
    name: str
    unit_of_measure: str = Field(
        description="a unit pint knows (tonne, kilogram, pood, litre…), or the product's own"
    )
    reference_unit: str = Field("", description="for the product's own unit: a unit pint knows")
    factor: Decimal | None = Field(None, description="how much of the reference unit one holds")


class ProductPatch(Schema):
    name: str | None = None
    unit_of_measure: str | None = None
    reference_unit: str | None = None
    factor: Decimal | None = None


class PlanOut(Schema):
    id: int
    unit: str
    product: str
    period_kind: str
    period_start: dt.date
    period_end: dt.date
    target: str
    unit_of_measure: str
    target_entered: str
    unit_entered: str

    @staticmethod
    def resolve_unit(obj: Plan) -> str:
        return obj.unit.key

    @staticmethod
    def resolve_product(obj: Plan) -> str:
        return obj.product.key

    @staticmethod
    def resolve_target(obj: Plan) -> str:
        return str(obj.target)

    @staticmethod
    def resolve_target_entered(obj: Plan) -> str:
        return str(obj.target_entered)

    @staticmethod
    def resolve_unit_of_measure(obj: Plan) -> str:
        return obj.product.unit_of_measure


class PlanIn(Schema):
    unit: str
    product: str
    period_kind: PeriodKind = PeriodKind.MONTH
    period_start: dt.date
    target: Decimal
    unit_entered: str = Field("", description="empty: the product's unit of measure")


class PlanPatch(Schema):
    target: Decimal
    unit_entered: str = ""


class TransferActOut(Schema):
    key: str
    title: str
    from_enterprise: str
    date: dt.date
    debt_share: str
    staff: int | None
    note: str
    units: list[str]
    citations: list[CitationOut]


class TransferActIn(Schema):
    key: str
    title: str
    from_enterprise: str
    date: dt.date
    debt_share: Decimal = Field(description="0 to 1; one half is 0.5")
    staff: int | None = None
    output_baseline: str = ""
    note: str = ""
    units: list[str] = Field([], description="keys of the units the act hands over")
    citations: list[SourceCitationIn] = []


class HandOverIn(Schema):
    units: list[str] = Field(min_length=1, description="keys of the units the act hands over")


def _citations(specs: list[SourceCitationIn]) -> list[dict]:
    return [
        {"source": source_named(c.source, field=f"citations.{n}.source"), "locator": c.locator}
        for n, c in enumerate(specs)
    ]


def _act_out(act: TransferAct) -> dict:
    return {
        "key": act.key,
        "title": act.title,
        "from_enterprise": act.from_enterprise,
        "date": act.date,
        "debt_share": str(act.debt_share),
        "staff": act.staff,
        "note": act.note,
        "units": [u.key for u in act.units.all()],
        "citations": citations_out(act),
    }


def _site(request: HttpRequest, key: str):
    return site_for_user(request.user, key) if key else None


@router.get("/units", response=list[UnitOut], summary="Mines, plants and workshops")
def list_units(request: HttpRequest):
    require(request.user, Right.PRODUCTION_VIEW)
    return [unit_out(u) for u in selectors.units()]


@router.post("/units", response={201: UnitOut}, summary="Add a unit")
def create_unit(request: HttpRequest, payload: UnitIn):
    data = payload.dict()
    unit = catalogue.create_unit(
        actor=request.user,
        **{
            **data,
            "site": _site(request, data["site"]),
            "citations": _citations(payload.citations),
        },
    )
    return Status(201, unit_out(access.unit_for_user(request.user, unit.key)))


@router.get("/units/{key}", response=UnitOut, summary="One unit with its sources")
def get_unit(request: HttpRequest, key: str):
    return unit_out(access.unit_for_user(request.user, key))


@router.patch("/units/{key}", response=UnitOut, summary="Change a unit's details, or close it")
def change_unit(request: HttpRequest, key: str, payload: UnitPatch):
    require(request.user, Right.PRODUCTION_EDIT)
    unit = access.unit_for_user(request.user, key)
    changes = payload.dict(exclude_unset=True)
    closed = changes.pop("closed", None)
    if "site" in changes:
        changes["site"] = _site(request, changes["site"] or "")
    if changes:
        unit = catalogue.change_unit(actor=request.user, unit=unit, **changes)
    if closed is not None:
        unit = catalogue.close_unit(actor=request.user, unit=unit, closed=closed)
    return unit_out(access.unit_for_user(request.user, key))


@router.get("/products", response=list[ProductOut], summary="Products and their units of measure")
def list_products(request: HttpRequest):
    require(request.user, Right.PRODUCTION_VIEW)
    return list(Product.objects.order_by("name"))


@router.post("/products", response={201: ProductOut}, summary="Add a product")
def create_product(request: HttpRequest, payload: ProductIn):
    return Status(201, catalogue.create_product(actor=request.user, **payload.dict()))


@router.patch("/products/{key}", response=ProductOut, summary="Rename a product or change its unit")
def change_product(request: HttpRequest, key: str, payload: ProductPatch):
    require(request.user, Right.PRODUCTION_EDIT)
    product = access.product_named(request.user, key)
    return catalogue.change_product(
        actor=request.user, product=product, **payload.dict(exclude_unset=True)
    )


@router.get("/plans", response=list[PlanOut], summary="Plans, filtered by unit and product")
@paginate(ApiPagination)
def list_plans(request: HttpRequest, unit: str | None = None, product: str | None = None):
    require(request.user, Right.PRODUCTION_VIEW)
    found = Plan.objects.select_related("unit", "product")
    if unit:
        found = found.filter(unit__key=unit)
    if product:
        found = found.filter(product__key=product)
    return found.order_by("pk")


@router.post("/plans", response={201: PlanOut}, summary="Set a plan (refused if it meets another)")
def set_plan(request: HttpRequest, payload: PlanIn):
    require(request.user, Right.PRODUCTION_EDIT)
    data = payload.dict()
    plan = services.set_plan(
        actor=request.user,
        **{
            **data,
            "unit": access.unit_for_user(request.user, payload.unit),
            "product": access.product_named(request.user, payload.product),
        },
    )
    return Status(201, access.plan_for_user(request.user, plan.pk))


@router.patch("/plans/{pk}", response=PlanOut, summary="Change a plan's target")
def change_plan(request: HttpRequest, pk: int, payload: PlanPatch):
    require(request.user, Right.PRODUCTION_EDIT)
    plan = access.plan_for_user(request.user, pk)
    services.change_plan(actor=request.user, plan=plan, **payload.dict())
    return access.plan_for_user(request.user, pk)


@router.get("/transfer-acts", response=list[TransferActOut], summary="Acts that handed units over")
def list_transfer_acts(request: HttpRequest):
    require(request.user, Right.PRODUCTION_VIEW)
    return [_act_out(a) for a in selectors.transfer_acts()]


@router.post("/transfer-acts", response={201: TransferActOut}, summary="Record a transfer act")
def create_transfer_act(request: HttpRequest, payload: TransferActIn):
    require(request.user, Right.PRODUCTION_EDIT)
    data = payload.dict()
    act = catalogue.create_transfer_act(
        actor=request.user,
        **{
            **data,
            "units": [access.unit_for_user(request.user, k) for k in payload.units],
            "citations": _citations(payload.citations),
        },
    )
    return Status(201, _act_out(selectors.transfer_acts().get(pk=act.pk)))


@router.post(
    "/transfer-acts/{key}/units",
    response=TransferActOut,
    summary="Hand more units over by an act, taken over on its date",
)
def hand_over(request: HttpRequest, key: str, payload: HandOverIn):
    require(request.user, Right.PRODUCTION_EDIT)
    act = access.transfer_act_for_user(request.user, key)
    units = [access.unit_for_user(request.user, k) for k in payload.units]
    catalogue.hand_over(actor=request.user, act=act, units=units)
    return _act_out(selectors.transfer_acts().get(pk=act.pk))
