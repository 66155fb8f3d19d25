"""What every write to an election starts from: the election re-read under its row lock, and
the Invalid that names one bad field."""

from __future__ import annotations

from kuzbas.core.errors import Invalid, Problem
from kuzbas.elections.models import Election


def invalid(message: str, field: str) -> Invalid:
    return Invalid(problems=[Problem(message, field=field)])


def locked(election: Election) -> Election:
    return Election.objects.select_for_update().select_related("seat__body").get(pk=election.pk)
