"""Amending the statute: entrenched clauses need more than an ordinary amendment, and a version
that amends another records the decision that adopted it."""

from __future__ import annotations

from collections.abc import Iterator

from kuzbas.statute.clauses import citable_clauses
from kuzbas.statute.errors import StatuteProblem
from kuzbas.statute.model import MatterKind, Statute
from kuzbas.statute.problems import problem
from kuzbas.statute.reading import did_you_mean


def check_entrenched(statute: Statute) -> Iterator[StatuteProblem]:
    """Yield entrenched clauses that do not exist or need no more than an amendment."""
    clauses = citable_clauses(statute)
    amendment = next((m for m in statute.matters if m.kind is MatterKind.AMENDMENT), None)
    for item in statute.entrenched:
        if item.clause and item.clause not in clauses:
            yield problem(
                item.at,
                "clause",
                "entrenched.clause",
                f'clause "{item.clause}" is not a rule of this statute'
                f"{did_you_mean(item.clause, clauses)}; "
                'write a rule id such as "matter.technical" or "appeal.to_sto"',
            )
        if amendment is None:
            yield problem(
                item.at,
                "clause",
                "entrenched.amendment",
                'clauses are entrenched but no matter of kind "amendment" says how the statute '
                "is amended",
            )
            continue
        procedure = statute.procedure_for(amendment)
        if procedure is None:
            continue
        ordinary = procedure.majority
        weaker = item.majority.share < ordinary.share or (
            item.majority.share == ordinary.share and item.majority.base == ordinary.base
        )
        if weaker:
            yield problem(
                item.at,
                "majority",
                "entrenched.majority",
                "an entrenched clause must need more than an ordinary amendment, which already "
                f"needs "
                f"{ordinary.describe()}; this asks for {item.majority.describe()}",
            )


def check_amendment(statute: Statute) -> Iterator[StatuteProblem]:
    """Yield an amending version without its [amendment] record, or the reverse."""
    if statute.amends and statute.amendment is None:
        yield problem(
            statute.at,
            "amends",
            "amendment.record",
            "a version that amends another must say which decision adopted it: "
            "add an [amendment] table",
        )
    if statute.amendment is not None and not statute.amends:
        yield problem(
            statute.amendment.at,
            "adopted_by",
            "amendment.record",
            "an [amendment] belongs to a version that amends another: "
            'add amends = "<version>" to [statute]',
        )
