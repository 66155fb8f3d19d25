"""Transferred votes: between holders that exist, never passed on again, over a real period;
and the conditions that end them, each recorded as met by a body that exists."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from kuzbas.statute.conditions import recorder
from kuzbas.statute.errors import StatuteProblem
from kuzbas.statute.model import Statute
from kuzbas.statute.problems import problem, unresolved


def _holders(statute: Statute) -> list[str]:
    """Return every id that can hold or receive a vote: bodies and seats."""
    return [b.id for b in statute.bodies] + [s.path for b in statute.bodies for s in b.seats]


def check_transfers(statute: Statute) -> Iterator[StatuteProblem]:
    """Yield transfers between unknown holders, passed on, or over an empty period."""
    holders = _holders(statute)
    receivers = Counter(t.holder for t in statute.transfers)
    for transfer in statute.transfers:
        at = transfer.at
        if transfer.holder and transfer.holder not in holders:
            yield unresolved(at, "holder", "body or seat", transfer.holder, holders)
        if transfer.to and transfer.to not in holders:
            yield unresolved(at, "to", "body or seat", transfer.to, holders)
        if transfer.holder and transfer.holder == transfer.to:
            yield problem(
                at, "to", "transfer.holder", "a vote cannot be transferred to its own holder"
            )
        if transfer.to in receivers:
            yield problem(
                at,
                "to",
                "transfer.chain",
                f'"{transfer.to}" gives its own vote away in another transfer; a transferred vote '
                "cannot be passed on again",
            )
        if transfer.until is not None and transfer.until <= transfer.starts:
            yield problem(
                at,
                "until",
                "transfer.period",
                f"the transfer ends ({transfer.until}) before it starts ({transfer.starts})",
            )
        if transfer.until is not None and transfer.until_condition:
            yield problem(
                at,
                "until_condition",
                "transfer.period",
                'write either "until" (a date) or "until_condition", not both',
            )
        if transfer.until_condition and statute.condition(transfer.until_condition) is None:
            yield unresolved(
                at,
                "until_condition",
                "condition",
                transfer.until_condition,
                [c.id for c in statute.conditions],
            )
        for matter_id in transfer.matters:
            matter = statute.matter(matter_id)
            if matter is None:
                yield unresolved(
                    at, "matters", "matter", matter_id, [m.id for m in statute.matters]
                )
            elif statute.body(transfer.holder) is not None and matter.competent != transfer.holder:
                yield problem(
                    at,
                    "matters",
                    "transfer.matter",
                    f'the {statute.name_of(transfer.holder)} is not competent for "{matter_id}", '
                    "so it has no vote in it to transfer",
                )


def check_conditions(statute: Statute) -> Iterator[StatuteProblem]:
    """Yield conditions recorded by an unknown body, or by no body the statute makes clear."""
    bodies = [b.id for b in statute.bodies]
    for condition in statute.conditions:
        if condition.met_by and statute.body(condition.met_by) is None:
            yield unresolved(condition.at, "met_by", "body", condition.met_by, bodies)
        elif recorder(statute, condition) is None:
            yield problem(
                condition.at,
                "met_by",
                "condition.met_by",
                f'no one body can record condition "{condition.id}" as met (the transfers that '
                'wait on it go to different bodies, or none does); name it: met_by = "<body id>"',
            )
