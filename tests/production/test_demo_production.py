"""The demo's production history reproduces every documented figure, and labels the rest."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from kuzbas.demo.production_loader import read_production
from kuzbas.production import kpis, selectors
from kuzbas.production.models.catalogue import Product, TransferAct, Unit, UnitKind
from kuzbas.production.models.statistics import HeadcountSnapshot, OutputRecord, Plan
from kuzbas.record.models import Citation, Evidence

pytestmark = pytest.mark.django_db


def colony_staff(on: dt.date) -> HeadcountSnapshot:
    return HeadcountSnapshot.objects.get(unit=None, on=on, category="all")


def evidence_of(obj) -> set[str]:
    return set(obj.citations.values_list("status", flat=True))


def test_the_workforce_fell_from_2307_to_2041_which_is_88_5_percent(production_demo):
    october, spring = colony_staff(dt.date(1922, 10, 1)), colony_staff(dt.date(1923, 4, 1))
    claim = next(c for c in read_production()["claim"] if c["key"] == "workforce-cut-1922-1923")
    assert (october.count, spring.count) == (2307, 2041)
    assert kpis.shown(Fraction(spring.count, october.count), 3) == Decimal(claim["ratio"])
    assert evidence_of(october) == evidence_of(spring) == {Evidence.DOCUMENTED}


def test_the_cut_fell_mostly_on_office_staff_and_watchmen(production_demo):
    def month(day):
        return next(m for m in selectors.monthly_series() if m.month == day)

    before, after = month(dt.date(1922, 10, 1)), month(dt.date(1923, 4, 1))
    office_and_guards = sum(before.staff[c] - after.staff[c] for c in ("office", "guard"))
    assert office_and_guards > (before.staff["all"] - after.staff["all"]) / 2


def test_coal_per_person_in_march_and_april_1923_is_three_times_october_1922(production_demo):
    coal = Product.objects.get(key="coal")
    series = selectors.monthly_series()
    october = selectors.period_kpis(series, dt.date(1922, 10, 1), dt.date(1922, 10, 1), coal)
    spring = selectors.period_kpis(series, dt.date(1923, 3, 1), dt.date(1923, 4, 1), coal)
    change = kpis.change(october.output_per_worker, spring.output_per_worker)
    assert change.ratio == 3
    assert change.illustrative


def test_in_early_1925_the_colony_had_seven_mines_three_plants_and_6100_workers(production_demo):
    day = dt.date(1925, 1, 1)
    working = Unit.objects.filter(
        Q(opened__isnull=True) | Q(opened__lte=day),
        Q(taken_over__isnull=True) | Q(taken_over__lte=day),
    )
    assert working.filter(kind=UnitKind.MINE).count() == 7
    assert working.filter(kind=UnitKind.PLANT).count() == 3
    assert colony_staff(day).count == 6100
    by_unit = HeadcountSnapshot.objects.filter(unit__isnull=False, on=day, category="all")
    assert sum(by_unit.values_list("count", flat=True)) == 6100


def test_every_month_s_categories_add_up_to_all_staff(production_demo):
    for month in selectors.monthly_series():
        parts = ("production", "technical", "office", "guard", "other")
        assert sum(month.staff[c] for c in parts) == month.staff["all"], month.month


def test_the_chemical_plant_opened_on_2_march_1924(production_demo):
    plant = Unit.objects.get(key="kemerovo-chemical-plant")
    assert plant.opened == dt.date(1924, 3, 2)
    assert {c.source.key for c in plant.citations.all()} == {
        "koos-visch-to-nel-visch-1924-03-05",
        "morray-1983",
    }


def test_the_trust_handed_over_leninsk_prokopevsk_and_gurevsk_with_half_its_debts(
    production_demo,
):
    act = TransferAct.objects.get(key="kuzbas-trust-1924")
    assert act.debt_share == Decimal("0.5")
    assert act.from_enterprise == "Kuzbas Trust"
    assert sorted({u.site.key for u in act.units.all()}) == ["gurevsk", "leninsk", "prokopevsk"]
    assert evidence_of(act) == {Evidence.DOCUMENTED}


@pytest.mark.parametrize("model", [OutputRecord, Plan, HeadcountSnapshot])
def test_every_generated_row_is_labelled_illustrative_and_every_row_has_evidence(
    production_demo, model
):
    ct = ContentType.objects.get_for_model(model)
    cited = Citation.objects.filter(content_type=ct)
    assert cited.values("object_id").distinct().count() == model.objects.count()
    documented = set(cited.filter(status=Evidence.DOCUMENTED).values_list("object_id", flat=True))
    expected = 3 if model is HeadcountSnapshot else 0
    assert len(documented) == expected


def test_the_early_series_is_entered_in_poods_and_kept_in_tonnes(production_demo):
    october = OutputRecord.objects.filter(period_start=dt.date(1922, 10, 1))
    assert set(october.values_list("unit_entered", flat=True)) == {"pood"}
    assert sum(r.quantity_entered for r in october) == 180 * 2307


def test_loading_twice_adds_nothing(production_demo, operator):
    from kuzbas.demo.production_loader import load_production

    before = OutputRecord.objects.count(), HeadcountSnapshot.objects.count()
    load_production(actor=operator)
    assert (OutputRecord.objects.count(), HeadcountSnapshot.objects.count()) == before
