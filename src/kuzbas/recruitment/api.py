"""Recruitment endpoints: bureaus, calls, applications and screening, as the pages have them.

Applications are read with the right to read applications; the bureau's acts need the right to
manage recruitment. Political affiliation is never an output per person: only
`GET /calls/{key}/balance` counts it, per group, with small cells hidden.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from kuzbas.core.clock import colony_today
from kuzbas.core.errors import Invalid, NotFound, Problem
from kuzbas.core.pagination import ApiPagination
from kuzbas.core.rights import Right, require
from kuzbas.recruitment import balance
from kuzbas.recruitment.access import (
    application_for_user,
    applications_for_user,
    bureau_for_user,
    call_for_user,
    calls_for_user,
)
from kuzbas.recruitment.call_forms import money_from
from kuzbas.recruitment.models import Bureau, DuplicateFlag
from kuzbas.recruitment.schemas import (
    ApplicationFilter,
    ApplicationIn,
    ApplicationListOut,
    ApplicationOut,
    BalanceOut,
    BureauIn,
    BureauOut,
    CallIn,
    CallOut,
    DuplicateFlagOut,
    DuplicateVerdictIn,
    RecommendIn,
    RefusalReasonIn,
    RefuseIn,
    ScreeningStageIn,
    StageMoveIn,
)
from kuzbas.recruitment.services import admission, applying, screening
from kuzbas.recruitment.services import bureaus as bureau_services
from kuzbas.recruitment.services import calls as call_services

router = Router(tags=["recruitment"])


def _money(value):
    return None if value is None else {"amount": value.amount, "currency": value.currency.code}


def _call(call) -> dict:
    return {
        "key": call.key,
        "bureau": call.bureau.key,
        **{
            f: getattr(call, f)
            for f in (
                "title",
                "title_ru",
                "text",
                "text_ru",
                "terms",
                "terms_ru",
                "contribution_note",
                "opens",
                "closes",
                "status",
                "questions",
                "asks_affiliation",
                "affiliation_choices",
                "policy_version",
            )
        },
        "contribution": _money(call.contribution),
        "open_today": call.open_on(colony_today()),
        "trades": [
            {"trade": t.trade, "trade_ru": t.trade_ru, "wanted": t.wanted}
            for t in call.trades.all()
        ],
    }


def _bureau(bureau: Bureau) -> dict:
    return {
        **{
            f: getattr(bureau, f)
            for f in (
                "key",
                "name",
                "name_ru",
                "city",
                "country",
                "founded",
                "closed",
                "description",
            )
        },
        "stages": list(bureau.stages.values("key", "name", "name_ru", "order", "active")),
        "refusal_reasons": list(
            bureau.refusal_reasons.values("key", "name", "name_ru", "letter", "letter_ru", "active")
        ),
    }


def _flag(flag: DuplicateFlag) -> dict:
    return {
        "id": flag.pk,
        "earlier": flag.earlier_id,
        "person": flag.person.key if flag.person_id else None,
        "score": flag.score,
        "matched": flag.matched,
        "verdict": flag.verdict,
    }


def _application_row(a) -> dict:
    return {
        "id": a.pk,
        "reference": a.reference,
        "call": a.call.key,
        "name": a.name,
        "trade": a.trade,
        "state": a.state,
        "stage": a.stage.key if a.stage_id else None,
        "submitted_at": a.submitted_at,
        "source": a.source,
    }


def _application(a) -> dict:
    return {
        **_application_row(a),
        **{
            f: getattr(a, f)
            for f in (
                "name_original",
                "email",
                "phone",
                "nationality",
                "country",
                "city",
                "skills",
                "languages",
                "answers",
                "channel",
                "consent_at",
                "policy_version",
                "recommendation",
                "admitted_on",
            )
        },
        "refusal_reason": a.refusal_reason.key if a.refusal_reason_id else None,
        "motion": a.motion.number if a.motion_id else None,
        "moves": [
            {
                "from_stage": m.from_stage.key if m.from_stage_id else None,
                "to_stage": m.to_stage.key,
                "by": m.by_label,
                "at": m.at,
                "note": m.note,
            }
            for m in a.moves.select_related("from_stage", "to_stage")
        ],
        "duplicates": [_flag(f) for f in a.duplicate_flags.select_related("person")],
        "attachments": list(
            a.attachments.values("id", "file_name", "content_type", "size", "sha256")
        ),
    }


# Bureaus


@router.get("/bureaus", response=list[BureauOut], summary="The bureaus, their stages and reasons")
def list_bureaus(request: HttpRequest):
    require(request.user, Right.RECRUITMENT_VIEW)
    return [_bureau(b) for b in Bureau.objects.prefetch_related("stages", "refusal_reasons")]


@router.post("/bureaus", response={201: BureauOut}, summary="Open a bureau (bureau)")
def create_bureau(request: HttpRequest, payload: BureauIn):
    bureau = bureau_services.create_bureau(actor=request.user, **payload.dict())
    return Status(201, _bureau(bureau))


@router.get("/bureaus/{key}", response=BureauOut, summary="A bureau")
def get_bureau(request: HttpRequest, key: str):
    require(request.user, Right.RECRUITMENT_VIEW)
    return _bureau(bureau_for_user(request.user, key))


@router.post("/bureaus/{key}/stages", response={201: BureauOut}, summary="Add a stage (bureau)")
def add_stage(request: HttpRequest, key: str, payload: ScreeningStageIn):
    require(request.user, Right.RECRUITMENT_MANAGE)
    bureau = bureau_for_user(request.user, key)
    bureau_services.add_stage(actor=request.user, bureau=bureau, **payload.dict())
    return Status(201, _bureau(bureau))


@router.post(
    "/bureaus/{key}/reasons", response={201: BureauOut}, summary="Add a reason for refusal (bureau)"
)
def add_reason(request: HttpRequest, key: str, payload: RefusalReasonIn):
    require(request.user, Right.RECRUITMENT_MANAGE)
    bureau = bureau_for_user(request.user, key)
    bureau_services.add_refusal_reason(actor=request.user, bureau=bureau, **payload.dict())
    return Status(201, _bureau(bureau))


# Calls


def _call_arguments(request: HttpRequest, payload: CallIn) -> dict:
    data = payload.dict()
    data["bureau"] = bureau_for_user(request.user, data["bureau"])
    money = data.pop("contribution")
    data["contribution"] = money_from(money["amount"], money["currency"]) if money else None
    return data


@router.get("/calls", response=list[CallOut], summary="Calls (drafts for the bureau only)")
def list_calls(request: HttpRequest):
    require(request.user, Right.RECRUITMENT_VIEW)
    return [_call(c) for c in calls_for_user(request.user).prefetch_related("trades")[:500]]


@router.post("/calls", response={201: CallOut}, summary="Write a call, as a draft (bureau)")
def create_call(request: HttpRequest, payload: CallIn):
    require(request.user, Right.RECRUITMENT_MANAGE)
    call = call_services.save_call(actor=request.user, **_call_arguments(request, payload))
    return Status(201, _call(call))


@router.get("/calls/{key}", response=CallOut, summary="A call")
def get_call(request: HttpRequest, key: str):
    require(request.user, Right.RECRUITMENT_VIEW)
    return _call(call_for_user(request.user, key))


@router.put("/calls/{key}", response=CallOut, summary="Change a call (bureau)")
def edit_call(request: HttpRequest, key: str, payload: CallIn):
    require(request.user, Right.RECRUITMENT_MANAGE)
    call = call_for_user(request.user, key)
    saved = call_services.save_call(
        actor=request.user, call=call, **_call_arguments(request, payload)
    )
    return _call(saved)


@router.post("/calls/{key}/open", response=CallOut, summary="Open a call (bureau)")
def open_call(request: HttpRequest, key: str):
    require(request.user, Right.RECRUITMENT_MANAGE)
    return _call(call_services.open_call(actor=request.user, call=call_for_user(request.user, key)))


@router.post("/calls/{key}/close", response=CallOut, summary="Close a call (bureau)")
def close_call(request: HttpRequest, key: str):
    require(request.user, Right.RECRUITMENT_MANAGE)
    return _call(
        call_services.close_call(actor=request.user, call=call_for_user(request.user, key))
    )


@router.get(
    "/calls/{key}/balance",
    response=BalanceOut,
    summary="The political balance of a call's applicants: counts per group, fewer than 5 as <5",
)
def call_balance(request: HttpRequest, key: str):
    require(request.user, Right.RECRUITMENT_VIEW)
    call = call_for_user(request.user, key)
    if not call.asks_affiliation:
        raise NotFound(
            _("The call “%(key)s” does not ask political affiliation.") % {"key": call.key}
        )
    cells = balance.of_applications(call.applications.all(), call.affiliation_choices)
    return {"call": call.key, "groups": [c.__dict__ for c in cells]}


@router.post(
    "/calls/{key}/applications",
    response={201: ApplicationOut},
    summary="Enter an application received on paper (bureau)",
)
def enter_application(request: HttpRequest, key: str, payload: ApplicationIn):
    require(request.user, Right.RECRUITMENT_MANAGE)
    call = call_for_user(request.user, key)
    data = payload.dict()
    answers = data.pop("answers")
    data.update({f"q_{k}": v for k, v in answers.items()})
    try:
        application = applying.enter_application(
            actor=request.user,
            call=call,
            data=data,
            consent=data.pop("consent"),
            source=data.pop("source"),
        )
    except Invalid as error:
        # The form's `q_<key>` is the API's `answers.<key>`.
        raise Invalid(
            problems=[
                Problem(
                    p.message,
                    field=f"answers.{p.field[2:]}" if (p.field or "").startswith("q_") else p.field,
                )
                for p in error.problems
            ]
        ) from None
    return Status(201, _application(application))


# Applications


@router.get("/applications", response=list[ApplicationListOut], summary="Applications")
@paginate(ApiPagination)
def list_applications(request: HttpRequest, filters: Query[ApplicationFilter]):
    found = applications_for_user(request.user).order_by("-submitted_at", "-pk")
    if filters.call:
        found = found.filter(call__key=filters.call)
    if filters.state:
        found = found.filter(state=filters.state)
    return found


@router.get("/applications/{pk}", response=ApplicationOut, summary="An application")
def get_application(request: HttpRequest, pk: int):
    return _application(application_for_user(request.user, pk))


@router.post("/applications/{pk}/move", response=ApplicationOut, summary="Move to a stage")
def move_application(request: HttpRequest, pk: int, payload: StageMoveIn):
    require(request.user, Right.RECRUITMENT_MANAGE)
    application = application_for_user(request.user, pk)
    screening.move_to_stage(actor=request.user, application=application, **payload.dict())
    return _application(application_for_user(request.user, pk))


@router.post("/applications/{pk}/refuse", response=ApplicationOut, summary="Refuse, with a letter")
def refuse_application(request: HttpRequest, pk: int, payload: RefuseIn):
    require(request.user, Right.RECRUITMENT_MANAGE)
    application = application_for_user(request.user, pk)
    screening.refuse(actor=request.user, application=application, **payload.dict())
    return _application(application_for_user(request.user, pk))


@router.post(
    "/applications/{pk}/recommend",
    response=ApplicationOut,
    summary="Recommend for admission: a motion where a body decides, else admitted",
)
def recommend_application(request: HttpRequest, pk: int, payload: RecommendIn):
    require(request.user, Right.RECRUITMENT_MANAGE)
    application = application_for_user(request.user, pk)
    admission.recommend(actor=request.user, application=application, note=payload.note)
    return _application(application_for_user(request.user, pk))


@router.post(
    "/applications/{pk}/duplicates/{flag}",
    response=DuplicateFlagOut,
    summary="Say whether a possible duplicate is the same person (nothing is merged)",
)
def rule_on_duplicate(request: HttpRequest, pk: int, flag: int, payload: DuplicateVerdictIn):
    require(request.user, Right.RECRUITMENT_MANAGE)
    application = application_for_user(request.user, pk)
    found = DuplicateFlag.objects.filter(pk=flag, application=application).first()
    if found is None:
        raise NotFound(_("There is no such possible duplicate of this application."))
    return _flag(screening.rule_on_duplicate(actor=request.user, flag=found, same=payload.same))
