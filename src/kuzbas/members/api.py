"""Member registry endpoints."""

import dataclasses
import datetime as dt

from django.http import HttpRequest
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from kuzbas.background.api import QueuedOut, queued
from kuzbas.background.models import Job
from kuzbas.core.clock import colony_today
from kuzbas.core.links import site_url
from kuzbas.core.pagination import ApiPagination
from kuzbas.core.rights import Right, has_right, require
from kuzbas.members import access, acts, invitations, people_jobs, selectors, services
from kuzbas.members.models import Employment, Membership, Person
from kuzbas.members.schemas import (
    EmploymentIn,
    IntervalEndIn,
    MembershipEndIn,
    MembershipIn,
    ReferredOut,
    SourceCitationIn,
)
from kuzbas.record.access import source_named
from kuzbas.record.api import CitationOut, citations_out

router = Router(tags=["members"])


class MembershipOut(Schema):
    id: int
    status: str
    category: str
    valid_from: dt.date
    from_precision: str
    valid_to: dt.date | None
    to_precision: str
    illustrative: bool  # inferred in part: it has an illustrative citation


class PersonListOut(Schema):
    key: str
    name_latin: str
    name_original: str
    trade: str
    home_site: str | None

    @staticmethod
    def resolve_home_site(obj: Person) -> str | None:
        return obj.home_site.key if obj.home_site_id else None


class EmploymentOut(Schema):
    id: int
    category: str
    title: str
    site: str | None
    valid_from: dt.date
    from_precision: str
    valid_to: dt.date | None
    to_precision: str
    citations: list[CitationOut]


class PersonOut(Schema):
    key: str
    name_latin: str
    name_original: str
    trade: str
    home_site: str | None
    nationality: str
    languages: list[str]
    description: str
    email: str | None = None
    memberships: list[MembershipOut]
    employments: list[EmploymentOut]
    citations: list[CitationOut]


class PersonIn(Schema):
    name_latin: str = Field(min_length=1, max_length=200)
    key: str = ""
    name_original: str = ""
    nationality: str = ""
    languages: list[str] = []
    trade: str = ""
    description: str = ""
    email: str = ""


class PeopleFilter(Schema):
    search: str = ""
    status: str = ""
    category: str = ""
    site: str = ""
    on: dt.date | None = None


class HeadcountOut(Schema):
    day: dt.date
    members_total: int
    members_by_category: dict[str, int]
    workforce_total: int
    workforce_by_category: dict[str, int]


class PeopleImportOut(Schema):
    created: int
    memberships: int


class MembershipDetailOut(MembershipOut):
    citations: list[CitationOut]


def _referred_out(referred: acts.Referred) -> dict:
    fields = dataclasses.asdict(referred)
    return {"motion": fields.pop("number"), **fields}


class InvitationOut(Schema):
    person: str
    username: str
    new_account: bool
    sent: bool | None = Field(description="null while the e-mail waits for the commit")
    error: str


class InvitePeopleIn(Schema):
    people: list[str] = Field(min_length=1, description="registry keys")


class SkippedOut(Schema):
    person: str
    reason: str
    explanation: str


class InvitationReportOut(Schema):
    sent: int
    failed: int
    invitations: list[InvitationOut]
    skipped: list[SkippedOut]


def _membership_out(m: Membership) -> dict:
    return {
        "id": m.pk,
        "status": m.status,
        "category": m.category,
        "valid_from": m.valid_from,
        "from_precision": m.from_precision,
        "valid_to": m.valid_to,
        "to_precision": m.to_precision,
        "illustrative": any(c.is_illustrative for c in m.citations.all()),
        "citations": citations_out(m),
    }


def _employment_out(e: Employment) -> dict:
    return {
        "id": e.pk,
        "category": e.category,
        "title": e.title,
        "site": e.site.key if e.site_id else None,
        "valid_from": e.valid_from,
        "from_precision": e.from_precision,
        "valid_to": e.valid_to,
        "to_precision": e.to_precision,
        "citations": citations_out(e),
    }


def _citations(specs: list[SourceCitationIn]) -> list[dict]:
    return [
        {
            "source": source_named(c.source, field=f"citations.{n}.source"),
            "locator": c.locator,
        }
        for n, c in enumerate(specs)
    ]


def _invitation_out(i: invitations.Invitation) -> dict:
    return {
        "person": i.person.key,
        "username": i.user.get_username(),
        "new_account": i.new_account,
        "sent": i.sent,
        "error": i.error,
    }


def _person_out(request: HttpRequest, person: Person) -> dict:
    show_private = has_right(request.user, Right.MEMBERS_VIEW_PRIVATE)
    return {
        "key": person.key,
        "name_latin": person.name_latin,
        "name_original": person.name_original,
        "trade": person.trade,
        "home_site": person.home_site.key if person.home_site_id else None,
        "nationality": person.nationality,
        "languages": person.languages,
        "description": person.description,
        "email": person.email if show_private else None,
        "memberships": [_membership_out(m) for m in person.memberships.all()],
        "employments": [_employment_out(e) for e in person.employments.all()],
        "citations": citations_out(person),
    }


@router.get("/people", response=list[PersonListOut], summary="Search the registry")
@paginate(ApiPagination)
def list_people(request: HttpRequest, filters: Query[PeopleFilter]):
    require(request.user, Right.MEMBERS_VIEW)
    return selectors.people(**filters.dict())


@router.post(
    "/people/import",
    response={201: PeopleImportOut, 202: QueuedOut},
    summary="Import people from CSV (all rows or none)",
    description="A file of at most 1,000 rows is imported at once (201). A larger one, up to"
    " 50,000 rows, is queued for the background worker (202): follow it at"
    " `GET /api/tasks/{id}`; nothing is stored unless every row is.",
)
def import_people_csv(request: HttpRequest, file: File[UploadedFile]):
    result = people_jobs.import_or_queue(actor=request.user, data=file.read(), filename=file.name)
    if isinstance(result, Job):
        return Status(202, queued(result))
    return Status(201, result.__dict__)


@router.get("/people/{key}", response=PersonOut, summary="One person with their history")
def get_person(request: HttpRequest, key: str):
    return _person_out(request, access.person_for_user(request.user, key))


@router.post("/people", response={201: PersonOut}, summary="Add a person")
def create_person(request: HttpRequest, payload: PersonIn):
    person = services.create_person(actor=request.user, **payload.dict())
    return Status(201, _person_out(request, access.person_for_user(request.user, person.key)))


@router.get("/headcount", response=HeadcountOut, summary="Members and workforce on a date")
def headcount(request: HttpRequest, on: dt.date | None = None):
    require(request.user, Right.MEMBERS_VIEW)
    return selectors.headcount_on(on or colony_today()).__dict__


@router.post(
    "/people/{key}/memberships",
    response={201: MembershipDetailOut, 202: ReferredOut},
    summary="Add a membership (admission)",
    description="Where the statute makes admission a matter of a body, nothing is written yet:"
    " a motion is filed with that body (202, with its number), and the membership starts when"
    " it carries.",
)
def add_membership(request: HttpRequest, key: str, payload: MembershipIn):
    require(request.user, Right.MEMBERS_EDIT)
    person = access.person_for_user(request.user, key)
    membership = acts.admit(
        actor=request.user,
        person=person,
        status=payload.status,
        category=payload.category,
        valid_from=payload.valid_from,
        from_precision=payload.from_precision,
        valid_to=payload.valid_to,
        to_precision=payload.to_precision,
        citations=_citations(payload.citations),
    )
    if isinstance(membership, acts.Referred):
        return Status(202, _referred_out(membership))
    return Status(201, _membership_out(membership))


@router.post(
    "/people/{key}/memberships/{membership_id}/end",
    response={200: MembershipDetailOut, 202: ReferredOut},
    summary="End a membership on its last day (exit)",
    description="Where the statute makes expulsion a matter of a body, a motion is filed with"
    " that body instead (202, with its number), and the membership ends when it carries.",
)
def end_membership(request: HttpRequest, key: str, membership_id: int, payload: MembershipEndIn):
    require(request.user, Right.MEMBERS_EDIT)
    membership = acts.end(
        resigned=payload.resigned,
        actor=request.user,
        membership=access.membership_for_user(request.user, key, membership_id),
        valid_to=payload.valid_to,
        to_precision=payload.to_precision,
        citations=_citations(payload.citations),
    )
    if isinstance(membership, acts.Referred):
        return Status(202, _referred_out(membership))
    return _membership_out(membership)


@router.post(
    "/people/{key}/employments", response={201: EmploymentOut}, summary="Add an employment"
)
def add_employment(request: HttpRequest, key: str, payload: EmploymentIn):
    require(request.user, Right.MEMBERS_EDIT)
    person = access.person_for_user(request.user, key)
    employment = services.add_employment(
        actor=request.user,
        person=person,
        category=payload.category,
        title=payload.title,
        site=access.site_for_user(request.user, payload.site) if payload.site else None,
        valid_from=payload.valid_from,
        from_precision=payload.from_precision,
        valid_to=payload.valid_to,
        to_precision=payload.to_precision,
        citations=_citations(payload.citations),
    )
    return Status(201, _employment_out(employment))


@router.post(
    "/people/{key}/employments/{employment_id}/end",
    response=EmploymentOut,
    summary="End an employment on its last day",
)
def end_employment(request: HttpRequest, key: str, employment_id: int, payload: IntervalEndIn):
    require(request.user, Right.MEMBERS_EDIT)
    employment = services.end_employment(
        actor=request.user,
        employment=access.employment_for_user(request.user, key, employment_id),
        valid_to=payload.valid_to,
        to_precision=payload.to_precision,
        citations=_citations(payload.citations),
    )
    return _employment_out(employment)


@router.post(
    "/people/{key}/invitation",
    response=InvitationOut,
    summary="Invite a person by e-mail (or send the link again)",
    description="`sent` is false and `error` says why when the mail server refused the message;"
    " the account is kept, so the invitation can be sent again.",
)
def invite(request: HttpRequest, key: str):
    require(request.user, Right.MEMBERS_EDIT)
    person = access.person_for_user(request.user, key)
    invitation = invitations.invite(actor=request.user, person=person, site_url=site_url(request))
    return _invitation_out(invitation)


@router.post(
    "/invitations",
    response=InvitationReportOut,
    summary="Invite everyone named who has an address and no account yet",
)
def invite_people(request: HttpRequest, payload: InvitePeopleIn):
    require(request.user, Right.MEMBERS_EDIT)
    people = [access.person_named(key, field=f"people.{n}") for n, key in enumerate(payload.people)]
    report = invitations.invite_people(
        actor=request.user, people=people, site_url=site_url(request)
    )
    return {
        "sent": len(report.sent),
        "failed": len(report.failed),
        "invitations": [_invitation_out(i) for i in report.invitations],
        "skipped": [
            {"person": p.key, "reason": why, "explanation": str(invitations.SKIP_REASONS[why])}
            for p, why in report.skipped
        ],
    }
