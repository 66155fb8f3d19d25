"""What thousands of waiting phones ask every few seconds: "has anything changed?".

A phone on the voting page holds the meeting's revision it last showed and asks
`/meetings/<pk>/live/<token>/<revision>`. The answer is 204 (nothing changed, nothing to do) or
200 with the `HX-Trigger: kuzbas-live` header, on which the page fetches its vote fragment
through the usual, permission-checked view. The answer carries no data but "changed", so it
needs no session: the token, signed with the server's secret and handed out by the voting page
to those allowed to see it, is what lets a phone ask. Each server process reads a meeting's
revision from the database at most once per `FRESH_FOR` seconds, so 6,100 phones cost a few
queries a second, not thousands.
"""

from __future__ import annotations

import re
import time

from django.conf import settings
from django.core import signing
from django.db import DatabaseError, connection
from django.urls import reverse

from kuzbas.meetings.models import Meeting

SALT = "kuzbas.meetings.live"
FRESH_FOR = 1.0  # seconds a process trusts the revision it read
POLL_SECONDS = 3  # how often a waiting phone asks; phones that opened the page apart stay apart
TRIGGER = "kuzbas-live"

_revisions: dict[int, tuple[float, int | None]] = {}


def token_for(meeting_pk: int) -> str:
    """The signature that lets a phone ask about this meeting."""
    return signing.Signer(salt=SALT).sign(str(meeting_pk)).rsplit(":", 1)[1]


def url_for(meeting) -> str:
    """The question a phone showing the meeting at its current revision asks."""
    token = token_for(meeting.pk)
    return reverse(
        "meetings:live", kwargs={"pk": meeting.pk, "token": token, "revision": meeting.revision}
    )


def stream_url_for(meeting) -> str:
    """Where a phone showing the meeting listens for changes (`live_stream.py`); "" where
    no stream is served (`KUZBAS_LIVE_STREAM`), and the page asks instead."""
    where = getattr(settings, "KUZBAS_LIVE_STREAM", "")
    if not where:
        return ""
    return f"{'' if where == 'self' else where}{url_for(meeting)}/stream"


def valid_token(meeting_pk: int, token: str) -> bool:
    """Whether a phone's token is this meeting's."""
    try:
        signing.Signer(salt=SALT).unsign(f"{meeting_pk}:{token}")
    except signing.BadSignature:
        return False
    return True


def revision_of(meeting_pk: int, *, fresh: bool = False) -> int | None:
    """The meeting's revision as this process last read it (None: no such meeting);
    `fresh` reads it from the database now."""
    now = time.monotonic()
    cached = _revisions.get(meeting_pk)
    if not fresh and cached is not None and now - cached[0] < FRESH_FOR:
        return cached[1]
    revision = Meeting.objects.filter(pk=meeting_pk).values_list("revision", flat=True).first()
    _revisions[meeting_pk] = (now, revision)
    return revision


def answer(meeting_pk: int, token: str, revision: int) -> int:
    """Return the HTTP status for a phone's question: 204 unchanged, 200 changed, 404 unknown."""
    if not valid_token(meeting_pk, token):
        return 404
    current = revision_of(meeting_pk)
    if current is None:
        return 404
    return 204 if current == revision else 200


_PATH = re.compile(r"^/meetings/(\d+)/live/([A-Za-z0-9_-]+)/(\d+)$")


def shortcut(application):
    """Wrap the WSGI application so that a phone's question skips Django's request handling.

    The question is the most frequent request of a large meeting and needs neither session nor
    middleware: it is answered here, by the same `answer` the view uses, for a fraction of the
    cost. Anything else (and any question this cannot parse) goes to Django as usual.
    """

    def serve(environ, start_response):
        found = _PATH.match(environ.get("PATH_INFO", ""))
        if found is None or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return application(environ, start_response)
        pk, token, revision = int(found[1]), found[2], int(found[3])
        try:
            status = answer(pk, token, revision)
        except DatabaseError:
            # The database went away (a restart): drop the connection, let the phone ask again.
            connection.close()
            status = 503
        headers = [("Cache-Control", "no-store"), ("Content-Length", "0")]
        if status == 200:
            headers.append(("HX-Trigger", TRIGGER))
        start_response(f"{status} {_REASONS[status]}", headers)
        return [b""]

    return serve


_REASONS = {200: "OK", 204: "No Content", 404: "Not Found", 503: "Service Unavailable"}
