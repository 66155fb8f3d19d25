"""`kuzbas serve`'s access log leaves out the waiting phones' answered questions, nothing else."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from kuzbas.cli.access_log import QuietQuestions, is_quiet
from kuzbas.meetings import live

pytestmark = pytest.mark.django_db


def _logged(path: str, status: int, caplog) -> list[str]:
    config = Config()
    config.set("accesslog", "-")
    logger = QuietQuestions(config)
    logger.access_log.propagate = True
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="gunicorn.access"):
        logger.access(
            SimpleNamespace(status_code=status, status=f"{status} X", headers=[], sent=0),
            SimpleNamespace(headers=[], method="GET", path=path, query="", version=(1, 1)),
            {
                "PATH_INFO": path,
                "RAW_URI": path,
                "REMOTE_ADDR": "127.0.0.1",
                "REQUEST_METHOD": "GET",
                "SERVER_PROTOCOL": "HTTP/1.1",
            },
            SimpleNamespace(seconds=0, microseconds=100),
        )
    return [r.getMessage() for r in caplog.records if r.name == "gunicorn.access"]


def test_a_question_the_voting_page_asks_is_answered_without_a_log_line(caplog):
    meeting = SimpleNamespace(pk=7, revision=3)
    question = live.url_for(meeting)

    assert is_quiet(question, 204) and is_quiet(question, 200)
    assert _logged(question, 204, caplog) == []


def test_a_question_that_failed_and_every_other_request_are_logged(caplog):
    question = live.url_for(SimpleNamespace(pk=7, revision=3))

    assert len(_logged(question, 404, caplog)) == 1
    assert len(_logged("/api/meetings/7/ballot", 201, caplog)) == 1
    assert len(_logged(question + "/more", 204, caplog)) == 1
