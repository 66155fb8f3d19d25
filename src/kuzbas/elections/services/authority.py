"""What authorises an election: the statute's answer to "who elects?" on a date."""

from __future__ import annotations

import datetime as dt

from kuzbas.governance.conditions import conditions_met
from kuzbas.governance.statutes import stored_history
from kuzbas.statute import Competence, Refusal, admit_motion, competence


def competence_for(matter: str, *, as_of: dt.date) -> Competence:
    """Return the statute's answer to "who elects?" on a date, or refuse with its rule."""
    history = stored_history()
    met = conditions_met(as_of)
    answer = competence(history, matter=matter, as_of=as_of, conditions_met=met)
    if isinstance(answer, Refusal):
        raise answer.as_error()
    # A vote transferred to another holder (an outside authority) is not the members' to cast.
    admitted = admit_motion(
        history, matter=matter, body=answer.body.id, as_of=as_of, conditions_met=met
    )
    if isinstance(admitted, Refusal):
        raise admitted.as_error()
    return admitted
