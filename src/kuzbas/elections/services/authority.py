"""What authorises an election: the statute's answer to "who elects?" on a date."""

from __future__ import annotations

import datetime as dt

from kuzbas.core.errors import NotFound, Refused
from kuzbas.governance.statutes import stored_history
from kuzbas.statute import Competence, Refusal, admit_motion, competence


def competence_for(matter: str, *, as_of: dt.date) -> Competence:
    """Return the statute's answer to "who elects?" on a date, or refuse with its rule."""
    try:
        history = stored_history()
    except NotFound as error:
        raise Refused(error.message, rule="statute.none") from None
    answer = competence(history, matter=matter, as_of=as_of)
    if isinstance(answer, Refusal):
        raise answer.as_error()
    # A vote transferred to another holder (an outside authority) is not the members' to cast.
    admitted = admit_motion(history, matter=matter, body=answer.body.id, as_of=as_of)
    if isinstance(admitted, Refusal):
        raise admitted.as_error()
    return admitted
