"""Scottish STV against stvpoll, an independent implementation from PyPI, on random elections.

stvpoll (0.5) counts Scottish STV the same way in every respect but one that changes results:
when two or more candidates reach the quota at the same stage, it elects them together and
transfers their surpluses one after another within one round, letting the first surplus pass
papers to a candidate whose own surplus is still to come (and treating papers that candidate
held which rank the first one next as the first one's). Rules 48 and 49 make each surplus its
own stage and skip every candidate already elected. Those elections are compared too, but
only reported; every other election must elect the same candidates.

Smaller differences, which change no result in the seeded elections here:

- stvpoll rounds each paper's new value to five places half-even after dividing in 28 digits;
  rule 48(3) truncates. The two differ by at most 0.00001 a paper, so only a near tie can tell.
- stvpoll's lot is a shuffled candidate order; the tied candidate first in it is favoured and
  the last one excluded, as in `kuzbas.statute.elections.lot`. Each election hands both counts
  the same order, so even ties decided by lot must agree.
- stvpoll's class elects over the quota first and fills the last vacancies only when nobody
  reached it (its function checks first); rule 52 is checked at the end of every stage, before
  any surplus. Both elect the same candidates.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pytest

from kuzbas.statute import DecidedBy, StvResult, count_scottish_stv

stvpoll_scottish = pytest.importorskip("stvpoll.scottish_stv", reason="pip install stvpoll")
stvpoll_ties = pytest.importorskip("stvpoll.tiebreak_strategies")

ELECTIONS = 1000
SEED = 1922


@dataclass(frozen=True)
class Election:
    candidates: tuple[str, ...]
    seats: int
    ballots: tuple[tuple[str, ...], ...]
    lot: tuple[str, ...]


def random_elections(rng: random.Random, many: int) -> Iterator[Election]:
    """Yield elections of 2–10 candidates, 1–4 seats and 1–300 partly ranked ballots."""
    for _ in range(many):
        candidates = tuple(f"c{i}" for i in range(rng.randint(2, 10)))
        seats = rng.randint(1, min(4, len(candidates)))
        # Some candidates are much more popular than others, as in a real meeting
        appeal = [rng.random() ** 2 + 0.01 for _ in candidates]
        ballots = []
        for _ in range(rng.randint(1, 300)):
            pool, weights, ranking = list(candidates), list(appeal), []
            # A few blank papers; otherwise any length of ranking, down to one preference
            for _ in range(rng.randint(0 if rng.random() < 0.03 else 1, len(candidates))):
                pick = rng.choices(range(len(pool)), weights)[0]
                ranking.append(pool.pop(pick))
                weights.pop(pick)
            ballots.append(tuple(ranking))
        lot = list(candidates)
        rng.shuffle(lot)
        yield Election(candidates, seats, tuple(ballots), tuple(lot))


def ours(election: Election) -> StvResult:
    return count_scottish_stv(
        candidates=election.candidates,
        seats=election.seats,
        ballots=election.ballots,
        lot=election.lot,
    )


def stvpoll_class(election: Election) -> object:
    """Count with stvpoll's ScottishSTV class, its lot set to the election's order."""
    state = random.getstate()
    random.seed(SEED)  # the class shuffles candidates with the global generator
    try:
        poll = stvpoll_scottish.ScottishSTV(seats=election.seats, candidates=election.candidates)
    finally:
        random.setstate(state)
    for tiebreaker in poll.tiebreakers:
        if isinstance(tiebreaker, stvpoll_ties.TiebreakRandom):
            # How stvpoll's own utils.recalculate_result replays a recorded lot
            tiebreaker.shuffled = election.lot
            tiebreaker.reversed = tuple(reversed(election.lot))
    for ranking, many in Counter(election.ballots).items():
        poll.add_ballot(ranking, many)
    return poll.calculate()


def stvpoll_function(election: Election) -> object:
    """Count with stvpoll's calculate_scottish_stv, its lot in the election's order."""
    return stvpoll_scottish.calculate_scottish_stv(
        election.lot,  # the candidates in lot order: stvpoll's lot then keeps that order
        Counter(election.ballots),
        election.seats,
        tiebreak_strategies=(
            stvpoll_ties.TiebreakHistory(),
            stvpoll_ties.TiebreakRandom(election.lot, shuffle=False),
        ),
    )


def elected_together(result: StvResult, oracle: object) -> bool:
    """Return whether either count elected two or more candidates at one stage or round."""
    ours_together = any(len(stage.elected) > 1 for stage in result.stages)
    theirs_together = any(
        r.status == "Elected" and r.selection_method == "Direct" and len(r.selected) > 1
        for r in oracle.rounds
    )
    return ours_together or theirs_together


@dataclass
class Comparison:
    compared: int = 0
    together: int = 0
    together_differing: int = 0
    looked_back: int = 0
    by_lot: int = 0
    differing: tuple[str, ...] = ()


def compare(elections: list[Election]) -> Comparison:
    tally = Comparison()
    differing = []
    for number, election in enumerate(elections):
        result = ours(election)
        elected = set(result.elected)
        by_class, by_function = stvpoll_class(election), stvpoll_function(election)
        agree = elected == set(by_class) == set(by_function)
        if elected_together(result, by_class) or elected_together(result, by_function):
            tally.together += 1
            tally.together_differing += not agree
            continue
        tally.compared += 1
        decided = {stage.decided_by for stage in result.stages}
        tally.looked_back += DecidedBy.LOOK_BACK in decided
        tally.by_lot += DecidedBy.LOT in decided
        if not agree:
            differing.append(f"election {number}: ours {result.elected}, stvpoll {by_class}")
    tally.differing = tuple(differing)
    return tally


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return compare(list(random_elections(random.Random(SEED), ELECTIONS)))


def test_stvpoll_elects_the_same_candidates_in_every_election_counted_one_surplus_at_a_time(
    comparison,
):
    print(
        f"\nScottish STV against stvpoll: {ELECTIONS} elections; {comparison.compared} compared "
        f"({comparison.looked_back} with a tie broken by look-back, {comparison.by_lot} by lot); "
        f"{comparison.together} skipped where candidates reached the quota together, "
        f"{comparison.together_differing} of them electing differently"
    )
    assert comparison.differing == ()
    assert comparison.compared >= 500


def test_the_compared_elections_include_ties_broken_by_look_back_and_by_lot(comparison):
    assert comparison.looked_back >= 10
    assert comparison.by_lot >= 10


def test_stvpoll_lets_an_earlier_surplus_take_papers_of_a_candidate_elected_with_it():
    # Given A (30) and B (27) both pass the quota of 26, and B's papers rank A next
    groups = [("AC", 30), ("BAD", 27), ("C", 18), ("D", 15), ("E", 10)]
    election = Election(
        candidates=tuple("ABCDE"),
        seats=3,
        ballots=tuple(tuple(ranking) for ranking, many in groups for _ in range(many)),
        lot=tuple("ABCDE"),
    )
    # When both count it
    result, oracle = ours(election), stvpoll_class(election)
    # Then by rule 48 B's 27 papers skip A and bring D 27 × 1/27 truncated = 0.99981
    assert result.stages[-1].votes_for("D") == 0
    assert result.stages[-2].votes_for("D") == Decimal("15.99981")
    # While stvpoll moves them through A back to B first, and D ends up with less
    final_round = oracle.rounds[-2]
    assert final_round.votes["D"] == Decimal("15.54108")
    # And here the same three are elected all the same
    assert set(result.elected) == set(oracle) == {"A", "B", "C"}
