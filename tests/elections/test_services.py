"""Calling an election, the roll, secret ballots, the count, the seats and the register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Conflict, Invalid, NotFound, NotNow, NotPermitted, RefusedByStatute
from kuzbas.elections.counting import box_hash
from kuzbas.elections.models import (
    ElectionBallot,
    ElectionParticipation,
    ElectionRoll,
    ElectionStatus,
)
from kuzbas.elections.services import calling, count, polling
from kuzbas.governance.models import Decision, MotionStatus, SeatHolding
from kuzbas.governance.register import verify_register
from kuzbas.meetings.models import ItemStatus
from kuzbas.members.models import Person
from kuzbas.statute.elections import count_approval, count_plurality, count_scottish_stv
from tests.elections.conftest import (
    CANDIDATES,
    DAY,
    MEMBERS,
    RANKINGS,
    SEAT,
    call,
    cast_all,
    check_in,
)

pytestmark = pytest.mark.django_db


def _trace() -> tuple[int, int, int]:
    return (
        ElectionParticipation.objects.count(),
        ElectionBallot.objects.count(),
        AuditEntry.objects.count(),
    )


def test_it_calls_an_election_to_a_seat_the_statute_fills_by_election(assembly):
    election = call(assembly)

    item = election.agenda_items.get()
    assert (election.matter, election.electing_body.key) == (
        "committee_election",
        "general-meeting",
    )
    assert election.seat.path == SEAT
    assert election.status == ElectionStatus.DRAFT
    assert [c.person.key for c in election.candidates.order_by("position")] == list(CANDIDATES)
    assert (item.kind, item.meeting, item.title) == ("election", assembly.meeting, election.title)


def test_it_refuses_a_seat_the_statute_fills_by_appointment(assembly):
    with pytest.raises(RefusedByStatute) as refused:
        calling.create_election(
            actor=assembly.chair,
            title="AOC",
            seat="american-organization-committee.member",
            seats=1,
            method="stv",
            as_of=DAY,
        )

    assert refused.value.rule == "seat.american-organization-committee.member"


def test_it_refuses_more_places_than_the_statute_gives_the_seat(assembly):
    with pytest.raises(Invalid) as invalid:
        call(assembly, seats=15)

    assert invalid.value.problems[0].field == "seats"


def test_it_refuses_an_election_whose_vote_the_colony_handed_to_the_sto(assembly, settings):
    day = dt.date(1922, 11, 5)
    settings.KUZBAS_TODAY = day

    with pytest.raises(RefusedByStatute) as refused:
        calling.create_election(
            actor=assembly.chair,
            title="Managing Board",
            seat="managing-board.colony",
            seats=1,
            method="stv",
            as_of=day,
        )

    assert refused.value.rule == "transfer.colony_vote_on_board"


def test_a_colonist_may_not_call_an_election(assembly):
    with pytest.raises(NotPermitted):
        calling.create_election(
            actor=assembly.members["anna"],
            title="T",
            seat=SEAT,
            seats=1,
            method="stv",
            as_of=DAY,
        )


def test_it_names_every_unknown_or_repeated_candidate(assembly):
    with pytest.raises(Invalid) as invalid:
        call(assembly, candidates=["vera", "nobody", "vera"])

    assert [p.field for p in invalid.value.problems] == ["candidates[2]", "candidates[3]"]


def test_opening_fixes_the_roll_from_the_members_in_good_standing(assembly, election):
    polling.open_election(actor=assembly.chair, election=election, as_of=DAY)

    roll = set(ElectionRoll.objects.filter(election=election).values_list("person__key", flat=True))
    assert roll == set(MEMBERS)
    assert election.agenda_items.get().status == ItemStatus.VOTING


def test_voting_does_not_open_with_fewer_candidates_than_places(assembly):
    election = call(assembly, seats=2, candidates=["vera"])

    allowed, reason = polling.can_open(election)
    with pytest.raises(NotNow):
        polling.open_election(actor=assembly.chair, election=election, as_of=DAY)

    assert not allowed
    assert "at least 2" in reason


def test_a_ballot_gets_a_receipt_and_records_only_that_the_member_voted(assembly, voting):
    ballot = polling.cast_ballot(
        actor=assembly.members["anna"], election=voting, marks=["gleb", "vera"]
    )

    participation = ElectionParticipation.objects.get(election=voting)
    entry = AuditEntry.objects.get(action="elections.ballot.cast")
    assert len(ballot.receipt) == 16
    assert participation.voter.key == "anna"
    assert entry.changes == {"voter": "anna"}
    # The paper is sealed until the count, which finds it under the voter's receipt.
    assert not ElectionBallot.objects.exists()
    count.close_election(actor=assembly.chair, election=voting, as_of=DAY)
    assert ElectionBallot.objects.get(pk=ballot.receipt).marks == ["gleb", "vera"]


def test_the_database_refuses_a_second_participation(assembly, voting):
    polling.cast_ballot(actor=assembly.members["anna"], election=voting, marks=["vera"])

    with pytest.raises(IntegrityError), transaction.atomic():
        ElectionParticipation.objects.create(election=voting, voter=Person.objects.get(key="anna"))


def test_a_second_ballot_is_refused_and_changes_nothing(assembly, voting):
    polling.cast_ballot(actor=assembly.members["anna"], election=voting, marks=["vera"])
    before = _trace()

    with pytest.raises(Conflict) as conflict:
        polling.cast_ballot(actor=assembly.members["anna"], election=voting, marks=["gleb"])

    assert conflict.value.rule == "ballot.once"
    assert _trace() == before


@pytest.mark.parametrize(
    ("marks", "field"),
    [
        (["vera", "nobody"], "marks[2]"),
        (["vera", "gleb", "vera"], "marks[3]"),
        ([], "marks"),
        ("vera", "marks"),
    ],
)
def test_a_malformed_ranking_is_refused_naming_the_place_and_changes_nothing(
    assembly, voting, marks, field
):
    before = _trace()

    with pytest.raises(Invalid) as invalid:
        polling.cast_ballot(actor=assembly.members["anna"], election=voting, marks=marks)

    assert invalid.value.problems[0].field == field
    assert _trace() == before


def test_a_voter_off_the_roll_is_refused_and_changes_nothing(assembly, voting):
    before = _trace()

    with pytest.raises(RefusedByStatute):
        polling.cast_ballot(actor=assembly.chair, election=voting, marks=["vera"])

    assert _trace() == before


def test_a_member_not_checked_in_at_the_meeting_is_refused(assembly, election):
    check_in(assembly, "anna")
    polling.open_election(actor=assembly.chair, election=election, as_of=DAY)
    before = _trace()

    with pytest.raises(NotNow) as refused:
        polling.cast_ballot(actor=assembly.members["boris"], election=election, marks=["vera"])

    assert refused.value.rule == "attendance.required"
    assert _trace() == before


def test_no_ballot_is_taken_before_voting_opens_or_after_it_closes(assembly, election):
    check_in(assembly, "anna")
    with pytest.raises(NotNow):
        polling.cast_ballot(actor=assembly.members["anna"], election=election, marks=["vera"])
    polling.open_election(actor=assembly.chair, election=election, as_of=DAY)
    count.close_election(actor=assembly.chair, election=election, as_of=DAY)
    before = _trace()

    with pytest.raises(NotNow):
        polling.cast_ballot(actor=assembly.members["anna"], election=election, marks=["vera"])

    assert _trace() == before


def test_the_stv_result_is_the_engines_count_of_the_stored_ballots(assembly, voting):
    cast_all(assembly, voting)

    result = count.close_election(actor=assembly.chair, election=voting, as_of=DAY)

    box = list(ElectionBallot.objects.filter(election=voting).values_list("marks", flat=True))
    engine = count_scottish_stv(candidates=CANDIDATES, seats=2, ballots=box)
    assert result.elected == list(engine.elected) == ["vera", "dora"]
    assert result.quota == "3"
    assert [s["kind"] for s in result.stages] == [s.kind.value for s in engine.stages]
    assert result.stages[1]["transfers"] == {"gleb": "0.75", "dora": "0.25"}
    assert result.stages[-1]["totals"]["dora"] == "3.25"
    assert sorted(map(tuple, box)) == sorted(map(tuple, RANKINGS.values()))


def test_closing_seats_the_elected_from_the_day_of_the_count(assembly, voting):
    cast_all(assembly, voting)

    count.close_election(actor=assembly.chair, election=voting, as_of=DAY)

    holders = SeatHolding.objects.filter(seat=voting.seat).values_list(
        "person__key", "valid_from", "valid_to"
    )
    assert sorted(holders) == [("dora", DAY, None), ("vera", DAY, None)]


def test_closing_appends_the_result_to_the_register_and_the_chain_holds(assembly, voting):
    cast_all(assembly, voting)

    result = count.close_election(actor=assembly.chair, election=voting, as_of=DAY)

    voting.refresh_from_db()
    decision = Decision.objects.get(motion=voting.motion)
    assert voting.motion.status == MotionStatus.CARRIED
    assert decision.rule == "matter.committee_election"
    assert decision.payload["elected"] == ["vera", "dora"]
    assert decision.payload["box_hash"] == result.box_hash
    assert decision.counts["ballots"] == "7"
    assert verify_register().ok
    assert voting.agenda_items.get().status == ItemStatus.DONE


def test_the_box_hash_is_that_of_the_published_receipts(assembly, voting):
    receipts = cast_all(assembly, voting)

    result = count.close_election(actor=assembly.chair, election=voting, as_of=DAY)

    published = count.published_receipts(voting)

    assert {b.receipt for b in published} == set(receipts.values())
    assert box_hash([(b.receipt, b.marks) for b in published]) == result.box_hash


def test_the_receipts_are_not_published_while_voting_is_open(assembly, voting):
    with pytest.raises(NotNow):
        count.published_receipts(voting)


def test_a_tie_is_decided_by_the_order_the_chair_drew_by_lot(assembly):
    election = call(assembly, method="plurality", seats=1, candidates=["vera", "gleb"])
    check_in(assembly, "anna", "boris", "vera", "gleb")  # 4 of 7: the quorum
    polling.open_election(actor=assembly.chair, election=election, as_of=DAY)
    cast_all(
        assembly,
        election,
        {"anna": ["vera"], "boris": ["gleb"], "vera": ["vera"], "gleb": ["gleb"]},
    )

    result = count.close_election(
        actor=assembly.chair, election=election, as_of=DAY, lot=["gleb", "vera"]
    )

    assert result.elected == ["gleb"]
    assert result.decided_by_lot
    assert result.lot_order == ["gleb", "vera"]
    assert "chair" in result.lot_drawn


def test_without_a_drawn_order_the_system_draws_the_lot_and_records_its_seed(assembly):
    election = call(assembly, method="plurality", seats=1, candidates=["vera", "gleb"])
    check_in(assembly, "anna", "boris", "vera", "gleb")  # 4 of 7: the quorum
    polling.open_election(actor=assembly.chair, election=election, as_of=DAY)
    cast_all(
        assembly,
        election,
        {"anna": ["vera"], "boris": ["gleb"], "vera": ["vera"], "gleb": ["gleb"]},
    )

    result = count.close_election(actor=assembly.chair, election=election, as_of=DAY)

    assert result.decided_by_lot
    assert result.elected == result.lot_order[:1]
    assert "seed" in result.lot_drawn


def test_plurality_refuses_more_marks_than_places(assembly):
    election = call(assembly, method="plurality", seats=1)
    check_in(assembly, "anna")
    polling.open_election(actor=assembly.chair, election=election, as_of=DAY)

    with pytest.raises(Invalid) as invalid:
        polling.cast_ballot(
            actor=assembly.members["anna"], election=election, marks=["vera", "gleb"]
        )

    assert "at most 1" in invalid.value.message


def test_plurality_and_approval_results_are_the_engines_totals(assembly):
    marks = {
        "anna": ["vera", "gleb"],
        "boris": ["gleb"],
        "vera": ["vera", "dora"],
        "gleb": ["dora"],  # four of seven members: the mass meeting's quorum
    }
    check_in(assembly, *marks)
    results = {}
    for method in ("plurality", "approval"):
        election = call(assembly, method=method)
        polling.open_election(actor=assembly.chair, election=election, as_of=DAY)
        cast_all(assembly, election, marks)
        results[method] = count.close_election(
            actor=assembly.chair, election=election, as_of=DAY, lot=list(CANDIDATES)
        )

    for method, counter in (("plurality", count_plurality), ("approval", count_approval)):
        engine = counter(
            candidates=CANDIDATES, seats=2, ballots=marks.values(), lot=list(CANDIDATES)
        )
        assert results[method].elected == list(engine.elected)
        assert results[method].totals == [[k, str(v)] for k, v in engine.totals]


def test_the_meeting_cannot_close_while_its_election_is_open(assembly, voting):
    from kuzbas.meetings.services import chair

    with pytest.raises(NotNow):
        chair.close_meeting(actor=assembly.chair, meeting=assembly.meeting)

    count.close_election(actor=assembly.chair, election=voting, as_of=DAY)
    chair.close_meeting(actor=assembly.chair, meeting=assembly.meeting)


def test_without_the_bodys_quorum_nobody_is_elected_and_the_register_says_so(assembly):
    election = call(assembly, method="plurality", seats=1, candidates=["vera", "gleb"])
    check_in(assembly, "anna", "boris", "vera")
    polling.open_election(actor=assembly.chair, election=election, as_of=DAY)
    cast_all(assembly, election, {"anna": ["vera"], "boris": ["vera"], "vera": ["gleb"]})

    result = count.close_election(actor=assembly.chair, election=election, as_of=DAY)

    election.refresh_from_db()
    assert not result.quorum_met and result.elected == [] and result.stages == []
    assert "3 of 7" in result.quorum and "not met" in result.quorum
    assert election.motion.status == MotionStatus.NO_QUORUM
    assert Decision.objects.get(motion=election.motion).outcome == "no_quorum"
    assert not SeatHolding.objects.filter(seat=election.seat).exists()


def test_a_candidate_withdrawn_before_voting_leaves_no_gap_on_the_paper(assembly, election):
    calling.withdraw_candidate(actor=assembly.chair, election=election, person="vera")

    paper = list(election.candidates.order_by("position").values_list("person__key", "position"))
    assert paper == [("gleb", 1), ("dora", 2)]
    assert AuditEntry.objects.filter(action="elections.candidate.withdraw").count() == 1


def test_no_candidate_is_withdrawn_once_voting_is_open_or_by_a_member(assembly, voting):
    with pytest.raises(NotNow):
        calling.withdraw_candidate(actor=assembly.chair, election=voting, person="vera")
    with pytest.raises(NotPermitted):
        calling.withdraw_candidate(actor=assembly.members["anna"], election=voting, person="vera")

    assert voting.candidates.count() == 3


def test_withdrawing_someone_who_does_not_stand_names_the_field(assembly, election):
    with pytest.raises(NotFound) as missing:
        calling.withdraw_candidate(actor=assembly.chair, election=election, person="anna")

    assert missing.value.field == "person"
