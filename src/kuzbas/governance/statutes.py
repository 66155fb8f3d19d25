"""The stored statute versions as the engine sees them: parsed once per content, never re-checked
by hand here (the engine does all checking)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from django.utils.translation import gettext as _

from kuzbas.core.errors import NotNow
from kuzbas.governance.models import StatuteVersion
from kuzbas.statute import Statute, StatuteHistory, build_history, load_statute_text


class NoStatute(NotNow):
    """No statute has been loaded yet: nothing can be decided until one is."""


def content_hash(text: str) -> str:
    """Return the SHA-256 of a statute's text, as stored and cited by decisions."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=64)
def _parsed(text: str, file: str) -> Statute:
    # Keyed by the text itself: a stored version never changes, so neither does its parse.
    return load_statute_text(text, file=file)


def parsed(version: StatuteVersion) -> Statute:
    """Return the engine's model of one stored version."""
    return _parsed(version.text, version.file_name)


# The histories read in the current request (see `one_reading`), by statute id.
_reading: ContextVar[dict[str, StatuteHistory] | None] = ContextVar(
    "kuzbas_statute_reading", default=None
)


@contextmanager
def one_reading() -> Iterator[None]:
    """Read the stored history at most once inside the block (a request: see `ReadOnce`)."""
    token = _reading.set({})
    try:
        yield
    finally:
        _reading.reset(token)


def forget_reading() -> None:
    """Drop what the current request has read: a version was just stored."""
    memo = _reading.get()
    if memo is not None:
        memo.clear()


class ReadOnce:
    """Middleware: each request reads the stored statute history at most once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with one_reading():
            return self.get_response(request)


def stored_history(statute_id: str = "") -> StatuteHistory:
    """Return the engine's history built from the stored versions; NoStatute if none is loaded.

    One query reads the versions' ids and hashes (no texts), at most once a request; the
    history built from them is kept per process under that key. Versions are append-only, so
    a new version is a new key, and a hash in the key keeps a reused id (a database made
    afresh) from meeting an old parse.
    """
    memo = _reading.get()
    if memo is not None and statute_id in memo:
        return memo[statute_id]
    rows = list(
        StatuteVersion.objects.order_by("effective", "pk").values_list(
            "pk", "statute_id", "content_hash"
        )
    )
    if not rows:
        raise NoStatute(_("No statute has been loaded yet."), rule="statute.none")
    # One colony, one statute: the newest loaded version names it.
    wanted = statute_id or rows[-1][1]
    key = tuple((pk, digest) for pk, named, digest in rows if named == wanted)
    if not key:
        raise NoStatute(_("No statute has been loaded yet."), rule="statute.none")
    history = _history(key)
    if memo is not None:
        memo[statute_id] = history
    return history


@lru_cache(maxsize=16)
def _history(key: tuple[tuple[int, str], ...]) -> StatuteHistory:
    versions = StatuteVersion.objects.filter(pk__in=[pk for pk, _digest in key])
    return build_history(parsed(v) for v in versions.order_by("effective", "pk"))


def stored_version(statute: Statute) -> StatuteVersion:
    """Return the stored row of an engine version."""
    return StatuteVersion.objects.get(statute_id=statute.id, version=statute.version)


def version_in_force(as_of: dt.date) -> StatuteVersion | None:
    """Return the stored version in force on a date, if any."""
    return StatuteVersion.objects.filter(effective__lte=as_of).order_by("-effective").first()
