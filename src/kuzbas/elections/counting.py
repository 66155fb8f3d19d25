"""The ballot box handed to the statute engine's election counts, and its answer as plain data.

The engine (`kuzbas.statute.elections`) counts; this module only maps rows to its arguments
and its result to JSON that the result row keeps and pages and the API show. Votes stay exact:
STV values are `Decimal`s the engine computed without rounding, kept as their strings.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from kuzbas.elections.models import Method
from kuzbas.statute.elections import (
    LotSource,
    MarkResult,
    Stage,
    StvResult,
    count_approval,
    count_plurality,
    count_scottish_stv,
)

RULES = {
    Method.STV: "election.stv",
    Method.PLURALITY: "election.plurality",
    Method.APPROVAL: "election.approval",
}


@dataclass(frozen=True)
class Count:
    """What the result row keeps of one count."""

    elected: list[str]
    quota: str
    stages: list[dict]
    totals: list[list]
    valid: int
    blank: int
    lot_order: list[str]
    decided_by_lot: bool
    explanation: str


def exact(value: Decimal) -> str:
    """Return a vote value as its exact decimal string, without trailing zeros."""
    return format(value.normalize(), "f")


def stage_data(stage: Stage) -> dict:
    """Return one STV stage as JSON."""
    return {
        "number": stage.number,
        "kind": stage.kind.value,
        "rule": stage.rule,
        "candidate": stage.candidate,
        "decided_by": stage.decided_by.value,
        "looked_back_to": stage.looked_back_to,
        "moved": exact(stage.moved),
        "transfer_values": [[exact(a), exact(b)] for a, b in stage.transfer_values],
        "transfers": {name: exact(votes) for name, votes in stage.transfers},
        "non_transferable": exact(stage.non_transferable),
        "lost": exact(stage.lost),
        "totals": {name: exact(votes) for name, votes in stage.totals},
        "non_transferable_total": exact(stage.non_transferable_total),
        "lost_total": exact(stage.lost_total),
        "elected": list(stage.elected),
        "elected_without_quota": list(stage.elected_without_quota),
        "text": stage.describe(),
    }


def count(
    method: str,
    *,
    candidates: Sequence[str],
    seats: int,
    box: Sequence[Sequence[str]],
    lot: LotSource,
) -> Count:
    """Count the box with the engine; every candidate by registry key, in ballot-paper order."""
    rule = RULES[Method(method)]
    if method == Method.STV:
        stv: StvResult = count_scottish_stv(
            candidates=candidates, seats=seats, ballots=box, lot=lot, rule=rule
        )
        return Count(
            elected=list(stv.elected),
            quota=exact(stv.quota),
            stages=[stage_data(s) for s in stv.stages],
            totals=[[name, exact(stv.stages[-1].votes_for(name))] for name in stv.candidates],
            valid=stv.valid,
            blank=stv.blank,
            lot_order=list(stv.lot_order or ()),
            decided_by_lot=stv.decided_by_lot,
            explanation="\n".join(stv.explain()),
        )
    counter = count_plurality if method == Method.PLURALITY else count_approval
    marks: MarkResult = counter(candidates=candidates, seats=seats, ballots=box, lot=lot, rule=rule)
    return Count(
        elected=list(marks.elected),
        quota="",
        stages=[],
        totals=[[name, str(votes)] for name, votes in marks.totals],
        valid=marks.ballots - marks.blank,
        blank=marks.blank,
        lot_order=list(marks.lot_order or ()),
        decided_by_lot=bool(marks.by_lot),
        explanation="\n".join(marks.explain()),
    )


def void(box: Sequence[Sequence[str]], reason: str) -> Count:
    """The result of an election without its quorum: the papers are told, not counted."""
    blank = sum(1 for marks in box if not marks)
    return Count(
        elected=[],
        quota="",
        stages=[],
        totals=[],
        valid=len(box) - blank,
        blank=blank,
        lot_order=[],
        decided_by_lot=False,
        explanation=reason,
    )


def box_hash(box: Sequence[tuple[str, Sequence[str]]]) -> str:
    """Return the SHA-256 of the box as published: (receipt, marks) pairs sorted by receipt."""
    document = sorted([receipt, list(marks)] for receipt, marks in box)
    data = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()
    return hashlib.sha256(data).hexdigest()
