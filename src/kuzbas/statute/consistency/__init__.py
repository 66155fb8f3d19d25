"""Check that a statute can work: every reference resolves, every matter has one competent body,
every seat can be filled, appeals end somewhere, transfers and entrenched clauses make sense."""

from __future__ import annotations

from kuzbas.statute.consistency.amendments import check_amendment, check_entrenched
from kuzbas.statute.consistency.appeals import check_appeal_cycles, check_appeals
from kuzbas.statute.consistency.bodies import SEATED, check_bodies, check_seats
from kuzbas.statute.consistency.duplicates import check_duplicates
from kuzbas.statute.consistency.matters import DECIDES_WITHOUT_PROCEDURE, check_matters
from kuzbas.statute.consistency.procedures import check_procedures
from kuzbas.statute.consistency.sources import check_sources
from kuzbas.statute.consistency.transfers import check_conditions, check_transfers
from kuzbas.statute.errors import StatuteProblem
from kuzbas.statute.model import Statute
from kuzbas.statute.problems import in_file_order

__all__ = ["DECIDES_WITHOUT_PROCEDURE", "SEATED", "check_statute"]


def check_statute(statute: Statute) -> tuple[StatuteProblem, ...]:
    """Return every problem that keeps a statute from working, in the order of the file."""
    checks = (
        check_duplicates,
        check_bodies,
        check_seats,
        check_matters,
        check_procedures,
        check_appeals,
        check_appeal_cycles,
        check_transfers,
        check_conditions,
        check_entrenched,
        check_amendment,
        check_sources,
    )
    problems = [problem for check in checks for problem in check(statute)]
    return tuple(in_file_order(problems))
