"""Production endpoints: output records, monthly totals, KPIs and imports; the set-up's
(units, products, plans, transfer acts) are in `setup_api`."""

import datetime as dt

from django.http import HttpRequest
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from kuzbas.core.errors import Invalid
from kuzbas.core.pagination import ApiPagination
from kuzbas.core.rights import Right, require
from kuzbas.production import access, selectors, services
from kuzbas.production.imports.importing import import_file, preview_file
from kuzbas.production.imports.rows import Kind
from kuzbas.production.models.statistics import OutputRecord
from kuzbas.production.setup_api import router as setup_router
from kuzbas.record.api import CitationOut, citations_out
from kuzbas.record.selectors import citations_prefetch

router = Router(tags=["production"])
# Units, products, plans and transfer acts: the set-up's endpoints, under the same prefix.
router.add_router("", setup_router)


class RecordOut(Schema):
    unit: str
    product: str
    period_kind: str
    period_start: dt.date
    period_end: dt.date
    shift: int
    quantity: str
    unit_of_measure: str
    quantity_entered: str
    unit_entered: str
    citations: list[CitationOut]

    @staticmethod
    def resolve_unit(obj: OutputRecord) -> str:
        return obj.unit.key

    @staticmethod
    def resolve_product(obj: OutputRecord) -> str:
        return obj.product.key

    @staticmethod
    def resolve_quantity(obj: OutputRecord) -> str:
        return str(obj.quantity)

    @staticmethod
    def resolve_quantity_entered(obj: OutputRecord) -> str:
        return str(obj.quantity_entered)

    @staticmethod
    def resolve_unit_of_measure(obj: OutputRecord) -> str:
        return obj.product.unit_of_measure

    @staticmethod
    def resolve_citations(obj: OutputRecord) -> list[dict]:
        return citations_out(obj)


class RecordFilter(Schema):
    unit: str | None = None
    product: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None


class MonthOut(Schema):
    month: dt.date
    output: dict[str, str]
    plan: dict[str, str]
    staff: dict[str, int]
    illustrative: bool


class FigureOut(Schema):
    label: str
    value: str | None
    unit: str
    period: str
    illustrative: bool


class KpiOut(Schema):
    kpi: str
    label: str
    value: str | None
    numerator: FigureOut
    denominator: FigureOut
    illustrative: bool


class DecisionLinkIn(Schema):
    decision: int
    kpi: str
    unit: str | None = None
    note: str = ""


class DecisionLinkOut(Schema):
    decision: int
    kpi: str
    unit: str | None
    note: str


class TableImportOut(Schema):
    kind: str
    committed: bool
    created: int
    changed: int
    unchanged: int


def _figure(f) -> dict:
    return {
        "label": str(f.label),
        "value": str(f.value) if f.value is not None else None,
        "unit": str(f.unit),
        "period": f.period,
        "illustrative": f.illustrative,
    }


@router.get("/records", response=list[RecordOut], summary="Raw output records, filtered")
@paginate(ApiPagination)
def list_records(request: HttpRequest, filters: Query[RecordFilter]):
    require(request.user, Right.PRODUCTION_VIEW)
    qs = OutputRecord.objects.select_related("unit", "product").prefetch_related(
        citations_prefetch()
    )
    if filters.unit:
        qs = qs.filter(unit__key=filters.unit)
    if filters.product:
        qs = qs.filter(product__key=filters.product)
    if filters.start:
        qs = qs.filter(period_start__gte=filters.start)
    if filters.end:
        qs = qs.filter(period_start__lte=filters.end)
    # The paginator slices the queryset, so only one page of rows is read.
    return qs.order_by("pk")


@router.get("/monthly", response=list[MonthOut], summary="Monthly totals, colony or one unit")
def monthly(request: HttpRequest, unit: str | None = None):
    require(request.user, Right.PRODUCTION_VIEW)
    chosen = access.unit_for_user(request.user, unit) if unit else None
    return [
        {
            "month": m.month,
            "output": {k: str(v) for k, v in m.output.items()},
            "plan": {k: str(v) for k, v in m.plan.items()},
            "staff": m.staff,
            "illustrative": m.illustrative,
        }
        for m in selectors.monthly_series(unit=chosen)
    ]


@router.get("/kpis", response=list[KpiOut], summary="Every KPI over a period, with its inputs")
def kpis(
    request: HttpRequest,
    start: dt.date,
    end: dt.date,
    product: str | None = None,
    unit: str | None = None,
):
    require(request.user, Right.PRODUCTION_VIEW)
    chosen_product = access.product_for_user(request.user, product)
    chosen_unit = access.unit_for_user(request.user, unit) if unit else None
    if chosen_product is None:
        return []
    series = selectors.monthly_series(unit=chosen_unit)
    period = selectors.period_kpis(series, start, end, chosen_product)
    return [
        {
            "kpi": k.definition.key,
            "label": str(k.definition.label),
            "value": str(k.value) if k.value is not None else None,
            "numerator": _figure(k.numerator),
            "denominator": _figure(k.denominator),
            "illustrative": k.illustrative,
        }
        for k in period.all
    ]


@router.post(
    "/imports",
    response={200: TableImportOut, 201: TableImportOut},
    summary="Check (commit=false) or import (commit=true) a CSV or XLSX file: all rows or none",
)
def import_table(
    request: HttpRequest,
    kind: Form[Kind],
    file: File[UploadedFile],
    commit: Form[bool] = False,
):
    require(request.user, Right.PRODUCTION_IMPORT)
    data = file.read()
    if not commit:
        preview = preview_file(kind, data, file.name or "")
        if not preview.ok:
            raise Invalid(problems=preview.problems)
        return Status(
            200,
            {
                "kind": kind.value,
                "committed": False,
                "created": preview.created,
                "changed": preview.changed,
                "unchanged": preview.unchanged,
            },
        )
    result = import_file(actor=request.user, kind=kind, data=data, filename=file.name or "")
    return Status(
        201,
        {
            "kind": result.kind,
            "committed": True,
            "created": result.created,
            "changed": result.changed,
            "unchanged": result.unchanged,
        },
    )


@router.post(
    "/decision-links",
    response={201: DecisionLinkOut},
    summary="Tie a decision of the register to a unit's (or the colony's) KPI",
)
def link_decision(request: HttpRequest, payload: DecisionLinkIn):
    require(request.user, Right.PRODUCTION_EDIT)
    unit = access.unit_for_user(request.user, payload.unit) if payload.unit else None
    link = services.link_decision(
        actor=request.user,
        decision_sequence=payload.decision,
        kpi=payload.kpi,
        unit=unit,
        note=payload.note,
    )
    return Status(
        201,
        {
            "decision": link.decision_sequence,
            "kpi": link.kpi,
            "unit": link.unit.key if link.unit_id else None,
            "note": link.note,
        },
    )
