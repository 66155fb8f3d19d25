"""The stored statute versions as the engine sees them: parsed once per content, never re-checked
by hand here (the engine does all checking)."""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache

from django.utils.translation import gettext as _

from kuzbas.core.errors import NotFound
from kuzbas.governance.models import StatuteVersion
from kuzbas.statute import Statute, StatuteHistory, build_history, load_statute_text


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


@lru_cache(maxsize=16)
def _history(texts: tuple[tuple[str, str], ...]) -> StatuteHistory:
    return build_history(_parsed(text, file) for text, file in texts)


def stored_history(statute_id: str = "") -> StatuteHistory:
    """Return the engine's history built from the stored versions; NotFound if none is loaded."""
    rows = StatuteVersion.objects.order_by("effective")
    if statute_id:
        rows = rows.filter(statute_id=statute_id)
    else:
        # One colony, one statute: the newest loaded version names it.
        latest = rows.order_by("-effective").values_list("statute_id", flat=True).first()
        rows = rows.filter(statute_id=latest)
    texts = tuple((r.text, r.file_name) for r in rows.only("text", "statute_id", "version"))
    if not texts:
        raise NotFound(_("No statute has been loaded yet."), rule="statute.none")
    return _history(texts)


def stored_version(statute: Statute) -> StatuteVersion:
    """Return the stored row of an engine version."""
    return StatuteVersion.objects.get(statute_id=statute.id, version=statute.version)


def version_in_force(as_of: dt.date) -> StatuteVersion | None:
    """Return the stored version in force on a date, if any."""
    return StatuteVersion.objects.filter(effective__lte=as_of).order_by("-effective").first()
