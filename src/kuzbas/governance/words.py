"""The statute engine's English, put into the active language (pages, PDFs, messages)."""

from __future__ import annotations

from django.utils.translation import gettext

from kuzbas.governance.rule_names import reader_names, statute_today

# Every module of the engine that writes sentences, so that every phrase is known.
from kuzbas.statute import (  # noqa: F401
    appeals,
    jurisdiction,
    majority,
    model,
    procedures,
    quorum,
    tally,
    transfers,
)
from kuzbas.statute.elections import marks, stv_result  # noqa: F401
from kuzbas.statute.phrases import translate


def say(text: object) -> str:
    """Return an engine text (a line or several) in the active language, the statute's names
    of bodies and matters included where the statute in force gives them in that language."""
    if text is None:
        return ""
    return translate(str(text), gettext, reader_names(statute_today()))
