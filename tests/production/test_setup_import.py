"""Setting up production from files: units, products and transfer acts, then output.

The same all-or-nothing import as output: a file with any bad row names every problem with its
line and column and stores nothing.
"""

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Invalid
from kuzbas.production.imports.importing import import_file
from kuzbas.production.models.catalogue import Product, TransferAct, Unit
from kuzbas.production.models.statistics import OutputRecord, Plan
from kuzbas.production.models.totals import MonthlyOutput
from tests.factories import SiteFactory, SourceFactory

pytestmark = pytest.mark.django_db

ACTS = (
    "key,title,from_enterprise,date,debt_share,staff,output_baseline,act_note,source,locator\n"
    "trust-2024,Act of 2024,Coal trust,2024-01-01,0.5,120,,,minutes,p. 2\n"
)
UNITS = (
    "key,name,kind,site,opened,taken_over,closed,transfer_act,description\n"
    "pit-1,Pit 1,mine,east,2019-05-01,2024-01-01,,trust-2024,\n"
    "coking,Coking plant,plant,,2021-01-01,,,,Makes coke\n"
)
PRODUCTS = "key,name,unit_of_measure\ncoal,Coal,tonne\ncoke,Coke,pood\n"
OUTPUT = (
    "unit,product,period_kind,period_start,shift,quantity,unit_of_measure\n"
    "pit-1,coal,month,2025-03,,1200,tonne\n"
    "coking,coke,month,2025-03,,16.38,kg\n"
)


def _import(actor, kind, text):
    return import_file(actor=actor, kind=kind, data=text.encode(), filename=f"{kind}.csv")


def test_an_enterprise_with_no_demo_sets_up_its_catalogue_then_imports_output(clerk):
    SiteFactory(key="east")
    SourceFactory(key="minutes")
    _import(clerk.user, "transfer_acts", ACTS)
    _import(clerk.user, "units", UNITS)
    _import(clerk.user, "products", PRODUCTS)
    result = _import(clerk.user, "output", OUTPUT)
    pit = Unit.objects.get(key="pit-1")
    assert (pit.site.key, pit.transfer_act.key, str(pit.taken_over)) == (
        "east",
        "trust-2024",
        "2024-01-01",
    )
    assert TransferAct.objects.get().citations.get().locator == "p. 2"
    assert Product.objects.get(key="coke").unit_of_measure == "pood"
    assert result.created == 2
    assert MonthlyOutput.objects.count() == 2
    assert AuditEntry.objects.filter(action="production.import.units").count() == 1


def test_importing_the_same_catalogue_twice_changes_nothing_and_a_change_is_written(clerk):
    _import(clerk.user, "products", PRODUCTS)
    again = _import(clerk.user, "products", PRODUCTS)
    renamed = _import(clerk.user, "products", PRODUCTS.replace("Coal,tonne", "Hard coal,tonne"))
    assert (again.created, again.changed, again.unchanged) == (0, 0, 2)
    assert (renamed.created, renamed.changed, renamed.unchanged) == (0, 1, 1)
    assert Product.objects.get(key="coal").name == "Hard coal"


def test_a_bad_units_file_names_every_problem_with_its_line_and_column_and_stores_nothing(clerk):
    bad = (
        "key,name,kind,site,opened,taken_over,closed,transfer_act,description\n"
        "pit 1,Pit 1,mine,,,,,,\n"
        "pit-2,,quarry,nowhere,,,,,\n"
        "pit-3,Pit 3,mine,,2020-01-01,,2019-12-31,no-act,\n"
        "pit-4,Pit 4,mine,,2020-13-01,,,,\n"
        "pit-5,Pit 5,mine,,,,,,\n"
    )
    with pytest.raises(Invalid) as caught:
        _import(clerk.user, "units", bad)
    assert {(p.line, p.field) for p in caught.value.problems} == {
        (2, "key"),
        (3, "name"),
        (3, "kind"),
        (3, "site"),
        (4, "closed"),
        (4, "transfer_act"),
        (5, "opened"),
    }
    assert not Unit.objects.exists()


def test_a_bad_products_file_names_the_unknown_unit_and_stores_nothing(clerk):
    with pytest.raises(Invalid) as caught:
        _import(clerk.user, "products", PRODUCTS + "ore,Ore,wagon\ngas,Gas,\n")
    assert {(p.line, p.field) for p in caught.value.problems} == {
        (4, "unit_of_measure"),
        (5, "unit_of_measure"),
    }
    assert not Product.objects.exists()


def test_a_bad_transfer_acts_file_names_the_share_out_of_range(clerk):
    bad = ACTS.replace(",0.5,", ",1.5,").replace("minutes,p. 2", ",")
    with pytest.raises(Invalid) as caught:
        _import(clerk.user, "transfer_acts", bad)
    assert [(p.line, p.field) for p in caught.value.problems] == [(2, "debt_share")]
    assert not TransferAct.objects.exists()


def test_a_product_keeps_its_unit_of_measure_in_an_import_once_output_is_kept(colony, clerk):
    _import(
        clerk.user,
        "output",
        "unit,product,period_kind,period_start,quantity\nnorth,coal,month,2025-03,5\n",
    )
    with pytest.raises(Invalid) as caught:
        _import(clerk.user, "products", "key,name,unit_of_measure\ncoal,Coal,pood\n")
    assert [(p.line, p.field) for p in caught.value.problems] == [(2, "unit_of_measure")]
    assert OutputRecord.objects.get().quantity == 5


PLANS = "unit,product,period_kind,period_start,target\n"


def test_plans_of_a_file_that_meet_each_other_or_a_plan_on_record_are_named(colony, clerk):
    _import(clerk.user, "plans", PLANS + "north,coal,month,2025-03,1000\n")
    bad = (
        PLANS + "north,coal,day,2025-04-02,10\n"
        "north,coal,month,2025-04,300\n"
        "north,coal,day,2025-03-05,10\n"
        "south,coal,month,2025-04,300\n"
    )
    with pytest.raises(Invalid) as caught:
        _import(clerk.user, "plans", bad)
    problems = {(p.line, p.field): p.message for p in caught.value.problems}
    assert set(problems) == {(2, "period_start"), (4, "period_start")}
    assert "line 3" in problems[(2, "period_start")]
    assert "2025-03-31" in problems[(4, "period_start")]
    assert Plan.objects.count() == 1


def test_a_plan_file_may_change_the_target_of_a_plan_on_record(colony, clerk):
    _import(clerk.user, "plans", PLANS + "north,coal,month,2025-03,1000\n")
    result = _import(clerk.user, "plans", PLANS + "north,coal,month,2025-03,1100\n")
    assert (result.created, result.changed) == (0, 1)
    assert Plan.objects.get().target == 1100


def test_a_products_file_gives_a_products_own_unit_its_factor_and_output_converts(colony, clerk):
    _import(
        clerk.user,
        "products",
        "key,name,unit_of_measure,reference_unit,factor\nore,Ore,wagon,tonne,16.5\n",
    )
    _import(
        clerk.user,
        "output",
        "unit,product,period_kind,period_start,quantity,unit_of_measure\n"
        "north,ore,day,2025-03-03,33,tonne\n"
        "north,ore,day,2025-03-04,3,wagon\n",
    )
    quantities = OutputRecord.objects.order_by("period_start").values_list("quantity", flat=True)
    assert list(quantities) == [2, 3]


def test_a_products_file_names_a_non_positive_factor_and_an_unknown_reference(clerk):
    bad = (
        "key,name,unit_of_measure,reference_unit,factor\n"
        "ore,Ore,wagon,tonne,0\n"
        "sand,Sand,bag,nothing-known,2\n"
        "salt,Salt,sack,kg,x\n"
    )
    with pytest.raises(Invalid) as caught:
        _import(clerk.user, "products", bad)
    assert {(p.line, p.field) for p in caught.value.problems} == {
        (2, "factor"),
        (3, "reference_unit"),
        (4, "factor"),
    }
    assert not Product.objects.exists()
