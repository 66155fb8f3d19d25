"""Bearer-token API requests take the short middleware stack; everything else the whole one.

These go through the WSGI application gunicorn serves (`kuzbas.web.wsgi`), not the test
client, which builds its own handler with the whole stack.
"""

from __future__ import annotations

import io
import json

import pytest
from django.conf import settings

from kuzbas.members.services import issue_api_token
from kuzbas.web import bearer
from kuzbas.web.wsgi import application
from tests.web.same_connection import same_connection

pytestmark = pytest.mark.django_db


def _wsgi(method: str, path: str, *, headers: dict | None = None, body: dict | None = None):
    raw = json.dumps(body).encode() if body is not None else b""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(raw)),
        "wsgi.input": io.BytesIO(raw),
        "wsgi.errors": io.StringIO(),
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    answer = {}

    def start_response(status, response_headers, exc_info=None):
        answer["status"] = int(status.split()[0])
        answer["headers"] = response_headers

    with same_connection():
        answer["body"] = b"".join(application(environ, start_response))
    return answer


def test_a_bearer_request_is_answered_without_a_session_or_page_headers(colonist):
    _token, raw = issue_api_token(actor=colonist.user, name="phone")

    answer = _wsgi("GET", "/api/me", headers={"Authorization": f"Bearer {raw}"})

    names = {name.lower() for name, _value in answer["headers"]}
    assert answer["status"] == 200
    assert json.loads(answer["body"])["roles"] == ["colonist"]
    assert "set-cookie" not in names
    assert "content-security-policy" not in names and "x-frame-options" not in names


def test_a_session_cookie_beside_a_wrong_token_authenticates_nothing(colonist, client):
    client.force_login(colonist.user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    with_cookie_only = _wsgi("GET", "/api/me", headers={"Cookie": cookie})
    with_wrong_token = _wsgi(
        "GET", "/api/me", headers={"Cookie": cookie, "Authorization": "Bearer kz_wrong"}
    )

    assert with_cookie_only["status"] == 200
    assert with_wrong_token["status"] == 401


def test_a_cookie_request_to_the_api_still_needs_its_csrf_token(colonist, client):
    client.force_login(colonist.user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    _token, raw = issue_api_token(actor=colonist.user, name="phone")

    answer = _wsgi("DELETE", f"/api/tokens/{raw[:8]}", headers={"Cookie": cookie})

    assert answer["status"] == 403


def test_a_bearer_request_still_refuses_a_control_character_in_its_body(colonist):
    _token, raw = issue_api_token(actor=colonist.user, name="phone")

    answer = _wsgi(
        "POST",
        "/api/token",
        headers={"Authorization": f"Bearer {raw}"},
        body={"username": "colonist\x00", "password": "x", "name": "phone"},
    )

    assert answer["status"] == 422
    assert json.loads(answer["body"])["code"] == "invalid"


def test_the_short_stack_is_the_whole_one_with_parts_left_out_in_the_same_order():
    kept = [m for m in settings.BEARER_MIDDLEWARE if m != "kuzbas.web.bearer.NoSession"]

    assert [m for m in settings.MIDDLEWARE if m in kept] == kept
    assert "django.contrib.sessions.middleware.SessionMiddleware" not in kept
    assert "kuzbas.web.clean_input.CleanInputMiddleware" in kept


def test_only_api_requests_with_a_bearer_token_take_the_short_stack():
    assert bearer.is_bearer_api({"PATH_INFO": "/api/me", "HTTP_AUTHORIZATION": "Bearer kz_x"})
    assert not bearer.is_bearer_api({"PATH_INFO": "/api/me", "HTTP_AUTHORIZATION": "Basic eA=="})
    assert not bearer.is_bearer_api({"PATH_INFO": "/members/", "HTTP_AUTHORIZATION": "Bearer x"})
