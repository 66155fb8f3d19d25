"""A decision's standing: suspended while an appeal that suspends it is heard, overturned by the
register entry that upholds the appeal, and refused as the authority of a later act meanwhile."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.core.errors import RefusedByStatute
from kuzbas.governance.models import Appeal, Decision, Motion, SeatHolding
from kuzbas.governance.register import verify_register
from kuzbas.governance.services import motions, seat_holdings
from kuzbas.governance.standing import Status, standing_of, standings
from tests.factories import PersonFactory
from tests.governance.appeal_world import (
    APPEALED,
    DECIDED,
    HEARD,
    appeal_against,
    board_decides,
    sto_decides,
)
from tests.governance.conftest import seat, trace

pytestmark = pytest.mark.django_db


def test_a_decision_stands_until_it_is_appealed(suspending):
    decision = board_decides()
    appeal_against(decision)

    assert standing_of(decision, as_of=APPEALED - dt.timedelta(days=1)).status is Status.IN_FORCE


def test_an_appeal_that_suspends_suspends_the_decision_from_its_filing(suspending):
    decision = board_decides()
    appeal = appeal_against(decision)

    found = standing_of(decision, as_of=APPEALED)

    assert (found.status, found.since, found.appeal) == (Status.SUSPENDED, APPEALED, appeal)
    assert found.rule == "appeal.to_sto"
    assert f"motion No. {appeal.motion.number}" in found.describe()


def test_an_appeal_the_statute_does_not_let_suspend_leaves_the_decision_in_force(
    standing_meanwhile,
):
    decision = board_decides()
    appeal_against(decision)

    assert standing_of(decision, as_of=APPEALED).status is Status.IN_FORCE


def test_an_upheld_appeal_overturns_the_decision_by_a_new_entry(suspending):
    decision = board_decides()
    before = (decision.entry_hash, decision.payload)
    appeal = appeal_against(decision)

    upheld = sto_decides(appeal, upheld=True)

    assert upheld.payload["overturns"] == decision.sequence
    found = standing_of(decision, as_of=HEARD)
    assert (found.status, found.since, found.by) == (Status.OVERTURNED, HEARD, upheld)
    assert standing_of(decision, as_of=HEARD - dt.timedelta(days=1)).status is Status.SUSPENDED
    decision.refresh_from_db()
    assert (decision.entry_hash, decision.payload) == before
    assert verify_register().ok


def test_a_dismissed_appeal_puts_the_decision_back_in_force(suspending):
    decision = board_decides()
    appeal = appeal_against(decision)

    dismissed = sto_decides(appeal, upheld=False)

    assert "overturns" not in dismissed.payload
    assert standing_of(decision, as_of=HEARD).status is Status.IN_FORCE


def test_an_overturned_decision_stands_again_when_its_overturning_is_overturned(suspending):
    decision = board_decides()
    upheld = sto_decides(appeal_against(decision), upheld=True)
    sto = upheld.motion.body
    # The STO's own decisions have no appeal in the statute: one is written as if it had.
    again = Motion.objects.create(
        number=motions.next_number(),
        title="Appeal again",
        matter="management",
        body=sto,
        filed_on=HEARD,
        statute_version=upheld.motion.statute_version,
        appeal_of=upheld,
        status="carried",
    )
    Appeal.objects.create(
        decision=upheld,
        filed_on=HEARD,
        to_body=sto,
        motion=again,
        rule="appeal.test",
        deadline=HEARD,
        suspends=False,
    )
    Decision.objects.create(
        sequence=upheld.sequence + 1,
        motion=again,
        outcome="carried",
        arithmetic="",
        statute_hash="",
        rule="appeal.test",
        decided_on=HEARD + dt.timedelta(days=5),
        recorded_at=upheld.recorded_at,
        prev_hash=upheld.entry_hash,
        entry_hash="x" * 64,
    )

    assert standing_of(decision, as_of=HEARD).status is Status.OVERTURNED
    assert standing_of(decision, as_of=HEARD + dt.timedelta(days=5)).status is Status.IN_FORCE


def test_it_refuses_an_appointment_on_a_suspended_decision_and_stores_nothing(suspending, clerk):
    decision = board_decides()
    appeal_against(decision)
    before = (SeatHolding.objects.count(), *trace())

    with pytest.raises(RefusedByStatute) as refused:
        seat_holdings.appoint(
            actor=clerk.user,
            seat=seat("chief-engineer.holder"),
            person=PersonFactory(),
            valid_from=APPEALED,
            decision=decision,
        )

    assert refused.value.rule == "appeal.to_sto"
    assert refused.value.field == "decision"
    assert "Suspended from 1923-05-20" in refused.value.message
    assert (SeatHolding.objects.count(), *trace()) == before


def test_it_refuses_an_appointment_on_an_overturned_decision(suspending, clerk):
    decision = board_decides()
    sto_decides(appeal_against(decision), upheld=True)

    with pytest.raises(RefusedByStatute) as refused:
        seat_holdings.appoint(
            actor=clerk.user,
            seat=seat("chief-engineer.holder"),
            person=PersonFactory(),
            valid_from=HEARD,
            decision=decision,
        )

    assert "Overturned on 1923-06-15" in refused.value.message


def test_an_appointment_records_the_decision_that_made_it(standing_meanwhile, clerk):
    decision = board_decides()

    holding = seat_holdings.appoint(
        actor=clerk.user,
        seat=seat("chief-engineer.holder"),
        person=PersonFactory(),
        valid_from=DECIDED,
        decision=decision,
    )

    assert holding.decision == decision


def test_the_standing_of_many_decisions_costs_one_query_per_step_of_appeal(
    suspending, django_assert_num_queries
):
    many = [board_decides(f"Decision {n}") for n in range(5)]
    for decision in many[:3]:
        sto_decides(appeal_against(decision), upheld=True)

    with django_assert_num_queries(2):  # the appeals, then the appeals against their outcomes
        found = standings(many, as_of=HEARD)

    assert [found[d.pk].status for d in many] == [Status.OVERTURNED] * 3 + [Status.IN_FORCE] * 2
