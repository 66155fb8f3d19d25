"""Dispatch groups, contributions, arrival and the figures over HTTP, as the pages have them.

A group is read with the right to read recruitment; its manifest and what its members bring
only with the right to read applications. Affiliation is never an output per person: a group's
balance is counts per group, under five shown as "<5". Amounts are strings with their currency.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db.models import Count
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from kuzbas.core.errors import Invalid, Problem
from kuzbas.core.rights import Right, has_right, require
from kuzbas.money.amounts import money
from kuzbas.recruitment import arrival, contributions, dispatch, figures
from kuzbas.recruitment.dispatch_access import (
    admitted_for_user,
    bureau_named,
    group_for_user,
    groups_for_user,
    instalment_for_user,
)
from kuzbas.recruitment.groups_schemas import (
    AccountOut,
    ArrivedOut,
    ArriveIn,
    CashIn,
    DayIn,
    FunnelFilter,
    FunnelOut,
    GroupDetailOut,
    GroupIn,
    GroupOut,
    InKindIn,
    JoinIn,
    PayIn,
)

router = Router(tags=["recruitment"])


def _amount(value) -> dict | None:
    return None if value is None else {"amount": str(value.amount), "currency": value.currency.code}


def _group(group, aboard: int | None = None) -> dict:
    return {
        "id": group.pk,
        "bureau": group.bureau.key,
        "number": group.number,
        "name": group.name,
        "capacity": group.capacity,
        "port": group.port,
        "departs_on": group.departs_on,
        "route": group.route,
        "arrives_on": group.arrives_on,
        "status": group.status,
        "aboard": group.applications.count() if aboard is None else aboard,
    }


def _detail(request, group) -> dict:
    can_read = has_right(request.user, Right.RECRUITMENT_APPLICATIONS)
    return {
        **_group(group),
        "places_left": dispatch.places_left(group),
        "balance": [{"group": c.group, "count": c.shown} for c in dispatch.balance(group)],
        "manifest": [
            {
                "application": a.pk,
                "reference": a.reference,
                "name": a.name,
                "trade": a.trade,
                "state": a.state,
            }
            for a in dispatch.manifest(group)
        ]
        if can_read
        else None,
        "carried": [
            {
                "application": c.application_id,
                "description": c.description,
                "quantity": None if c.quantity is None else str(c.quantity.normalize()),
                "unit": c.unit,
                "value": _amount(c.appraised_value),
                "appraised_on": c.appraised_on,
                "appraised_by": str(c.appraised_by) if c.appraised_by else c.appraised_by_name,
            }
            for c in dispatch.carried(group)
        ]
        if can_read
        else None,
    }


@router.get("/groups", response=list[GroupOut], summary="Dispatch groups")
def list_groups(request: HttpRequest):
    rows = groups_for_user(request.user).annotate(n=Count("applications"))
    return [_group(g, g.n) for g in rows.order_by("bureau__key", "number")]


@router.post("/groups", response={201: GroupDetailOut}, summary="Form a dispatch group")
def create_group(request: HttpRequest, payload: GroupIn):
    require(request.user, Right.RECRUITMENT_MANAGE)
    fields = payload.dict()
    bureau = bureau_named(fields.pop("bureau"))
    number = fields.pop("number")
    group = dispatch.create_group(actor=request.user, bureau=bureau, number=number, **fields)
    return Status(201, _detail(request, group))


@router.get("/groups/{pk}", response=GroupDetailOut, summary="A dispatch group")
def get_group(request: HttpRequest, pk: int):
    return _detail(request, group_for_user(request.user, pk))


@router.post("/groups/{pk}/manifest", response=GroupDetailOut, summary="Join a group")
def join_group(request: HttpRequest, pk: int, payload: JoinIn):
    require(request.user, Right.RECRUITMENT_MANAGE)
    group = group_for_user(request.user, pk)
    application = admitted_for_user(request.user, payload.application)
    dispatch.join(actor=request.user, group=group, application=application)
    return _detail(request, group)


@router.post("/groups/{pk}/depart", response=GroupDetailOut, summary="The group departs")
def depart_group(request: HttpRequest, pk: int, payload: DayIn):
    require(request.user, Right.RECRUITMENT_MANAGE)
    group = dispatch.depart(
        actor=request.user, group=group_for_user(request.user, pk), on=payload.on
    )
    return _detail(request, group)


@router.post("/groups/{pk}/arrive", response=GroupDetailOut, summary="The group arrives")
def arrive_group(request: HttpRequest, pk: int, payload: DayIn):
    require(request.user, Right.RECRUITMENT_MANAGE)
    group = group_for_user(request.user, pk)
    arrival.arrive_group(actor=request.user, group=group, on=payload.on)
    group.refresh_from_db()
    return _detail(request, group)


def _account(application) -> dict:
    shown = contributions.account(application)
    items = application.contributions.prefetch_related("instalments").select_related("appraised_by")
    return {
        "application": application.pk,
        "state": application.state,
        **{
            name: [_amount(v) for v in getattr(shown, name).values()]
            for name in ("owed", "paid", "outstanding", "in_kind")
        },
        "contributions": [
            {
                "id": c.pk,
                "kind": c.kind,
                "amount": _amount(c.amount),
                "instalments": [
                    {"id": i.pk, "amount": _amount(i.amount), "due": i.due, "paid_on": i.paid_on}
                    for i in c.instalments.all()
                ],
                "description": c.description,
                "value": _amount(c.appraised_value),
                "appraised_on": c.appraised_on,
                "appraised_by": str(c.appraised_by) if c.appraised_by else c.appraised_by_name,
            }
            for c in items
        ],
    }


@router.get("/admitted/{pk}/contributions", response=AccountOut, summary="Contributions")
def get_contributions(request: HttpRequest, pk: int):
    return _account(admitted_for_user(request.user, pk))


@router.post(
    "/admitted/{pk}/contributions/cash",
    response={201: AccountOut},
    summary="Record a contribution in cash, in instalments",
)
def add_cash(request: HttpRequest, pk: int, payload: CashIn):
    require(request.user, Right.RECRUITMENT_MANAGE)
    application = admitted_for_user(request.user, pk)
    contributions.record_cash(
        actor=request.user,
        application=application,
        amount=money(payload.amount, payload.currency),
        instalments=[
            (money(i.amount, payload.currency, field=f"instalments.{n}"), i.due)
            for n, i in enumerate(payload.instalments, start=1)
        ],
        note=payload.note,
    )
    return Status(201, _account(application))


@router.post(
    "/admitted/{pk}/contributions/in-kind",
    response={201: AccountOut},
    summary="Record tools or food brought",
)
def add_in_kind(request: HttpRequest, pk: int, payload: InKindIn):
    require(request.user, Right.RECRUITMENT_MANAGE)
    application = admitted_for_user(request.user, pk)
    try:
        quantity = Decimal(payload.quantity) if payload.quantity else None
    except InvalidOperation:
        raise Invalid([Problem(_("not a number"), field="quantity")]) from None
    contributions.record_in_kind(
        actor=request.user,
        application=application,
        description=payload.description,
        quantity=quantity,
        unit=payload.unit,
        value=money(payload.value, payload.currency, field="value"),
        appraised_on=payload.appraised_on,
        appraised_by_name=payload.appraised_by_name,
    )
    return Status(201, _account(application))


@router.post("/instalments/{pk}/pay", response=AccountOut, summary="Pay an instalment")
def pay(request: HttpRequest, pk: int, payload: PayIn):
    require(request.user, Right.RECRUITMENT_MANAGE)
    instalment = instalment_for_user(request.user, pk)
    contributions.pay(actor=request.user, instalment=instalment, paid_on=payload.paid_on)
    return _account(instalment.contribution.application)


@router.post("/admitted/{pk}/arrive", response=ArrivedOut, summary="Arrival: become a member")
def arrive(request: HttpRequest, pk: int, payload: ArriveIn):
    require(request.user, Right.RECRUITMENT_MANAGE)
    application = admitted_for_user(request.user, pk)
    membership = arrival.arrive(
        actor=request.user, application=application, on=payload.on, category=payload.category
    )
    return {
        "application": application.pk,
        "person": membership.person.key,
        "member_from": membership.valid_from,
        "category": membership.category,
    }


FUNNELS = {
    "call": figures.funnel_by_call,
    "source": figures.funnel_by_source,
    "group": figures.retention_by_group,
    "nationality": figures.retention_by_nationality,
}


@router.get("/figures/funnel", response=list[FunnelOut], summary="The funnel and retention")
def funnel(request: HttpRequest, filters: Query[FunnelFilter]):
    require(request.user, Right.RECRUITMENT_VIEW)
    return [
        {
            "key": f.key,
            "label": f.label,
            "applied": f.applied,
            "screened": f.screened,
            "admitted": f.admitted,
            "dispatched": f.dispatched,
            "arrived": f.arrived,
            "retained": [
                {"months": h, "still": k.still, "of": k.of} for h, k in f.retained.items()
            ],
            "illustrative": f.illustrative,
        }
        for f in FUNNELS[filters.by]()
    ]
