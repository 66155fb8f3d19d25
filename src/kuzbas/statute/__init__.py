"""The colony's statute as code: who decides what, who votes, how votes count, where appeals go.

Pure Python: no Django, no clock, no I/O beyond reading a statute file. Dates come in as `as_of`.
"""

from __future__ import annotations

from kuzbas.statute.appeals import AppealRoute, Decision, appeal_routes, may_appeal
from kuzbas.statute.check import CheckReport, check_file, check_text, main_check
from kuzbas.statute.conditions import may_record_met, recorder
from kuzbas.statute.consistency import check_statute
from kuzbas.statute.elections import (
    DecidedBy,
    LotNeeded,
    MarkResult,
    Stage,
    StageKind,
    StvResult,
    count_approval,
    count_plurality,
    count_scottish_stv,
)
from kuzbas.statute.electorate import Electorate, Member, Proxy, SeatHolding, Voter, electorate
from kuzbas.statute.errors import NotInForce, Refusal, StatuteInvalid, StatuteProblem, TallyError
from kuzbas.statute.jurisdiction import Competence, Step, admit_motion, competence, matters_of
from kuzbas.statute.loader import load_statute, load_statute_text, read_statute
from kuzbas.statute.model import Statute
from kuzbas.statute.tally import Ballot, Choice, Outcome, Result, tally_ballots, tally_counts
from kuzbas.statute.versions import (
    StatuteHistory,
    amend,
    build_history,
    changed_clauses,
    statute_as_of,
)

__all__ = [
    "AppealRoute",
    "Ballot",
    "CheckReport",
    "Choice",
    "Competence",
    "DecidedBy",
    "Decision",
    "Electorate",
    "LotNeeded",
    "MarkResult",
    "Member",
    "NotInForce",
    "Outcome",
    "Proxy",
    "Refusal",
    "Result",
    "SeatHolding",
    "Stage",
    "StageKind",
    "Statute",
    "StatuteHistory",
    "StatuteInvalid",
    "StatuteProblem",
    "Step",
    "StvResult",
    "TallyError",
    "Voter",
    "admit_motion",
    "amend",
    "appeal_routes",
    "build_history",
    "changed_clauses",
    "check_file",
    "check_statute",
    "check_text",
    "competence",
    "count_approval",
    "count_plurality",
    "count_scottish_stv",
    "electorate",
    "load_statute",
    "load_statute_text",
    "main_check",
    "matters_of",
    "may_appeal",
    "may_record_met",
    "read_statute",
    "recorder",
    "statute_as_of",
    "tally_ballots",
    "tally_counts",
]
