"""Bodies, the statute versions that govern them, seats and their holders, motions, ballots,
counted votes, the decision register and appeals.

The statute itself is executed by the pure engine (`kuzbas.statute`); these rows are what the
engine is asked about (who holds which seat on a date) and what its answers produced (decisions).

`bodies` (bodies, seats, holdings, proxies), `statute_versions`, `motions` (and their counter),
`ballots` (ballots, the roll, secret papers, counted votes), `decisions` (the register and
appeals). Every model is imported here, so that Django finds them and callers import from
`kuzbas.governance.models`.
"""

from kuzbas.governance.models.ballots import (
    Ballot,
    Choice,
    CountedVote,
    Participation,
    RollEntry,
    SealedPaper,
    SecretBallot,
)
from kuzbas.governance.models.bodies import Body, BodyKind, Proxy, Seat, SeatFill, SeatHolding
from kuzbas.governance.models.decisions import Appeal, Decision, Outcome, RegisterHead
from kuzbas.governance.models.motions import Counter, Motion, MotionStatus
from kuzbas.governance.models.statute_versions import StatuteAmendment, StatuteVersion

__all__ = [
    "Appeal",
    "Ballot",
    "Body",
    "BodyKind",
    "Choice",
    "CountedVote",
    "Counter",
    "Decision",
    "Motion",
    "MotionStatus",
    "Outcome",
    "Participation",
    "Proxy",
    "RegisterHead",
    "RollEntry",
    "SealedPaper",
    "Seat",
    "SeatFill",
    "SeatHolding",
    "SecretBallot",
    "StatuteAmendment",
    "StatuteVersion",
]
