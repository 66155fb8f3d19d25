"""A session cookie that is not one the server made is no session: a NUL byte or another
character no session key has is answered as for anybody signed out, not with a server error
(PostgreSQL refuses a NUL in a query)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db
COOKIES = ["abcdefgh\x00ijklmnop", "a%00b", "abcdefghijklmnop\x01", "ABCDEFGH-IJKLMNOP"]


@pytest.mark.parametrize("value", COOKIES, ids=["nul", "escaped-nul", "soh", "foreign"])
@pytest.mark.parametrize("path", ["/", "/members/", "/api/members/people"])
def test_a_forged_session_cookie_is_answered_as_for_anybody_signed_out(value, path):
    signed_out = Client().get(path)

    forged = Client().get(path, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}={value}")

    assert forged.status_code == signed_out.status_code
