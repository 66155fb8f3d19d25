"""The session engine: Django's database sessions, refusing a key the server could not have made.

A session cookie is read before any view or input check sees the request; a key with a NUL byte
would reach the database, and PostgreSQL answers a NUL in a query with an error (a 500). A key
of anything but the characters Django makes keys of is no session, as an unknown key is: the
request goes on signed out.
"""

from __future__ import annotations

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key: str | None) -> bool:
        return bool(super()._validate_session_key(key)) and set(key or "") <= set(VALID_KEY_CHARS)
