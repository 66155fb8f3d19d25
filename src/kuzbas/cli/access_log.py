"""gunicorn's access log, without the waiting phones' questions.

During a general meeting every phone on the voting page asks "has anything changed?" every few
seconds (`meetings/live.py`): 6,100 phones would write some 2,000 lines a second, each with the
meeting's live token in its URL, and bury every other request. Writing a line also cost the
server about a third of answering the question (60 of 200 µs of CPU, measured with gunicorn's
sync workers on the test machine). So `kuzbas serve` logs every request but those questions
when they were answered as usual (204 unchanged, 200 changed); one that failed (404, 503) is
logged like any other request. Everything else is gunicorn's own log, line for line.
"""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

# The path of a phone's question, as `meetings/live.py` answers it (a test holds the two equal).
QUESTION = re.compile(r"^/meetings/\d+/live/[A-Za-z0-9_-]+/\d+$")
ANSWERED = (200, 204)


def is_quiet(path: str, status: int | None) -> bool:
    """Whether a request is a phone's question answered as usual: not written to the log."""
    return status in ANSWERED and QUESTION.match(path) is not None


class QuietQuestions(Logger):
    """gunicorn's logger, leaving out the answered questions of waiting phones."""

    def access(self, resp, req, environ, request_time):
        if is_quiet(environ.get("PATH_INFO", ""), getattr(resp, "status_code", None)):
            return
        super().access(resp, req, environ, request_time)
