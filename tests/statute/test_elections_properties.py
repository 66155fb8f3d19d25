"""Properties every count must keep, whatever the ballots: nothing created, nothing lost unseen."""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from kuzbas.statute import StageKind, count_approval, count_plurality, count_scottish_stv

FIVE_PLACES = Decimal("0.00001")


@st.composite
def elections(draw: st.DrawFn) -> tuple[list[str], int, list[tuple[str, ...]], list[str]]:
    """Return candidates, seats, ranked ballots (some blank, some partial) and a lot order."""
    candidates = [f"c{i}" for i in range(draw(st.integers(1, 7)))]
    seats = draw(st.integers(1, len(candidates)))
    rankings = st.permutations(candidates).flatmap(
        lambda order: st.integers(0, len(order)).map(lambda cut: tuple(order[:cut]))
    )
    # Repeated rankings make surpluses and ties, where the rules do their work
    pool = draw(st.lists(rankings, min_size=1, max_size=6))
    ballots = draw(st.lists(st.sampled_from(pool), max_size=60))
    lot = draw(st.permutations(candidates))
    return candidates, seats, ballots, list(lot)


@settings(max_examples=200, deadline=None)
@given(election=elections())
def test_every_vote_is_on_a_candidate_non_transferable_or_lost_to_truncation_at_every_stage(
    election,
):
    candidates, seats, ballots, lot = election
    result = count_scottish_stv(candidates=candidates, seats=seats, ballots=ballots, lot=lot)
    for stage in result.stages:
        held = sum((votes for _, votes in stage.totals), Decimal(0))
        assert held + stage.non_transferable_total + stage.lost_total == result.valid


@settings(max_examples=200, deadline=None)
@given(election=elections())
def test_the_seats_are_filled_once_each_and_nobody_is_both_elected_and_excluded(election):
    candidates, seats, ballots, lot = election
    result = count_scottish_stv(candidates=candidates, seats=seats, ballots=ballots, lot=lot)
    assert len(result.elected) == len(set(result.elected)) == seats
    assert not set(result.elected) & set(result.excluded)
    assert result.quota == result.valid // (seats + 1) + 1


@settings(max_examples=200, deadline=None)
@given(election=elections())
def test_transfer_values_keep_five_places_and_never_grow(election):
    candidates, seats, ballots, lot = election
    result = count_scottish_stv(candidates=candidates, seats=seats, ballots=ballots, lot=lot)
    for stage in result.stages:
        for received, passed_on in stage.transfer_values:
            assert passed_on == passed_on.quantize(FIVE_PLACES)
            assert 0 <= passed_on <= received <= 1
        assert stage.lost >= 0
        if stage.kind is StageKind.SURPLUS:
            assert stage.lost < FIVE_PLACES * len(ballots)


@settings(max_examples=150, deadline=None)
@given(election=elections(), seed=st.integers(0, 2**32))
def test_the_order_of_the_ballots_does_not_change_the_count(election, seed):
    candidates, seats, ballots, lot = election
    shuffled = list(ballots)
    random.Random(seed).shuffle(shuffled)
    first = count_scottish_stv(candidates=candidates, seats=seats, ballots=ballots, lot=lot)
    again = count_scottish_stv(candidates=candidates, seats=seats, ballots=shuffled, lot=lot)
    assert first == again


@settings(max_examples=150, deadline=None)
@given(election=elections())
def test_renaming_the_candidates_renames_the_result(election):
    candidates, seats, ballots, lot = election
    name = {c: f"member-{c}" for c in candidates}
    first = count_scottish_stv(candidates=candidates, seats=seats, ballots=ballots, lot=lot)
    renamed = count_scottish_stv(
        candidates=[name[c] for c in candidates],
        seats=seats,
        ballots=[tuple(name[c] for c in ballot) for ballot in ballots],
        lot=[name[c] for c in lot],
    )
    assert renamed.elected == tuple(name[c] for c in first.elected)
    assert [s.totals for s in renamed.stages] == [
        tuple((name[c], votes) for c, votes in s.totals) for s in first.stages
    ]


@settings(max_examples=150, deadline=None)
@given(election=elections())
def test_a_candidate_with_more_than_half_the_first_preferences_takes_a_single_seat(election):
    candidates, _, ballots, lot = election
    valid = [b for b in ballots if b]
    firsts = {c: sum(b[0] == c for b in valid) for c in candidates}
    leader = max(candidates, key=firsts.__getitem__)
    assume(2 * firsts[leader] > len(valid))
    result = count_scottish_stv(candidates=candidates, seats=1, ballots=ballots, lot=lot)
    assert result.elected == (leader,)


@settings(max_examples=150, deadline=None)
@given(election=elections())
def test_with_single_preferences_one_seat_goes_to_the_plurality_winner(election):
    # Given every voter names one candidate only, so no paper ever transfers
    candidates, _, ballots, lot = election
    single = [ballot[:1] for ballot in ballots]
    plurality = count_plurality(candidates=candidates, seats=1, ballots=single, lot=lot)
    # Then STV excludes from the bottom and leaves the plurality winner standing
    stv = count_scottish_stv(candidates=candidates, seats=1, ballots=single, lot=lot)
    assume(not plurality.tied)
    assert stv.elected == plurality.elected


@settings(max_examples=150, deadline=None)
@given(election=elections())
def test_every_candidate_elected_by_approval_has_at_least_the_votes_of_any_not_elected(
    election,
):
    candidates, seats, ballots, lot = election
    result = count_approval(candidates=candidates, seats=seats, ballots=ballots, lot=lot)
    votes = dict(result.totals)
    losers = [c for c in candidates if c not in result.elected]
    assert len(result.elected) == seats
    assert all(votes[w] >= votes[x] for w in result.elected for x in losers)
    assert sum(votes.values()) == sum(len(b) for b in ballots)
