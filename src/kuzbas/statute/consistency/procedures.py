"""Procedures whose rules contradict: a tie that cannot arise, a secret ballot shown as it runs."""

from __future__ import annotations

from collections.abc import Iterator

from kuzbas.statute.errors import StatuteProblem
from kuzbas.statute.model import Statute
from kuzbas.statute.problems import problem
from kuzbas.statute.procedures import Abstentions, BallotKind, Base, Threshold, TieRule


def check_procedures(statute: Statute) -> Iterator[StatuteProblem]:
    """Yield a tie rule that cannot apply to the majority, or running totals of a secret ballot."""
    for procedure in statute.procedures:
        majority = procedure.majority
        simple_of_cast = (
            majority.threshold is Threshold.SIMPLE
            and majority.base is Base.VOTES_CAST
            and procedure.abstentions is Abstentions.EXCLUDED
        )
        if procedure.tie is TieRule.CHAIR_DECIDES and not simple_of_cast:
            yield problem(
                procedure.at,
                "tie",
                "procedure.tie",
                "a tie can only arise under a simple majority of the votes cast with abstentions "
                'excluded; use tie = "fails" with this majority',
            )
        if procedure.live_counts and procedure.ballot is BallotKind.SECRET:
            yield problem(
                procedure.at,
                "live_counts",
                "procedure.live_counts",
                "running totals would let anyone watching them as a member votes learn the "
                "choice, which a secret ballot forbids; remove live_counts or choose another "
                "ballot",
            )
