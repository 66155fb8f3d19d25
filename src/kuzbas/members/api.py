"""Member registry endpoints."""

import datetime as dt

from django.http import HttpRequest
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import Field

from kuzbas.core.clock import colony_today
from kuzbas.core.rights import Right, has_right, require
from kuzbas.members import access, selectors, services
from kuzbas.members.models import Person
from kuzbas.members.people_import import import_people
from kuzbas.record.api import CitationOut, citations_out

router = Router(tags=["members"])


class MembershipOut(Schema):
    status: str
    category: str
    valid_from: dt.date
    from_precision: str
    valid_to: dt.date | None
    to_precision: str


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


class ImportOut(Schema):
    created: int
    memberships: int


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
        "memberships": list(person.memberships.all()),
        "employments": [
            {
                "category": e.category,
                "title": e.title,
                "site": e.site.key if e.site_id else None,
                "valid_from": e.valid_from,
                "from_precision": e.from_precision,
                "valid_to": e.valid_to,
                "to_precision": e.to_precision,
                "citations": citations_out(e),
            }
            for e in person.employments.all()
        ],
        "citations": citations_out(person),
    }


@router.get("/people", response=list[PersonListOut], summary="Search the registry")
@paginate(LimitOffsetPagination)
def list_people(request: HttpRequest, filters: Query[PeopleFilter]):
    require(request.user, Right.MEMBERS_VIEW)
    return selectors.people(**filters.dict())


@router.post(
    "/people/import",
    response={201: ImportOut},
    summary="Import people from CSV (all rows or none)",
)
def import_people_csv(request: HttpRequest, file: File[UploadedFile]):
    result = import_people(actor=request.user, data=file.read())
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
