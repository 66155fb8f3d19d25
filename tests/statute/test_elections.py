"""Elections to seats, worked by hand: plurality, approval and STV by the Scottish rules."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from kuzbas.statute import (
    DecidedBy,
    LotNeeded,
    StageKind,
    TallyError,
    count_approval,
    count_plurality,
    count_scottish_stv,
)


def papers(*groups: tuple[str, int]) -> list[tuple[str, ...]]:
    """Return ballots from (ranking as letters, how many) pairs: ("AC", 3) is three A > C."""
    return [tuple(ranking) for ranking, many in groups for _ in range(many)]


def d(text: str) -> Decimal:
    return Decimal(text)


# Plurality and approval


def test_the_candidates_with_the_most_marks_take_the_seats_under_plurality():
    result = count_plurality(
        candidates=["Ann", "Bob", "Cid", "Dan"],
        seats=2,
        ballots=[["Ann", "Bob"], ["Ann", "Cid"], ["Bob"], ["Ann", "Bob"], []],
    )
    assert result.elected == ("Ann", "Bob")
    assert result.totals == (("Ann", 3), ("Bob", 3), ("Cid", 1), ("Dan", 0))
    assert (result.ballots, result.blank) == (5, 1)
    assert result.tied == ()


def test_plurality_refuses_a_ballot_with_more_marks_than_seats():
    with pytest.raises(TallyError) as refused:
        count_plurality(candidates=["Ann", "Bob", "Cid"], seats=1, ballots=[["Ann", "Bob"]])
    assert refused.value.rule == "election.plurality.ballot"


def test_approval_counts_every_candidate_a_voter_marks():
    result = count_approval(
        candidates=["Ann", "Bob", "Cid"],
        seats=1,
        ballots=[["Ann", "Bob", "Cid"], ["Bob", "Cid"], ["Cid"]],
    )
    assert result.totals == (("Cid", 3), ("Bob", 2), ("Ann", 1))
    assert result.elected == ("Cid",)


def test_a_tie_for_the_last_seat_is_decided_by_lot_in_favour_of_the_one_drawn_first():
    result = count_approval(
        candidates=["Ann", "Bob", "Cid"],
        seats=2,
        ballots=[["Ann", "Bob", "Cid"], ["Ann"]],
        lot=["Cid", "Ann", "Bob"],
    )
    assert result.elected == ("Ann", "Cid")
    assert (result.tied, result.by_lot) == (("Bob", "Cid"), ("Cid",))


def test_without_a_lot_a_tie_for_the_last_seat_asks_for_one():
    with pytest.raises(LotNeeded) as needed:
        count_plurality(candidates=["Ann", "Bob", "Cid"], seats=1, ballots=[["Ann"], ["Bob"]])
    assert needed.value.tied == ("Ann", "Bob")
    assert needed.value.rule == "election.plurality.lot"


def test_a_tie_that_decides_no_seat_needs_no_lot():
    result = count_plurality(
        candidates=["Ann", "Bob", "Cid"], seats=1, ballots=[["Ann"], ["Ann"], ["Bob"], ["Cid"]]
    )
    assert result.elected == ("Ann",)
    assert result.tied == ()


def test_an_election_by_marks_explains_itself():
    result = count_approval(
        candidates=["Ann", "Bob", "Cid"],
        seats=1,
        ballots=[["Ann", "Bob"], ["Bob"], []],
    )
    assert result.explain() == (
        "election.approval: approval, 1 seat(s); 3 ballot(s), 1 blank",
        "Bob: 2",
        "Ann: 1",
        "Cid: 0",
        "elected: Bob",
    )


def test_it_refuses_a_ballot_marking_someone_who_does_not_stand():
    with pytest.raises(TallyError) as refused:
        count_approval(candidates=["Ann", "Bob"], seats=1, ballots=[["Ann", "Zed"]])
    assert refused.value.rule == "election.approval.ballot"


def test_it_refuses_more_seats_than_candidates():
    with pytest.raises(TallyError) as refused:
        count_plurality(candidates=["Ann"], seats=2, ballots=[])
    assert refused.value.rule == "election.plurality.seats"


def test_it_refuses_a_lot_that_leaves_out_a_candidate():
    with pytest.raises(TallyError) as refused:
        count_plurality(candidates=["Ann", "Bob"], seats=1, ballots=[], lot=["Ann"])
    assert refused.value.rule == "election.plurality.lot"


# STV: the quota and surpluses


def test_the_quota_is_the_valid_papers_over_seats_plus_one_ignoring_decimals_plus_one():
    # Given 100 valid papers and 3 blank ones for 3 seats
    ballots = papers(("A", 40), ("B", 30), ("C", 20), ("D", 10), ("", 3))
    # When they are counted
    result = count_scottish_stv(candidates=list("ABCD"), seats=3, ballots=ballots)
    # Then the blank papers are not valid and 100 / 4 + 1 = 26
    assert (result.valid, result.blank, result.quota) == (100, 3, 26)


def test_a_first_stage_surplus_passes_every_paper_on_at_the_surplus_over_the_total():
    # Given A holds 50 papers with a quota of 34: a surplus of 16
    ballots = papers(("AC", 50), ("B", 30), ("C", 20))
    # When the surplus is transferred
    result = count_scottish_stv(candidates=list("ABC"), seats=2, ballots=ballots)
    # Then each paper goes on at 16 / 50 = 0.32 and C reaches the quota with 20 + 16
    surplus = result.stages[1]
    assert (surplus.kind, surplus.candidate, surplus.moved) == (StageKind.SURPLUS, "A", 16)
    assert surplus.transfer_values == ((d("1.00000"), d("0.32000")),)
    assert surplus.votes_for("C") == d("36.00000")
    assert surplus.elected == ("C",)
    assert result.elected == ("A", "C")


def test_transfer_values_are_truncated_and_what_truncation_drops_is_shown_as_lost():
    # Given A holds 12 of 13 papers for 3 seats: quota 4, surplus 8
    ballots = papers(("AB", 12), ("C", 1))
    result = count_scottish_stv(candidates=list("ABCD"), seats=3, ballots=ballots)
    first, second = result.stages[1], result.stages[2]
    # Then 8 / 12 is cut to 0.66666, not rounded to 0.66667, and 12 × 0.00000666… is lost
    assert first.transfer_values == ((d("1.00000"), d("0.66666")),)
    assert first.transfers == (("B", d("7.99992")), ("C", d("0")), ("D", d("0")))
    assert first.lost == d("0.00008")
    # And B's surplus of 3.99992 goes on at 3.99992 × 0.66666 / 7.99992 = 0.33332…, cut to 0.33332,
    # but B's papers name nobody else, so they are non-transferable
    assert second.transfer_values == ((d("0.66666"), d("0.33332")),)
    assert (second.non_transferable, second.lost) == (d("3.99984"), d("0.00008"))
    assert second.non_transferable_total == d("3.99984")
    assert result.elected == ("A", "B", "C")


def test_a_later_surplus_passes_on_every_paper_at_the_value_it_arrived_with():
    # Given A's surplus brings B to 27 with papers worth 1 and papers worth 0.35
    ballots = papers(("ABD", 40), ("BC", 13), ("C", 25), ("D", 25))
    result = count_scottish_stv(candidates=list("ABCD"), seats=3, ballots=ballots)
    surplus_of_b = result.stages[2]
    # Then all of B's papers go on, not only the last parcel: 1 / 27 of each paper's value
    assert surplus_of_b.candidate == "B"
    assert surplus_of_b.transfer_values == (
        (d("1.00000"), d("0.03703")),
        (d("0.35000"), d("0.01296")),
    )
    assert dict(surplus_of_b.transfers) == {"C": d("0.48139"), "D": d("0.51840")}
    assert surplus_of_b.lost == d("0.00021")
    assert result.elected == ("A", "B", "D")


def test_two_surpluses_at_one_stage_go_largest_first_and_skip_each_other():
    # Given A (30) and B (27) both pass the quota of 26 at the first stage
    ballots = papers(("AC", 30), ("BAD", 27), ("C", 18), ("D", 15), ("E", 10))
    result = count_scottish_stv(candidates=list("ABCDE"), seats=3, ballots=ballots)
    # Then A's surplus of 4 goes first, and B's papers skip A, already elected, for D
    assert [(s.kind, s.candidate) for s in result.stages[1:3]] == [
        (StageKind.SURPLUS, "A"),
        (StageKind.SURPLUS, "B"),
    ]
    assert result.stages[2].transfers == (("C", d("0")), ("D", d("0.99981")), ("E", d("0")))
    assert result.stages[2].rule == "rule 48"
    assert result.elected == ("A", "B", "C")


def test_equal_surpluses_go_first_for_the_candidate_ahead_at_the_latest_stage_they_differed():
    # Given E's exclusion brings A (19) and B (18) to 21 each, past the quota of 20
    ballots = papers(("AC", 19), ("BD", 18), ("EA", 2), ("EB", 3), ("C", 17), ("D", 18))
    result = count_scottish_stv(candidates=list("ABCDE"), seats=3, ballots=ballots)
    assert result.stages[1].elected == ("A", "B")
    # Then A, ahead at stage 1, has its surplus transferred first
    third = result.stages[2]
    assert (third.candidate, third.decided_by, third.looked_back_to) == (
        "A",
        DecidedBy.LOOK_BACK,
        1,
    )
    assert third.rule == "rules 48 and 49"


# STV: exclusions and ties


def test_an_exclusion_tie_is_broken_by_the_latest_stage_where_the_votes_differed():
    # Given E is excluded first and its paper for D brings D level with C at 4
    ballots = papers(("A", 6), ("B", 5), ("C", 4), ("D", 3), ("ED", 1), ("E", 1))
    result = count_scottish_stv(candidates=list("ABCDE"), seats=1, ballots=ballots)
    assert result.stages[1].votes_for("C") == result.stages[1].votes_for("D") == 4
    # Then D, behind C at stage 1, is excluded
    third = result.stages[2]
    assert (third.candidate, third.decided_by, third.looked_back_to) == (
        "D",
        DecidedBy.LOOK_BACK,
        1,
    )
    assert third.rule == "rules 50 and 51"
    assert result.excluded == ("E", "D", "C", "B")
    assert result.elected == ("A",)


def test_an_excluded_candidates_papers_go_on_at_the_value_they_arrived_with():
    ballots = papers(("AB", 12), ("C", 2), ("DC", 1))
    result = count_scottish_stv(candidates=list("ABCD"), seats=3, ballots=ballots)
    # D is excluded with its one paper at full value; it goes to C
    exclusion = next(s for s in result.stages if s.kind is StageKind.EXCLUSION)
    assert (exclusion.candidate, exclusion.moved) == ("D", 1)
    assert dict(exclusion.transfers) == {"C": d("1.00000")}


def test_a_tie_at_every_stage_is_decided_by_lot_and_the_one_drawn_last_is_excluded():
    ballots = papers(("A", 2), ("B", 1), ("C", 1))
    result = count_scottish_stv(candidates=list("ABC"), seats=1, ballots=ballots, lot=list("ACB"))
    assert result.stages[1].candidate == "B"
    assert result.stages[1].decided_by is DecidedBy.LOT
    assert result.decided_by_lot


def test_without_a_lot_a_tie_at_every_stage_asks_for_one():
    with pytest.raises(LotNeeded) as needed:
        count_scottish_stv(
            candidates=list("ABC"), seats=1, ballots=papers(("A", 2), ("B", 1), ("C", 1))
        )
    assert needed.value.tied == ("B", "C")
    assert needed.value.rule == "election.stv.lot"


def test_a_seeded_generator_draws_the_same_lot_every_time():
    ballots = papers(("A", 2), ("B", 1), ("C", 1))
    first = count_scottish_stv(
        candidates=list("ABC"), seats=1, ballots=ballots, lot=random.Random(7)
    )
    again = count_scottish_stv(
        candidates=list("ABC"), seats=1, ballots=ballots, lot=random.Random(7)
    )
    assert first == again
    assert sorted(first.lot_order or ()) == ["A", "B", "C"]


def test_when_the_continuing_candidates_equal_the_vacancies_they_are_elected_without_quota():
    ballots = papers(("A", 5), ("B", 4), ("C", 3))
    result = count_scottish_stv(candidates=list("ABC"), seats=2, ballots=ballots)
    # Quota 5: A reaches it; C is excluded; B is left for the one vacancy
    assert result.stages[0].elected == ("A",)
    assert result.stages[-1].elected_without_quota == ("B",)
    assert result.elected == ("A", "B")


def test_as_many_candidates_as_seats_are_all_elected_at_the_first_stage():
    result = count_scottish_stv(candidates=list("AB"), seats=2, ballots=papers(("A", 1)))
    assert len(result.stages) == 1
    assert result.elected == ("A", "B")


def test_the_count_explains_itself_stage_by_stage():
    result = count_scottish_stv(
        candidates=list("ABC"), seats=2, ballots=papers(("AC", 50), ("B", 30))
    )
    assert result.explain() == (
        "election.stv: Scottish STV, 2 seat(s); 80 valid ballot paper(s), 0 blank; "
        "quota 80 ÷ 3, ignoring decimals, + 1 = 27",
        "stage 1: first preferences counted; A, B reached the quota",
        "elected: A, B",
    )


def test_it_refuses_a_ranking_that_names_a_candidate_twice():
    with pytest.raises(TallyError) as refused:
        count_scottish_stv(candidates=list("AB"), seats=1, ballots=[("A", "B", "A")])
    assert refused.value.rule == "election.stv.ballot"
