"""The REST API: one NinjaAPI, one router per app, one error handler for the whole API."""

import datetime as dt

from django.contrib.auth import authenticate
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth

from kuzbas import __version__
from kuzbas.core.errors import DomainError
from kuzbas.core.http import answer_for, api_body
from kuzbas.core.rights import rights_of, roles_of
from kuzbas.members.models import ApiToken
from kuzbas.members.services import issue_api_token

LAST_USED_EVERY = dt.timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """`Authorization: Bearer kz_…` with a token from the account page or `kuzbas token`."""

    def authenticate(self, request: HttpRequest, token: str):
        found = (
            ApiToken.objects.select_related("user")
            .filter(digest=ApiToken.digest_of(token), user__is_active=True)
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        # Written at most once a minute: phones polling a meeting must not each cost a write.
        if found.last_used is None or now - found.last_used > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used=now)
        request.user = found.user
        return found.user


api = NinjaAPI(
    title="Kuzbas API",
    version=__version__,
    description=(
        "The colony's registry, record and governance over HTTP. Authenticate with a session "
        "cookie (and CSRF token for writes) or with `Authorization: Bearer <token>`."
    ),
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError):
    return api.create_response(request, api_body(exc), status=answer_for(exc).status)


@api.exception_handler(NinjaValidationError)
def validation_error(request: HttpRequest, exc: NinjaValidationError):
    problems = []
    for err in exc.errors:
        # (where, *path): ("query", "on"), ("path", "pk"), or ("body", "payload", "yes") where the
        # body's first step is the view's argument name, not a field the client sent. Dropping
        # names instead of positions lost a query parameter that is itself called "body".
        where, *path = [str(p) for p in err.get("loc", ()) or ("",)]
        if where in ("body", "form", "file") and len(path) > 1:
            path = path[1:]
        problems.append({"field": ".".join(path) or None, "message": err.get("msg", "invalid")})
    message = "; ".join(
        f"{p['field']}: {p['message']}" if p["field"] else p["message"] for p in problems
    )
    return api.create_response(
        request, {"code": "invalid", "message": message, "problems": problems}, status=422
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError):
    return api.create_response(
        request,
        {"code": "unauthenticated", "message": "Log in or send a valid bearer token."},
        status=401,
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404):
    return api.create_response(request, {"code": "not_found", "message": str(exc)}, status=404)


class MeOut(Schema):
    username: str
    person: str | None
    roles: list[str]
    rights: list[str]


@api.get("/me", response=MeOut, tags=["account"], summary="Who am I, with my roles and rights")
def me(request: HttpRequest):
    user = request.user
    return {
        "username": user.get_username(),
        "person": user.person.key if user.person_id else None,
        "roles": sorted(roles_of(user)),
        "rights": sorted(r.value for r in rights_of(user)),
    }


class TokenIn(Schema):
    username: str
    password: str
    name: str = "API client"


class TokenOut(Schema):
    token: str
    name: str
    prefix: str


@api.post(
    "/token",
    auth=None,
    response={201: TokenOut},
    tags=["account"],
    summary="Log in for a bearer token (shown once)",
)
def token(request: HttpRequest, payload: TokenIn):
    """Exchange a user name and password for a bearer token, as a phone or a script does.

    Failed attempts count towards the same lock-out as the login page (django-axes).
    """
    # A locked-out account (django-axes) is answered by `kuzbas.web.lockout` with 429.
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None or not user.is_active:
        raise AuthenticationError()
    issued, raw = issue_api_token(actor=user, name=payload.name)
    return Status(201, {"token": raw, "name": issued.name, "prefix": issued.prefix})


def _mount_routers() -> None:
    from kuzbas.governance.api import router as governance_router
    from kuzbas.members.api import router as members_router
    from kuzbas.production.api import router as production_router
    from kuzbas.record.api import router as record_router

    api.add_router("/members/", members_router)
    api.add_router("/record/", record_router)
    api.add_router("/governance/", governance_router)
    api.add_router("/meetings/", "kuzbas.meetings.api.router")
    api.add_router("/elections/", "kuzbas.elections.api.router")
    api.add_router("/production/", production_router)


_mount_routers()
