"""Questions a member asks the statute, answered for the pages and the API alike."""

from __future__ import annotations

import datetime as dt

from kuzbas.governance.conditions import conditions_met
from kuzbas.governance.services import statute_book
from kuzbas.statute import Competence, Refusal, competence


def ask(*, matter: str, body: str, as_of: dt.date) -> Competence | Refusal:
    """Who is competent for `matter` (no body named), or whether the named body may decide it."""
    if body:
        return statute_book.admissibility(matter=matter, body=body, as_of=as_of)
    return competence(
        statute_book.statute_history(),
        matter=matter,
        as_of=as_of,
        conditions_met=conditions_met(as_of),
    )
