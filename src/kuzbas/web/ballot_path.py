"""A ballot from a phone, answered before Django's request handling: the cost of a vote is the vote.

When a general meeting votes, thousands of phones send `POST /api/meetings/<pk>/ballot` with a
bearer token within seconds. Measured in-process (`bench/vote_profile.py`), half of such a
request's CPU went to the frame around the vote: URL resolution, the middleware, django-ninja's
authentication, validation and response, and a health check of the database connection (one
more round trip). This entry answers that one request with the same services in the same order
(`account_for_token` and `meeting_for_voter`, one statement on PostgreSQL as
`voter_and_meeting`; `votes.vote`, `ballot_box.answer`), the same checks
(a control character in the body, the body's two fields, the HTTPS redirect, the language) and
the same answers (`core/http.py`'s table for every domain error, the API's 401 and 422 bodies);
`tests/web/test_ballot_path.py` holds it to the API's answers case by case. Anything else, and
any ballot this entry does not recognise (no bearer token, another method), goes on to Django.

The connection is not health-checked before each ballot: a connection the database dropped
fails the ballot's first statement instead, which closes it and answers 503, and the phone
sends the same ballot again with the same key (which returns the original receipt if the
first one was written after all). Otherwise the connection's age and errors are handled as
Django's `close_old_connections` does.
"""

from __future__ import annotations

import json
import re
import time

from django.core.handlers.wsgi import WSGIRequest
from django.core.serializers.json import DjangoJSONEncoder
from django.db import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    DataError,
    IntegrityError,
    connection,
    connections,
)
from django.http import HttpResponse
from django.middleware.security import SecurityMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from kuzbas.core.errors import DomainError, Invalid, Problem
from kuzbas.core.http import answer_for, api_body
from kuzbas.core.validation import refuse_controls
from kuzbas.governance import ballot_box
from kuzbas.governance.statutes import one_reading
from kuzbas.meetings.access import meeting_for_voter, voter_and_meeting
from kuzbas.meetings.services import votes
from kuzbas.web.bearer import is_bearer_api
from kuzbas.web.clean_input import json_texts

_PATH = re.compile(r"^/api/meetings/(\d+)/ballot$")

# The API's own answer to a request without valid credentials (`web.api.unauthenticated`).
UNAUTHENTICATED = {"code": "unauthenticated", "message": "Log in or send a valid bearer token."}


def is_ballot(environ) -> bool:
    """Whether a WSGI request is a phone's ballot with a bearer token."""
    return (
        environ.get("REQUEST_METHOD") == "POST"
        and _PATH.match(environ.get("PATH_INFO", "")) is not None
        and is_bearer_api(environ)
    )


def shortcut(application):
    """Wrap the WSGI application: a ballot with a bearer token is answered here."""
    security = SecurityMiddleware(lambda request: None)

    def serve(environ, start_response):
        if not is_ballot(environ):
            return application(environ, start_response)
        request = WSGIRequest(environ)
        if security.process_request(request) is not None:
            return application(environ, start_response)  # a redirect to HTTPS: Django says it
        _tidy_connection()
        try:
            response = _ballot(request, int(_PATH.match(request.path_info)[1]))
        finally:
            _tidy_connection()
        response = security.process_response(request, response)
        start_response(
            f"{response.status_code} {response.reason_phrase}",
            [*response.items()],
        )
        return [response.content]

    return serve


def _ballot(request: WSGIRequest, meeting_pk: int) -> HttpResponse:
    language = translation.get_language_from_request(request)
    with translation.override(language), one_reading():
        try:
            response = _cast(request, meeting_pk)
        except DomainError as error:
            response = _json(api_body(error), status=answer_for(error).status)
        except (IntegrityError, DataError):
            raise  # a broken rule the services did not expect: Django's 500, as before
        except DatabaseError:
            # The database went away (a restart): drop the connection; the phone sends the
            # same ballot again, and its key returns the receipt if this one was written.
            if not connection.in_atomic_block:
                connection.close()
            response = _json(
                {"code": "unavailable", "message": _("Try again in a moment.")}, status=503
            )
    response.headers.setdefault("Content-Language", language)
    patch_vary_headers(response, ("Accept-Language",))
    return response


def _cast(request: WSGIRequest, meeting_pk: int) -> HttpResponse:
    body = _body(request)
    user, meeting = voter_and_meeting(request.META["HTTP_AUTHORIZATION"][7:].strip(), meeting_pk)
    if user is None:
        return _json(UNAUTHENTICATED, status=401)
    choice, key = _fields(body)
    if meeting is None:  # not checked in (or no such meeting): asked again, which says why
        meeting = meeting_for_voter(user, meeting_pk)
    ballot = votes.vote(actor=user, meeting=meeting, choice=choice, key=key)
    answer = ballot_box.answer(meeting.current_motion.number, ballot)
    return _json(answer, status=200 if ballot.replayed else 201)


def _json(data: dict, status: int) -> HttpResponse:
    """A JSON answer as django-ninja renders one."""
    content = json.dumps(data, cls=DjangoJSONEncoder).encode()
    response = HttpResponse(content, status=status, content_type="application/json; charset=utf-8")
    response["Content-Length"] = str(len(content))
    return response


def _body(request: WSGIRequest) -> object:
    """The JSON body, refused as the API refuses it: a control character first, wherever."""
    try:
        body = json.loads(request.body) if request.body else None
    except ValueError:
        raise Invalid(problems=[Problem(_("The body is not valid JSON."))]) from None
    refuse_controls(json_texts(body, ""))
    return body


def _fields(body: object) -> tuple[str, str]:
    """The ballot's choice and key, each refused by name when missing or not text."""
    if not isinstance(body, dict):
        raise Invalid(problems=[Problem(_("Send a JSON object with a choice."), field="choice")])
    problems = []
    if "choice" not in body:
        problems.append(Problem(_("This field is required."), field="choice"))
    for name in ("choice", "key"):
        if name in body and not isinstance(body[name], str):
            problems.append(Problem(_("This field must be text."), field=name))
    if problems:
        raise Invalid(problems=problems)
    return body["choice"], body.get("key", "")


def _tidy_connection() -> None:
    """Close the connection when Django's request signals would: too old, or broken.

    Django's `close_old_connections` also makes the next request check the connection with a
    round trip of its own; a ballot does not (see the module's docstring).
    """
    db = connections[DEFAULT_DB_ALIAS]  # the proxy costs a lookup at every attribute
    if db.connection is None or db.in_atomic_block:
        return  # a request never starts inside a transaction: its caller's (a test's) stays
    if (
        db.errors_occurred
        or db.get_autocommit() != db.settings_dict["AUTOCOMMIT"]
        or (db.close_at is not None and time.monotonic() >= db.close_at)
    ):
        db.close()
    elif db.settings_dict.get("CONN_HEALTH_CHECKS"):
        db.health_check_done = True
