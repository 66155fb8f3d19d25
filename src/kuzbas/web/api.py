"""The REST API: one NinjaAPI, one router per app, one error handler for the whole API."""

import datetime as dt

from django.contrib.auth import authenticate
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth
from pydantic import Field

from kuzbas import __version__
from kuzbas.core.errors import DomainError
from kuzbas.core.http import answer_for, api_body
from kuzbas.core.rights import RoleReason, rights_of, roles_of
from kuzbas.governance.own_page import own_page, receipt_in_box
from kuzbas.members.accounts import account_for_token
from kuzbas.members.models import ApiToken
from kuzbas.members.services import issue_api_token, revoke_api_token
from kuzbas.record.api import CitationOut, citations_out


class TokenAuth(HttpBearer):
    """`Authorization: Bearer kz_…` with a token from the account page or `kuzbas token`."""

    def authenticate(self, request: HttpRequest, token: str):
        user = account_for_token(token)
        if user is None:
            return None
        request.user = user
        return user


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


class ReasonOut(Schema):
    role: str
    source: str = Field(description="grant, membership, seat or account")
    text: str
    since: dt.date | None
    until: dt.date | None


class RightOut(Schema):
    right: str
    given_by: list[ReasonOut]


class MySeatOut(Schema):
    seat: str
    body: str
    valid_from: dt.date
    valid_to: dt.date | None
    state: str = Field(description="current, past or coming")
    citations: list[CitationOut]


class MyProxyOut(Schema):
    giver: str
    holder: str
    body: str
    valid_from: dt.date
    valid_to: dt.date | None


class NamedVoteOut(Schema):
    motion: int
    title: str
    body: str
    choice: str
    how: str = Field(description="ballot, or counted (named in a counted vote)")


class SecretVoteOut(Schema):
    motion: int
    title: str
    body: str
    status: str
    in_box: bool = Field(description="always true: that you voted is recorded, never how")


class InvitationEventOut(Schema):
    at: dt.datetime
    action: str
    by: str


class MeOut(Schema):
    username: str
    person: str | None
    as_of: dt.date
    roles: list[str]
    rights: list[str]
    why: list[RightOut]
    seats: list[MySeatOut]
    proxies_given: list[MyProxyOut]
    proxies_held: list[MyProxyOut]
    named_votes: list[NamedVoteOut]
    secret_votes: list[SecretVoteOut]
    invitations: list[InvitationEventOut]


class MyReceiptOut(Schema):
    receipt: str
    motion: int | None = Field(description="the motion whose box holds it; null: none of yours")


def _reason(r: RoleReason) -> dict:
    return {"role": r.role, "source": r.source, "text": r.text, "since": r.since, "until": r.until}


def _proxy(p) -> dict:
    return {
        "giver": p.giver.key,
        "holder": p.holder.key,
        "body": p.body.key,
        "valid_from": p.valid_from,
        "valid_to": p.valid_to,
    }


class TokenIn(Schema):
    username: str
    password: str
    name: str = "API client"


class TokenOut(Schema):
    token: str
    name: str
    prefix: str
    expires: dt.datetime = Field(description="after this the token is refused (KUZBAS_TOKEN_DAYS)")


class TokenListed(Schema):
    name: str
    prefix: str = Field(description="the token's first letters, which name it for revocation")
    created: dt.datetime
    expires: dt.datetime | None
    last_used: dt.datetime | None


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
    return Status(
        201,
        {"token": raw, "name": issued.name, "prefix": issued.prefix, "expires": issued.expires},
    )


@api.get(
    "/tokens",
    response=list[TokenListed],
    tags=["account"],
    summary="My API tokens: name, first letters, issue, expiry, last use (never the token)",
)
def my_tokens(request: HttpRequest):
    return list(ApiToken.objects.filter(user=request.user))


@api.delete(
    "/tokens/{prefix}",
    response={204: None},
    tags=["account"],
    summary="Revoke one of my API tokens, named by its first letters",
)
def revoke_token(request: HttpRequest, prefix: str):
    revoke_api_token(actor=request.user, prefix=prefix)
    return Status(204, None)


@api.get(
    "/me",
    response=MeOut,
    tags=["account"],
    summary="My page: rights today and why, seats, proxies, votes, secret ballots, invitations",
)
def me(request: HttpRequest):
    page = own_page(request.user)
    return {
        "username": request.user.get_username(),
        "person": page.person.key if page.person else None,
        "as_of": page.today,
        "roles": sorted(roles_of(request.user, page.today)),
        "rights": sorted(r.value for r in rights_of(request.user, page.today)),
        "why": [
            {"right": right.value, "given_by": [_reason(r) for r in why]}
            for right, why in page.rights
        ],
        "seats": [
            {
                "seat": h.seat.path,
                "body": h.seat.body.key,
                "valid_from": h.valid_from,
                "valid_to": h.valid_to,
                "state": h.state,
                "citations": citations_out(h),
            }
            for h in page.seats
        ],
        "proxies_given": [_proxy(p) for p in page.proxies_given],
        "proxies_held": [_proxy(p) for p in page.proxies_held],
        "named_votes": [
            {
                "motion": v.motion.number,
                "title": v.motion.title,
                "body": v.motion.body.key,
                "choice": v.choice,
                "how": v.how,
            }
            for v in page.named_votes
        ],
        "secret_votes": [
            {
                "motion": p.motion.number,
                "title": p.motion.title,
                "body": p.motion.body.key,
                "status": p.motion.status,
                "in_box": True,
            }
            for p in page.secret_votes
        ],
        "invitations": [
            {"at": e.at, "action": e.action, "by": e.actor_label} for e in page.invitations
        ],
    }


@api.get(
    "/me/receipt",
    response=MyReceiptOut,
    tags=["account"],
    summary="Is this receipt in the box of one of my secret votes? (never its choice)",
)
def my_receipt(request: HttpRequest, receipt: str):
    person = request.user.person if request.user.person_id else None
    found = receipt_in_box(person, receipt) if person is not None else None
    return {"receipt": receipt, "motion": found}


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
    api.add_router("/recruitment/", "kuzbas.recruitment.api.router")
    api.add_router("/recruitment/", "kuzbas.recruitment.groups_api.router")
    api.add_router("/contracts/", "kuzbas.contracts.api.router")
    api.add_router("/contracts/", "kuzbas.contracts.money_api.router")
    api.add_router("/tasks/", "kuzbas.background.api.router")
    api.add_router("/money/", "kuzbas.money.api.router")


_mount_routers()
