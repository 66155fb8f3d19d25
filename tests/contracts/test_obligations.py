"""Obligations with a measurable target turn "met" by themselves when production's figures
reach it, "partly met" or "lapsed" once the due date passes; a status recorded by hand stays."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from kuzbas.audit.models import AuditEntry
from kuzbas.contracts import selectors, targets
from kuzbas.contracts.models.obligations import ObligationStatus, Reminder, StatusBy
from kuzbas.contracts.services import obligations, reminders, versions
from kuzbas.core.actor import Operator
from kuzbas.core.errors import Invalid, NotNow
from kuzbas.core.home import home_items
from kuzbas.production.services import record_output
from tests.contracts.conftest import TODAY, carry, lease

pytestmark = pytest.mark.django_db


def in_force(world):
    contract, version = lease(world)
    version = versions.submit(actor=world.keeper, version=version)
    carry(world, version.motion)
    version.refresh_from_db()
    return contract, version


def coal_target(world, version, *, tonnes="1000", due=dt.date(2026, 6, 30), unit=None, **more):
    return obligations.add_obligation(
        actor=world.keeper,
        version=version,
        clause=version.clauses.get(number="2"),
        debtor="enterprise",
        kind="output",
        title="1000 t of coal in the first half-year",
        due=due,
        product=world.coal,
        unit=unit,
        target=Decimal(tonnes),
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 6, 30),
        **more,
    )


def mined(world, month: dt.date, tonnes: str, unit=None):
    record_output(
        actor=Operator("statistics"),
        unit=unit or world.mine,
        product=world.coal,
        period_kind="month",
        period_start=month,
        quantity=Decimal(tonnes),
    )


def status_of(obligation) -> str:
    targets.refresh()
    obligation.refresh_from_db()
    return obligation.status


def test_the_target_turns_met_by_itself_once_the_figures_reach_it(world):
    _contract, version = in_force(world)
    target = coal_target(world, version)
    mined(world, dt.date(2026, 1, 1), "600")
    assert status_of(target) == ObligationStatus.OPEN

    mined(world, dt.date(2026, 2, 1), "450")

    assert status_of(target) == ObligationStatus.MET
    assert (target.achieved, target.status_by) == (Decimal("1050"), StatusBy.FIGURES)
    assert AuditEntry.objects.filter(action="contracts.obligation.checked").exists()


def test_output_outside_the_period_or_of_another_unit_does_not_count(world):
    from kuzbas.production.catalogue import create_unit

    _contract, version = in_force(world)
    target = coal_target(world, version, unit=world.mine)
    other = create_unit(actor=Operator("t"), key="mine-2", name="Mine No. 2", kind="mine")
    mined(world, dt.date(2025, 12, 1), "900")
    mined(world, dt.date(2026, 1, 1), "900", unit=other)
    mined(world, dt.date(2026, 7, 1), "900")

    assert status_of(target) == ObligationStatus.OPEN
    assert target.achieved == 0


def test_after_the_due_date_some_output_is_partly_met_and_none_is_lapsed(world, settings):
    """An obligation with a target is not "overdue": its due date decides it."""
    _contract, version = in_force(world)
    partly = coal_target(world, version)
    nothing = coal_target(world, version, unit=world.mine, tonnes="5")
    from kuzbas.production.catalogue import create_unit

    other = create_unit(actor=Operator("t"), key="mine-2", name="Mine No. 2", kind="mine")
    mined(world, dt.date(2026, 3, 1), "400", unit=other)
    assert status_of(partly) == ObligationStatus.OPEN

    settings.KUZBAS_TODAY = dt.date(2026, 7, 1)

    assert status_of(partly) == ObligationStatus.PARTLY_MET
    assert status_of(nothing) == ObligationStatus.LAPSED


def test_late_figures_turn_a_partly_met_target_met(world, settings):
    _contract, version = in_force(world)
    target = coal_target(world, version)
    mined(world, dt.date(2026, 3, 1), "400")
    settings.KUZBAS_TODAY = dt.date(2026, 7, 1)
    assert status_of(target) == ObligationStatus.PARTLY_MET

    mined(world, dt.date(2026, 6, 1), "600")

    assert status_of(target) == ObligationStatus.MET


def test_a_status_recorded_by_hand_is_kept_whatever_the_figures_say(world):
    _contract, version = in_force(world)
    target = coal_target(world, version)
    obligations.record_status(
        actor=world.keeper,
        obligation=target,
        status=ObligationStatus.MET,
        proof="The city's receipt of 12 March for 1000 t delivered from stock.",
    )

    mined(world, dt.date(2026, 1, 1), "5")

    assert status_of(target) == ObligationStatus.MET
    assert target.status_by == StatusBy.HAND


def test_a_status_by_hand_needs_its_evidence(world):
    _contract, version = in_force(world)
    target = coal_target(world, version)

    with pytest.raises(Invalid) as refused:
        obligations.record_status(actor=world.keeper, obligation=target, status="met")

    assert refused.value.problems[0].field == "proof"


def test_a_target_is_kept_in_the_products_unit(world):
    _contract, version = in_force(world)

    target = coal_target(world, version, tonnes="61050", unit_entered="pood")

    assert target.unit_entered == "pood"
    assert target.target == pytest.approx(Decimal("1000.02"), abs=Decimal("0.1"))


def test_a_target_in_a_unit_that_does_not_convert_is_refused_naming_the_field(world):
    _contract, version = in_force(world)

    with pytest.raises(Invalid) as refused:
        coal_target(world, version, unit_entered="litre")

    assert refused.value.problems[0].field == "unit_entered"


def test_no_obligation_is_recorded_on_a_version_waiting_for_its_vote(world):
    _contract, version = lease(world)
    version = versions.submit(actor=world.keeper, version=version)

    with pytest.raises(NotNow):
        coal_target(world, version)


def rent(world, version, due: dt.date):
    return obligations.add_obligation(
        actor=world.keeper,
        version=version,
        clause=version.clauses.get(number="3"),
        debtor="enterprise",
        kind="payment",
        title=f"Rent due {due}",
        due=due,
    )


def test_the_due_page_groups_open_obligations_by_how_near_they_are(world):
    _contract, version = in_force(world)
    late = rent(world, version, dt.date(2026, 2, 1))
    soon = rent(world, version, TODAY + dt.timedelta(days=10))
    later = rent(world, version, dt.date(2026, 12, 1))

    due = selectors.due(TODAY)

    assert (due.overdue, due.soon, due.later) == ([late], [soon], [later])


def test_the_home_page_lists_what_is_overdue_first_and_what_falls_due_soon(world, client):
    _contract, version = in_force(world)
    rent(world, version, TODAY + dt.timedelta(days=10))
    rent(world, version, dt.date(2026, 2, 1))

    items = home_items(world.keeper, TODAY)
    client.force_login(world.keeper)
    page = client.get("/").content.decode()

    assert [i.urgent for i in items] == [True, False]
    assert "overdue by 29 days" in items[0].note and "due in 10 days" in items[1].note
    assert "overdue by 29 days" in page


def test_reminders_are_mailed_once_per_due_date_to_those_who_keep_the_contracts(
    world, django_capture_on_commit_callbacks
):
    world.keeper.person.email = "keeper@coop.example"
    world.keeper.person.save()
    _contract, version = in_force(world)
    rent(world, version, TODAY + dt.timedelta(days=10))

    with django_capture_on_commit_callbacks(execute=True):
        first = reminders.send_reminders(actor=world.keeper, site_url="https://coop.example/")
    with django_capture_on_commit_callbacks(execute=True):
        again = reminders.send_reminders(actor=world.keeper, site_url="https://coop.example/")

    assert (len(first), len(again)) == (1, 0)
    assert [m.to for m in mail.outbox] == [["keeper@coop.example"]]
    assert "Rent due 2026-03-12" in mail.outbox[0].body
    assert "https://coop.example/contracts/obligations/" in mail.outbox[0].body
    assert Reminder.objects.get().recipients == 1
