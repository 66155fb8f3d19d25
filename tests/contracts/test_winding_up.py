"""The winding-up run on a copy of the demo: the STO's liquidation of the colony into
Kuzbassugol, decided on 22 December 1926 and taking effect on 1 January 1927."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from kuzbas.contracts.models import Contract, MoneyLine, Obligation, Party, WindingUp
from kuzbas.contracts.models.winding_up import StepStatus, WindingUpStatus
from kuzbas.contracts.winding_up import file_winding_up, run_winding_up
from kuzbas.contracts.winding_up_plan import PASS, plan_winding_up
from kuzbas.core.actor import Operator
from kuzbas.core.errors import Invalid, NotNow, RefusedByStatute
from kuzbas.demo.loader import load_demo
from kuzbas.governance.models import Body, Decision, SeatHolding
from kuzbas.governance.register import verify_register
from kuzbas.governance.services import decisions
from kuzbas.members.models import Employment, Membership
from kuzbas.production.models import TransferAct, Unit
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

DECIDED = dt.date(1926, 12, 22)
EFFECTIVE = dt.date(1927, 1, 1)
LAST_DAY = dt.date(1926, 12, 31)


@pytest.fixture
def actor():
    return Operator("test")


@pytest.fixture
def demo(actor):
    load_demo(actor=actor)


@pytest.fixture
def contract_with_a_unit_debt(demo):
    """A contract in force with an open obligation, a debt that came with a transferred unit and
    one not tied to a unit (the demo's own contract history may add more)."""
    now = timezone.now()
    sto = Party.objects.get_or_create(
        key="sto-test", defaults={"name": "STO", "kind": "state_body"}
    )[0]
    contract = Contract.objects.create(
        key="test-contract",
        title="Contract",
        status="in_force",
        in_force_from=dt.date(1921, 10, 21),
        created_at=now,
    )
    version = contract.versions.create(number=1, status="in_force", created_at=now)
    Obligation.objects.create(
        contract=contract,
        version=version,
        debtor="enterprise",
        party=sto,
        kind="report",
        title="Yearly report",
        due=dt.date(1927, 3, 1),
    )
    unit = Unit.objects.filter(transfer_act__isnull=False).first() or Unit.objects.first()
    act = TransferAct.objects.first()
    MoneyLine.objects.create(
        contract=contract,
        kind="debt_taken_over",
        amount=Decimal("1000.00"),
        amount_currency="RUB",
        on=dt.date(1924, 9, 1),
        debtor="enterprise",
        unit=unit,
        transfer_act=act,
        recorded_at=now,
    )
    MoneyLine.objects.create(
        contract=contract,
        kind="loan",
        amount=Decimal("500.00"),
        amount_currency="USD",
        on=dt.date(1925, 1, 1),
        debtor="enterprise",
        party=sto,
        recorded_at=now,
    )
    return contract


@pytest.fixture
def newcomer(demo):
    """A colonist admitted in 1925 whose membership and work are still open."""
    person = PersonFactory(key="newcomer-1925")
    MembershipFactory(person=person, valid_from=dt.date(1925, 5, 1), category="colonist")
    Employment.objects.create(person=person, category="production", valid_from=dt.date(1925, 5, 1))
    return person


def _decide(actor) -> WindingUp:
    motion = file_winding_up(
        actor=actor,
        body="sto",
        kind="reorganisation",
        title="Liquidation of the colony into Kuzbassugol",
        effective_on=EFFECTIVE,
        as_of=DECIDED,
        successor="Kuzbassugol",
    )
    decisions.record_counted_vote(
        actor=actor, motion=motion, yes=1, no=0, abstain=0, present=1, decided_on=DECIDED
    )
    return WindingUp.objects.get()


def test_the_sto_decides_the_liquidation_as_a_carried_entry_of_the_register(demo, actor):
    winding_up = _decide(actor)

    assert winding_up.decision.motion.body.key == "sto"
    assert winding_up.status == WindingUpStatus.DECIDED
    # The demo already knows Kuzbassugol as a party: the winding-up passes things to it.
    assert winding_up.successor.key == "kuzbassugol"
    assert winding_up.steps.filter(status=StepStatus.PENDING).count() == 7


def test_a_body_that_is_neither_the_general_meeting_nor_an_outside_authority_is_refused(
    demo, actor
):
    with pytest.raises(RefusedByStatute) as refused:
        file_winding_up(
            actor=actor,
            body="managing-board",
            kind="liquidation",
            title="End",
            effective_on=EFFECTIVE,
            as_of=DECIDED,
        )

    assert refused.value.rule == "winding_up.body"


def test_a_reorganisation_without_a_successor_is_refused_naming_the_field(demo, actor):
    with pytest.raises(Invalid) as refused:
        file_winding_up(
            actor=actor,
            body="sto",
            kind="reorganisation",
            title="End",
            effective_on=EFFECTIVE,
            as_of=DECIDED,
        )

    assert [p.field for p in refused.value.problems] == ["successor"]


def test_the_preview_changes_nothing(demo, contract_with_a_unit_debt, newcomer, actor):
    winding_up = _decide(actor)

    plan = plan_winding_up(effective_on=EFFECTIVE, successor=winding_up.successor)

    reaching = Membership.objects.filter(valid_to__gte=LAST_DAY).count() + 1
    assert len(plan.memberships) == reaching
    assert Membership.objects.filter(valid_to__isnull=True).count() == 1
    # The fixture's debt taken over with a unit passes with the unit; its loan passes on its own
    # (beside the demo's own lines, which the plan counts too).
    lines = {line.kind: line.pk for line in contract_with_a_unit_debt.money_lines.all()}
    with_units = {line.pk for move in plan.units for line in move.debts}
    assert lines["debt_taken_over"] in with_units and plan.unit_debts == len(with_units)
    assert lines["loan"] in {debt.line.pk for debt in plan.debts}


def test_it_is_not_run_without_confirmation(demo, newcomer, actor):
    winding_up = _decide(actor)

    with pytest.raises(Invalid) as refused:
        run_winding_up(actor=actor, winding_up=winding_up, confirmed=False)

    assert [p.field for p in refused.value.problems] == ["confirm"]
    assert Membership.objects.get(person=newcomer).valid_to is None
    assert WindingUp.objects.get().status == WindingUpStatus.DECIDED


def test_the_winding_up_ends_or_passes_everything_and_the_register_verifies(
    demo, contract_with_a_unit_debt, newcomer, actor
):
    winding_up = _decide(actor)
    reaching = Membership.objects.filter(valid_to__isnull=True).count()
    reaching += Membership.objects.filter(valid_to=LAST_DAY).count()
    open_units = Unit.objects.filter(closed__isnull=True).count()
    entries = Decision.objects.count()
    mine = Membership.objects.get(person=newcomer)
    choices = {f"membership:{mine.pk}": PASS}

    run_winding_up(actor=actor, winding_up=winding_up, confirmed=True, choices=choices)

    winding_up.refresh_from_db()
    assert winding_up.status == WindingUpStatus.DONE
    assert Membership.objects.filter(valid_to__isnull=True).count() == 0
    assert Membership.objects.filter(valid_to=LAST_DAY).count() == reaching
    assert not Membership.objects.filter(valid_to__gt=LAST_DAY).exists()
    assert Employment.objects.filter(valid_to__isnull=True).count() == 0
    assert Unit.objects.filter(closed__isnull=True).count() == 0
    assert Unit.objects.filter(closed=LAST_DAY).count() == open_units
    debts = MoneyLine.objects.filter(kind__in=["debt_taken_over", "loan"])
    assert set(debts.values_list("transferred_to__key", flat=True)) == {"kuzbassugol"}
    assert not Obligation.objects.filter(status="open").exists()
    assert Obligation.objects.filter(
        status="transferred", transferred_to__key="kuzbassugol"
    ).exists()
    assert Contract.objects.get(key="test-contract").status == "wound_up"
    assert not SeatHolding.objects.filter(valid_to__isnull=True).exists()
    own = Body.objects.exclude(kind__in=["outside_authority", "external"])
    assert not own.filter(dissolved__isnull=True).exists()
    assert Body.objects.get(key="sto").dissolved is None
    # Every step is an entry of the register of its own, and the chain verifies.
    assert Decision.objects.count() == entries + 7
    assert all(step.decision_id for step in winding_up.steps.all())
    assert verify_register().ok
    memberships = winding_up.steps.get(kind="memberships").result
    assert memberships["passed_to_successor"] == ["newcomer-1925"]
    assert memberships["closed_now"] == 1
    assert "Kuzbassugol" in winding_up.final_report


def test_it_runs_once(demo, actor):
    winding_up = _decide(actor)
    run_winding_up(actor=actor, winding_up=winding_up, confirmed=True)

    with pytest.raises(NotNow):
        run_winding_up(actor=actor, winding_up=winding_up, confirmed=True)


def test_a_second_motion_filed_before_the_first_carried_cannot_wind_up_again(demo, actor):
    filed = [
        file_winding_up(
            actor=actor,
            body="sto",
            kind="liquidation",
            title=f"End {n}",
            effective_on=EFFECTIVE,
            as_of=DECIDED,
        )
        for n in (1, 2)
    ]
    count = {"yes": 1, "no": 0, "abstain": 0, "present": 1, "decided_on": DECIDED}
    decisions.record_counted_vote(actor=actor, motion=filed[0], **count)
    entries = Decision.objects.count()

    with pytest.raises(NotNow):
        decisions.record_counted_vote(actor=actor, motion=filed[1], **count)

    assert WindingUp.objects.count() == 1
    assert Decision.objects.count() == entries
