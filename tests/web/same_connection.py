"""Calling the WSGI application inside a test's transaction."""

from __future__ import annotations

from contextlib import contextmanager

from django.core import signals
from django.db import close_old_connections


@contextmanager
def same_connection():
    """The test's transaction lives on this connection: a request must not close it."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
