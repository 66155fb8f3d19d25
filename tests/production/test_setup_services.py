"""Setting up production: units, products, plans and transfer acts, through the services."""

import datetime as dt
from decimal import Decimal

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Conflict, Invalid, NotNow, NotPermitted
from kuzbas.production import catalogue, services
from kuzbas.production.models.catalogue import Product, Unit
from kuzbas.production.models.statistics import Plan

pytestmark = pytest.mark.django_db


def test_a_clerk_creates_edits_and_closes_a_unit_and_each_write_is_audited(clerk):
    unit = catalogue.create_unit(
        actor=clerk.user, key="pit-3", name="Pit 3", kind="mine", opened=dt.date(2020, 1, 1)
    )
    catalogue.change_unit(actor=clerk.user, unit=unit, name="Pit No. 3", kind="plant")
    catalogue.close_unit(actor=clerk.user, unit=unit, closed=dt.date(2025, 6, 30))
    unit.refresh_from_db()
    assert (unit.name, unit.kind, unit.closed) == ("Pit No. 3", "plant", dt.date(2025, 6, 30))
    actions = list(
        AuditEntry.objects.filter(action__startswith="production.unit").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == [
        "production.unit.change",
        "production.unit.close",
        "production.unit.create",
    ]


def test_a_unit_cannot_close_before_it_opens_and_the_field_is_named(clerk):
    unit = catalogue.create_unit(
        actor=clerk.user, key="pit-3", name="Pit 3", kind="mine", opened=dt.date(2020, 1, 1)
    )
    with pytest.raises(Invalid) as caught:
        catalogue.close_unit(actor=clerk.user, unit=unit, closed=dt.date(2019, 1, 1))
    assert [p.field for p in caught.value.problems] == ["closed"]
    unit.refresh_from_db()
    assert unit.closed is None


def test_a_unit_closed_already_cannot_close_again(clerk):
    unit = catalogue.create_unit(
        actor=clerk.user, key="pit-3", name="Pit 3", kind="mine", closed=dt.date(2021, 1, 1)
    )
    with pytest.raises(NotNow):
        catalogue.close_unit(actor=clerk.user, unit=unit, closed=dt.date(2022, 1, 1))


def test_a_unit_with_output_after_the_day_cannot_close_on_it(colony, clerk):
    services.record_output(
        actor=clerk.user,
        unit=colony["north"],
        product=colony["coal"],
        period_kind="day",
        period_start=dt.date(2025, 3, 10),
        quantity=Decimal(5),
    )
    with pytest.raises(Conflict) as caught:
        catalogue.close_unit(actor=clerk.user, unit=colony["north"], closed=dt.date(2025, 3, 1))
    assert "2025-03-10" in caught.value.message


def test_a_colonist_may_not_set_up_units(colonist):
    with pytest.raises(NotPermitted):
        catalogue.create_unit(actor=colonist.user, key="x", name="X", kind="mine")
    assert not Unit.objects.exists()


def test_a_product_with_an_unknown_unit_of_measure_is_refused_naming_the_field(clerk):
    with pytest.raises(Invalid) as caught:
        catalogue.create_product(actor=clerk.user, key="ore", name="Ore", unit_of_measure="wagon")
    assert [p.field for p in caught.value.problems] == ["unit_of_measure"]
    assert not Product.objects.exists()


def test_a_product_keeps_its_unit_of_measure_once_output_is_kept_in_it(colony, clerk):
    coke = catalogue.change_product(
        actor=clerk.user, product=colony["coke"], unit_of_measure="pood"
    )
    assert coke.unit_of_measure == "pood"
    services.record_output(
        actor=clerk.user,
        unit=colony["north"],
        product=colony["coal"],
        period_kind="month",
        period_start=dt.date(2025, 3, 1),
        quantity=Decimal(5),
    )
    with pytest.raises(Conflict) as caught:
        catalogue.change_product(actor=clerk.user, product=colony["coal"], unit_of_measure="kg")
    assert caught.value.field == "unit_of_measure"
    renamed = catalogue.change_product(actor=clerk.user, product=colony["coal"], name="Hard coal")
    assert (renamed.name, renamed.unit_of_measure) == ("Hard coal", "tonne")


def _plan(actor, colony, kind, start, target=100):
    return services.set_plan(
        actor=actor,
        unit=colony["north"],
        product=colony["coal"],
        period_kind=kind,
        period_start=start,
        target=Decimal(target),
    )


def test_a_plan_that_meets_another_is_refused_naming_the_plan_it_meets(colony, clerk):
    _plan(clerk.user, colony, "month", dt.date(2025, 3, 1), target=1200)
    with pytest.raises(Conflict) as caught:
        _plan(clerk.user, colony, "day", dt.date(2025, 3, 15))
    assert "2025-03-01" in caught.value.message
    assert "2025-03-31" in caught.value.message
    assert "1200" in caught.value.message
    assert Plan.objects.count() == 1


def test_plans_of_other_months_or_units_do_not_clash(colony, clerk):
    _plan(clerk.user, colony, "month", dt.date(2025, 3, 1))
    _plan(clerk.user, colony, "month", dt.date(2025, 4, 1))
    services.set_plan(
        actor=clerk.user,
        unit=colony["south"],
        product=colony["coal"],
        period_start=dt.date(2025, 3, 1),
        target=Decimal(7),
    )
    assert Plan.objects.count() == 3


def test_a_plan_target_changes_in_another_unit_and_is_kept_in_the_products(colony, clerk):
    plan = _plan(clerk.user, colony, "month", dt.date(2025, 3, 1))
    changed = services.change_plan(
        actor=clerk.user, plan=plan, target=Decimal(1000), unit_entered="kg"
    )
    assert changed.target == Decimal(1)
    assert (changed.target_entered, changed.unit_entered) == (Decimal(1000), "kg")


def test_a_transfer_act_hands_units_over_on_its_date_and_once_only(colony, clerk):
    act = catalogue.create_transfer_act(
        actor=clerk.user,
        key="trust-2024",
        title="Act of 2024",
        from_enterprise="Coal trust",
        date=dt.date(2024, 1, 1),
        debt_share=Decimal("0.5"),
        units=[colony["north"]],
    )
    north = Unit.objects.get(key="north")
    assert (north.transfer_act, north.taken_over) == (act, dt.date(2024, 1, 1))
    other = catalogue.create_transfer_act(
        actor=clerk.user,
        key="other",
        title="Another act",
        from_enterprise="Other trust",
        date=dt.date(2024, 5, 1),
        debt_share=Decimal(0),
    )
    with pytest.raises(Conflict) as caught:
        catalogue.hand_over(actor=clerk.user, act=other, units=[north])
    assert "Act of 2024" in caught.value.message
    assert Unit.objects.get(key="north").transfer_act == act


def test_a_product_in_its_own_unit_converts_through_its_factor(colony, clerk):
    ore = catalogue.create_product(
        actor=clerk.user,
        key="ore",
        name="Ore",
        unit_of_measure="wagon",
        reference_unit="tonne",
        factor=Decimal("16.5"),
    )
    record = services.record_output(
        actor=clerk.user,
        unit=colony["north"],
        product=ore,
        period_kind="day",
        period_start=dt.date(2025, 3, 3),
        quantity=Decimal(33),
        unit_entered="tonne",
    )
    kilograms = services.record_output(
        actor=clerk.user,
        unit=colony["north"],
        product=ore,
        period_kind="day",
        period_start=dt.date(2025, 3, 4),
        quantity=Decimal(8250),
        unit_entered="kg",
    )
    assert (record.quantity, kilograms.quantity) == (Decimal(2), Decimal("0.5"))


@pytest.mark.parametrize(
    ("reference_unit", "factor", "field"),
    [
        ("tonne", Decimal(0), "factor"),
        ("tonne", Decimal(-2), "factor"),
        ("tonne", None, "factor"),
        ("bushel-of-nothing", Decimal(3), "reference_unit"),
        ("", Decimal(3), "reference_unit"),
    ],
)
def test_a_bad_conversion_factor_is_refused_naming_its_field(clerk, reference_unit, factor, field):
    with pytest.raises(Invalid) as caught:
        catalogue.create_product(
            actor=clerk.user,
            key="ore",
            name="Ore",
            unit_of_measure="wagon",
            reference_unit=reference_unit,
            factor=factor,
        )
    assert [p.field for p in caught.value.problems] == [field]
    assert not Product.objects.exists()
