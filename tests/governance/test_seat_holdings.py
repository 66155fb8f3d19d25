"""Appointing to a seat, resigning from it, and the statute's count that every way of seating
someone keeps."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.actor import Operator
from kuzbas.core.errors import Conflict, Invalid, NotNow, NotPermitted, RefusedByStatute
from kuzbas.governance.models import SeatHolding
from kuzbas.governance.services import decisions, motions, seat_holdings
from tests.factories import PersonFactory, SourceFactory
from tests.governance.conftest import seat

DAY = dt.date(1923, 5, 10)


def carried(body: str, matter: str, on: dt.date = DAY, *, yes: int = 2):
    """Return a register entry of `body` decided on a day."""
    operator = Operator("test")
    motion = motions.file_motion(
        actor=operator, title="Appoint", text="", matter=matter, body=body, as_of=on
    )
    return decisions.record_counted_vote(
        actor=operator, motion=motion, yes=yes, no=3 - yes, abstain=0, present=3, decided_on=on
    )


def stored() -> tuple[int, int]:
    return SeatHolding.objects.count(), AuditEntry.objects.count()


def test_the_board_appoints_a_chief_engineer_by_its_decision(board, clerk):
    decision = carried("managing-board", "management")
    pearson = PersonFactory(key="pearson")
    source = SourceFactory(key="minutes")

    holding = seat_holdings.appoint(
        actor=clerk.user,
        seat=seat("chief-engineer.holder"),
        person=pearson,
        valid_from=DAY,
        decision=decision,
        citations=[{"source": source, "locator": "sheet 4"}],
    )

    assert (holding.person, holding.valid_from, holding.valid_to) == (pearson, DAY, None)
    assert holding.citations.get().locator == "sheet 4"
    entry = AuditEntry.objects.filter(action="governance.seat.hold").latest("pk")
    assert entry.changes["decision"] == decision.sequence
    assert entry.changes["appointed_by"] == "managing-board"


def test_it_refuses_an_appointment_recorded_with_a_decision_of_the_wrong_body(board, clerk):
    decision = carried("managing-board", "management")
    before = stored()

    with pytest.raises(RefusedByStatute) as refused:
        seat_holdings.appoint(
            actor=clerk.user,
            seat=seat("managing-board.sto_representative"),
            person=PersonFactory(),
            valid_from=DAY,
            decision=decision,
        )

    assert refused.value.rule == "seat.managing-board.sto_representative"
    assert refused.value.field == "decision"
    assert "Council of Labor and Defense" in refused.value.message
    assert stored() == before


def test_an_outside_authority_appoints_without_a_register_entry(colony, clerk):
    holding = seat_holdings.appoint(
        actor=clerk.user,
        seat=seat("managing-board.sto_representative"),
        person=PersonFactory(key="shatov"),
        valid_from=DAY,
    )
    assert holding.pk is not None


def test_a_body_of_the_colony_appoints_only_by_a_decision(colony, clerk):
    with pytest.raises(RefusedByStatute) as refused:
        seat_holdings.appoint(
            actor=clerk.user,
            seat=seat("chief-engineer.holder"),
            person=PersonFactory(),
            valid_from=DAY,
        )
    assert refused.value.field == "decision"
    assert not SeatHolding.objects.exists()


def test_a_decision_that_failed_appoints_nobody(board, clerk):
    failed = carried("managing-board", "management", yes=1)
    with pytest.raises(RefusedByStatute):
        seat_holdings.appoint(
            actor=clerk.user,
            seat=seat("chief-engineer.holder"),
            person=PersonFactory(),
            valid_from=DAY,
            decision=failed,
        )


def test_an_appointment_does_not_start_before_its_decision(board, clerk):
    decision = carried("managing-board", "management")
    with pytest.raises(Invalid) as refused:
        seat_holdings.appoint(
            actor=clerk.user,
            seat=seat("chief-engineer.holder"),
            person=PersonFactory(),
            valid_from=DAY - dt.timedelta(days=1),
            decision=decision,
        )
    assert refused.value.problems[0].field == "valid_from"


def test_it_refuses_to_appoint_to_an_elected_seat(board, clerk):
    decision = carried("managing-board", "management")
    before = stored()
    with pytest.raises(RefusedByStatute) as refused:
        seat_holdings.appoint(
            actor=clerk.user,
            seat=seat("managing-board.colony"),
            person=PersonFactory(),
            valid_from=DAY,
            decision=decision,
        )
    assert refused.value.rule == "seat.managing-board.colony"
    assert "election" in refused.value.message
    assert stored() == before


def test_a_colonist_may_not_record_an_appointment(board, colonist):
    decision = carried("managing-board", "management")
    with pytest.raises(NotPermitted):
        seat_holdings.appoint(
            actor=colonist.user,
            seat=seat("chief-engineer.holder"),
            person=PersonFactory(),
            valid_from=DAY,
            decision=decision,
        )


@pytest.fixture
def engineer(board, clerk):
    """Pearson, chief engineer from 10 May 1923 by the board's decision."""
    return seat_holdings.appoint(
        actor=clerk.user,
        seat=seat("chief-engineer.holder"),
        person=PersonFactory(key="pearson", name_latin="Pearson"),
        valid_from=DAY,
        decision=carried("managing-board", "management"),
    )


def test_it_refuses_a_second_chief_engineer_while_the_place_is_taken(engineer, clerk):
    decision = carried("managing-board", "management", DAY + dt.timedelta(days=5))
    before = stored()

    with pytest.raises(Conflict) as refused:
        seat_holdings.appoint(
            actor=clerk.user,
            seat=seat("chief-engineer.holder"),
            person=PersonFactory(key="kalashnikov"),
            valid_from=DAY + dt.timedelta(days=5),
            decision=decision,
        )

    assert refused.value.field == "valid_from"
    assert "Pearson" in refused.value.message
    assert stored() == before


def test_a_resignation_leaves_the_place_vacant_for_a_successor(engineer, clerk):
    last_day = DAY + dt.timedelta(days=30)
    seat_holdings.resign(actor=clerk.user, holding=engineer, on=last_day)
    successor = seat_holdings.appoint(
        actor=clerk.user,
        seat=seat("chief-engineer.holder"),
        person=PersonFactory(),
        valid_from=last_day + dt.timedelta(days=1),
        decision=carried("managing-board", "management", last_day),
    )

    engineer.refresh_from_db()
    assert engineer.valid_to == last_day
    assert successor.valid_from == last_day + dt.timedelta(days=1)


def test_it_refuses_a_span_that_runs_into_a_later_holding(engineer, clerk):
    seat_holdings.resign(actor=clerk.user, holding=engineer, on=DAY + dt.timedelta(days=30))
    with pytest.raises(Conflict) as refused:
        seat_holdings.add_seat_holding(
            actor=clerk.user,
            seat=seat("chief-engineer.holder"),
            person=PersonFactory(),
            valid_from=DAY - dt.timedelta(days=30),
        )
    assert refused.value.field == "valid_to"


def test_a_second_resignation_is_refused_as_not_now(engineer, clerk):
    seat_holdings.resign(actor=clerk.user, holding=engineer, on=DAY + dt.timedelta(days=3))
    with pytest.raises(NotNow):
        seat_holdings.resign(actor=clerk.user, holding=engineer, on=DAY + dt.timedelta(days=9))


def test_a_seat_is_not_left_before_it_is_taken(engineer, clerk):
    with pytest.raises(Invalid) as refused:
        seat_holdings.resign(actor=clerk.user, holding=engineer, on=DAY - dt.timedelta(days=1))
    assert refused.value.problems[0].field == "on"
    engineer.refresh_from_db()
    assert engineer.valid_to is None


def test_a_recorded_holding_may_not_overfill_the_board(board, clerk):
    before = stored()
    with pytest.raises(Conflict) as refused:
        seat_holdings.add_seat_holding(
            actor=clerk.user,
            seat=seat("managing-board.colony"),
            person=PersonFactory(),
            valid_from=DAY,
        )
    assert refused.value.field == "valid_from"
    assert refused.value.rule == "seat.managing-board.colony"
    assert stored() == before


def test_an_election_may_not_overfill_the_board(board):
    before = stored()
    with pytest.raises(Conflict) as refused:
        seat_holdings.take_seat(
            actor=Operator("test"),
            seat=seat("managing-board.colony"),
            person=PersonFactory(),
            valid_from=DAY,
            grounds={"election": 1},
        )
    assert refused.value.field == "valid_from"
    assert stored() == before


def test_the_count_is_the_statutes_on_each_day(colony, clerk):
    # Before the 1922 arrangement no statute has the board's seats, so no count limits them;
    # from 1 November 1922 the colony has two places on it.
    for _n in range(2):
        seat_holdings.add_seat_holding(
            actor=clerk.user,
            seat=seat("managing-board.colony"),
            person=PersonFactory(),
            valid_from=dt.date(1922, 11, 1),
        )
    october = seat_holdings.add_seat_holding(
        actor=clerk.user,
        seat=seat("managing-board.colony"),
        person=PersonFactory(),
        valid_from=dt.date(1922, 9, 1),
        valid_to=dt.date(1922, 10, 31),
    )
    with pytest.raises(Conflict) as refused:
        seat_holdings.add_seat_holding(
            actor=clerk.user,
            seat=seat("managing-board.colony"),
            person=PersonFactory(),
            valid_from=dt.date(1922, 9, 1),
            valid_to=dt.date(1922, 11, 30),
        )
    assert october.pk is not None
    assert refused.value.field == "valid_to"
