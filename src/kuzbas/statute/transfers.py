"""When a transferred vote is in force: from its first day, until a date or until an event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from kuzbas.statute.model import Statute, Transfer
from kuzbas.statute.phrases import Phrase

# The date each condition of the statute was met, as recorded by the application.
ConditionsMet = Mapping[str, dt.date]


def transfer_in_force(
    transfer: Transfer, *, as_of: dt.date, conditions_met: ConditionsMet | None = None
) -> bool:
    """Return whether a transfer applies on a date; its end date is the first day it does not."""
    if as_of < transfer.starts:
        return False
    if transfer.until is not None and as_of >= transfer.until:
        return False
    met_on = (
        (conditions_met or {}).get(transfer.until_condition) if transfer.until_condition else None
    )
    return met_on is None or as_of < met_on


def transfers_in_force(
    statute: Statute,
    *,
    holder: str,
    matter: str,
    as_of: dt.date,
    conditions_met: ConditionsMet | None = None,
) -> tuple[Transfer, ...]:
    """Return the transfers of a holder's vote that apply to a matter on a date."""
    return tuple(
        t
        for t in statute.transfers
        if t.holder == holder
        and (not t.matters or matter in t.matters)
        and transfer_in_force(t, as_of=as_of, conditions_met=conditions_met)
    )


def describe_transfer(statute: Statute, transfer: Transfer) -> str:
    """Return a transfer in words: whose vote, held by whom, since when and until what."""
    holder, to = statute.name_of(transfer.holder), statute.name_of(transfer.to)
    starts = transfer.starts.isoformat()
    if transfer.until is not None:
        return HELD_UNTIL(holder=holder, to=to, starts=starts, until=transfer.until.isoformat())
    if transfer.until_condition:
        condition = statute.condition(transfer.until_condition)
        until = condition.description if condition else transfer.until_condition
        return HELD_UNTIL(holder=holder, to=to, starts=starts, until=until)
    return HELD(holder=holder, to=to, starts=starts)


HELD = Phrase("the vote of the {holder} is exercised provisionally by the {to} from {starts}")
HELD_UNTIL = Phrase(
    "the vote of the {holder} is exercised provisionally by the {to} from {starts} until {until}"
)
