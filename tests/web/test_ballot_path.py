"""A phone's ballot is answered before Django's handler, with the API's own answers.

The requests go through the WSGI application gunicorn serves (`kuzbas.web.wsgi`); the API as
it stands behind that entry (Django's handler with the bearer stack) answers the same requests
for comparison.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext

from kuzbas.governance.models import Participation, SealedPaper
from kuzbas.meetings.services import votes
from kuzbas.members.services import issue_api_token
from kuzbas.web import ballot_path, bearer
from kuzbas.web.wsgi import application
from tests.meetings.conftest import DAY, assembly, check_in_all, pumps_item  # noqa: F401 (fixtures)
from tests.web.same_connection import same_connection

pytestmark = pytest.mark.django_db

THE_API = bearer.shortcut(WSGIHandler())


def _post(app, path: str, token: str, body, *, language: str = "") -> dict:
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(raw)),
        "HTTP_AUTHORIZATION": f"Bearer {token}",
        "wsgi.input": io.BytesIO(raw),
        "wsgi.errors": io.StringIO(),
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if language:
        environ["HTTP_ACCEPT_LANGUAGE"] = language
    answer: dict = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = dict(headers)

    with same_connection():
        answer["body"] = json.loads(b"".join(app(environ, start_response)) or b"{}")
    return answer


@pytest.fixture
def phone(assembly, pumps_item):  # noqa: F811 (fixtures)
    """Anna checked in, the vote on the pumps open, and her phone's token."""
    check_in_all(assembly, "anna", "boris")
    votes.open_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)
    _token, raw = issue_api_token(actor=assembly.members["anna"], name="phone")
    return raw, f"/api/meetings/{assembly.meeting.pk}/ballot"


def _outline(answer: dict) -> tuple:
    body = answer["body"]
    fields = sorted(str(p.get("field")) for p in body.get("problems", []))
    return answer["status"], body.get("code"), fields


def test_a_ballot_is_answered_without_django_s_request_handling(phone):
    raw, url = phone
    started = []

    def count(**kwargs):
        started.append(kwargs)

    signals.request_started.connect(count)
    try:
        answer = _post(application, url, raw, {"choice": "yes", "key": "a" * 16})
    finally:
        signals.request_started.disconnect(count)

    assert answer["status"] == 201, answer
    assert answer["body"]["choice"] == "yes"
    assert started == []
    assert Participation.objects.filter(voter__key="anna").count() == 1
    assert SealedPaper.objects.count() == 1


def test_a_ballot_through_this_entry_is_two_statements_on_postgresql(phone):
    raw, url = phone

    with CaptureQueriesContext(connection) as captured:
        answer = _post(application, url, raw, {"choice": "yes", "key": "s" * 16})

    statements = [
        q["sql"]
        for q in captured.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))
    ]
    assert answer["status"] == 201
    # The token with the meeting, one guarded statement; SQLite reads the two apart and writes
    # the rows one by one.
    assert len(statements) == (2 if connection.vendor == "postgresql" else 7), statements


def test_a_retry_returns_the_original_receipt_and_writes_nothing_more(phone):
    raw, url = phone
    body = {"choice": "no", "key": "r" * 16}

    first = _post(application, url, raw, body)
    again = _post(application, url, raw, body)

    assert (first["status"], again["status"]) == (201, 200)
    assert again["body"] == first["body"]
    assert SealedPaper.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"key": "k" * 16},
        {"choice": 1},
        {"choice": "maybe", "key": "k" * 16},
        {"choice": "yes", "key": "short"},
        {"choice": "yes", "key": 5},
        {"choice": "yes\x00", "key": "k" * 16},
        {"choice": "yes", "note": "a\x07b"},
        ["yes"],
    ],
    ids=[
        "empty",
        "no-choice",
        "choice-not-text",
        "unknown-choice",
        "short-key",
        "key-not-text",
        "control-in-choice",
        "control-elsewhere",
        "not-an-object",
    ],
)
def test_bad_input_is_answered_as_the_api_answers_it_and_changes_nothing(phone, body):
    raw, url = phone

    lean = _post(application, url, raw, body)
    api = _post(THE_API, url, raw, body)

    assert lean["status"] in (400, 422)
    assert _outline(lean) == _outline(api)
    assert Participation.objects.count() == 0


def test_a_body_that_is_not_json_is_refused_as_invalid(phone):
    raw, url = phone

    answer = _post(application, url, raw, b"yes please")

    assert (answer["status"], answer["body"]["code"]) == (422, "invalid")
    assert Participation.objects.count() == 0


def test_a_wrong_token_is_refused_as_unauthenticated(phone):
    # The API behind this entry answers a POST with a wrong token 403 "CSRF check Failed"
    # (its cookie authentication's answer); a GET gets this 401 from it.
    _raw, url = phone

    answer = _post(application, url, "kz_wrong", {"choice": "yes", "key": "w" * 16})

    assert answer["status"] == 401
    assert answer["body"]["code"] == "unauthenticated"
    assert Participation.objects.count() == 0


def test_a_member_not_checked_in_is_refused_as_the_api_refuses_it(phone, assembly):  # noqa: F811
    _token, raw = issue_api_token(actor=assembly.members["vera"], name="phone")
    _raw, url = phone

    lean = _post(application, url, raw, {"choice": "yes"})
    api = _post(THE_API, url, raw, {"choice": "yes"})

    assert lean["status"] == api["status"] == 409
    assert lean["body"] == api["body"]


def test_a_closed_vote_is_answered_as_the_api_answers_it(
    phone,
    assembly,  # noqa: F811 (fixtures)
    pumps_item,  # noqa: F811
):
    raw, url = phone
    _token, boris = issue_api_token(actor=assembly.members["boris"], name="phone")
    cast = _post(application, url, raw, {"choice": "yes", "key": "c" * 16})
    votes.close_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)

    retry = _post(application, url, raw, {"choice": "yes", "key": "c" * 16})
    retry_api = _post(THE_API, url, raw, {"choice": "yes", "key": "c" * 16})
    late = _post(application, url, boris, {"choice": "no", "key": "d" * 16})
    late_api = _post(THE_API, url, boris, {"choice": "no", "key": "d" * 16})

    assert cast["status"] == 201
    assert (retry["status"], retry["body"]) == (retry_api["status"], retry_api["body"])
    assert late["status"] == late_api["status"] == 409
    assert late["body"] == late_api["body"]


def test_a_refusal_speaks_the_phone_s_language(phone, assembly):  # noqa: F811
    _token, raw = issue_api_token(actor=assembly.members["vera"], name="phone")
    _raw, url = phone

    english = _post(application, url, raw, {"choice": "yes"}, language="en")
    russian = _post(application, url, raw, {"choice": "yes"}, language="ru")

    assert russian["headers"]["Content-Language"] == "ru"
    assert russian["body"]["message"] != english["body"]["message"]
    assert russian["body"] == _post(THE_API, url, raw, {"choice": "yes"}, language="ru")["body"]


def test_a_database_gone_away_is_answered_503_and_the_retry_is_counted_once(phone, monkeypatch):
    raw, url = phone
    real = ballot_path.voter_and_meeting

    def gone(token, pk):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(ballot_path, "voter_and_meeting", gone)
    lost = _post(application, url, raw, {"choice": "abstain", "key": "g" * 16})
    monkeypatch.setattr(ballot_path, "voter_and_meeting", real)
    retried = _post(application, url, raw, {"choice": "abstain", "key": "g" * 16})

    assert lost["status"] == 503 and lost["body"]["code"] == "unavailable"
    assert retried["status"] == 201
    assert Participation.objects.count() == 1


def test_only_a_post_with_a_bearer_token_to_a_meeting_s_ballot_takes_this_path():
    ballot = {"REQUEST_METHOD": "POST", "PATH_INFO": "/api/meetings/7/ballot"}
    token = {"HTTP_AUTHORIZATION": "Bearer kz_x"}

    assert ballot_path.is_ballot({**ballot, **token})
    assert not ballot_path.is_ballot(ballot)
    assert not ballot_path.is_ballot({**ballot, **token, "REQUEST_METHOD": "GET"})
    assert not ballot_path.is_ballot({**ballot, **token, "PATH_INFO": "/api/meetings/7/vote"})
    assert not ballot_path.is_ballot({**ballot, **token, "PATH_INFO": "/api/meetings/x/ballot"})
