"""Money under a contract: each line tied to its clause, in its own currency, audited; balances
on a date per currency, in one currency only through a dated rate shown with its source."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kuzbas.audit.models import AuditEntry
from kuzbas.contracts.balances import SIGN, balance_on, in_currency
from kuzbas.contracts.models.money import MoneyLine
from kuzbas.contracts.money_lines import record_money_line
from kuzbas.core.errors import Invalid, NotPermitted
from kuzbas.money.amounts import money
from kuzbas.money.services import record_rate
from tests.contracts.money_world import ClauseFactory, make_money_world
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def world(db):
    return make_money_world()


def line(actor, world, kind, amount, currency, on, debtor, clause=None, **kw):
    return record_money_line(
        actor=actor,
        contract=world.contract,
        kind=kind,
        amount=money(amount, currency),
        on=on,
        debtor=debtor,
        clause=clause if clause is not None else world.support,
        **kw,
    )


def test_a_line_is_recorded_with_its_clause_and_audited(clerk, world):
    made = line(
        clerk.user, world, "loan", "1000.50", "QRG", D(1923, 3, 1), "enterprise", clause=world.loan
    )
    assert made.amount == money("1000.50", "QRG") and made.clause == world.loan
    entry = AuditEntry.objects.get(action="contracts.money_line.record")
    assert entry.changes["amount"] == "1000.50" and entry.changes["currency"] == "QRG"


def test_a_reader_without_the_money_right_cannot_record(colonist, world):
    with pytest.raises(NotPermitted):
        line(colonist.user, world, "loan", "1", "QRG", D(1923, 3, 1), "enterprise")
    assert not MoneyLine.objects.exists()


def test_a_line_needs_a_clause_of_its_own_contract(clerk, world):
    other = ClauseFactory()
    with pytest.raises(Invalid) as refused:
        line(clerk.user, world, "loan", "1", "QRG", D(1923, 3, 1), "enterprise", clause=other)
    assert [p.field for p in refused.value.problems] == ["clause"]
    with pytest.raises(Invalid) as refused:
        record_money_line(
            actor=clerk.user,
            contract=world.contract,
            kind="loan",
            amount=money("1", "QRG"),
            on=D(1923, 3, 1),
            debtor="enterprise",
        )
    assert [p.field for p in refused.value.problems] == ["clause"]


def test_a_repayment_is_in_the_currency_of_the_debt_it_settles(clerk, world):
    debt = line(
        clerk.user,
        world,
        "debt_taken_over",
        "500",
        "QCV",
        D(1924, 1, 1),
        "enterprise",
        clause=world.debts,
    )
    with pytest.raises(Invalid) as refused:
        line(clerk.user, world, "repayment", "10", "QRG", D(1924, 6, 1), "enterprise", settles=debt)
    assert refused.value.problems[0].field == "currency"
    paid = record_money_line(
        actor=clerk.user,
        contract=world.contract,
        kind="repayment",
        amount=money("10", "QCV"),
        on=D(1924, 6, 1),
        debtor="enterprise",
        settles=debt,
    )
    assert paid.clause == world.debts  # the clause of the debt it repays


def test_support_paid_cannot_settle_a_loan(clerk, world):
    loan = line(clerk.user, world, "loan", "5", "QRG", D(1923, 1, 1), "enterprise")
    with pytest.raises(Invalid) as refused:
        line(
            clerk.user, world, "support_paid", "5", "QRG", D(1923, 2, 1), "enterprise", settles=loan
        )
    assert refused.value.problems[0].field == "settles"


def test_balances_on_two_dates(clerk, world):
    line(clerk.user, world, "support_promised", "1000", "QRG", D(1924, 2, 1), "counterparty")
    line(clerk.user, world, "support_paid", "400", "QRG", D(1924, 9, 1), "counterparty")
    line(
        clerk.user,
        world,
        "debt_taken_over",
        "300",
        "QCV",
        D(1924, 3, 1),
        "enterprise",
        clause=world.debts,
    )
    early, late = (
        balance_on(world.contract, D(1924, 4, 1)),
        balance_on(world.contract, D(1925, 1, 1)),
    )
    assert early.owed_to_enterprise == {"QRG": money("1000", "QRG")}
    assert late.owed_to_enterprise == {"QRG": money("600", "QRG")}
    assert late.owed_by_enterprise == {"QCV": money("300", "QCV")}
    assert balance_on(world.contract, D(1924, 1, 31)).is_empty


def test_one_currency_needs_a_dated_rate_and_shows_it_with_its_source(clerk, world):
    line(clerk.user, world, "support_promised", "1000", "QRG", D(1924, 2, 1), "counterparty")
    line(
        clerk.user,
        world,
        "debt_taken_over",
        "30",
        "QCV",
        D(1924, 3, 1),
        "enterprise",
        clause=world.debts,
    )
    balance = balance_on(world.contract, D(1924, 6, 1))
    with pytest.raises(Invalid) as refused:
        in_currency(balance, "QRG")
    assert "QCV" in refused.value.problems[0].message
    assert refused.value.problems[0].field == "currency"
    source = SourceFactory(key="rates-table")
    record_rate(clerk.user, base="QCV", quote="QRG", rate="10", on=D(1924, 1, 1), source=source)
    converted = in_currency(balance, "QRG")
    assert converted.owed_by_enterprise == money("300", "QRG")
    assert converted.net == money("700", "QRG")
    assert [(r.base, r.rate, r.source) for r in converted.rates] == [("QCV", Decimal("10"), source)]


KINDS = sorted(SIGN)
DAYS = st.dates(min_value=D(1921, 1, 1), max_value=D(1927, 12, 31))
LINES = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=2),
        st.sampled_from(["QRG", "QCV", "USD"]),
        DAYS,
        st.sampled_from(["enterprise", "counterparty"]),
    ),
    max_size=12,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=LINES, day=DAYS)
def test_a_balance_on_a_day_is_the_sum_of_the_lines_up_to_that_day(clerk, world, lines, day):
    MoneyLine.objects.all().delete()
    for kind, amount, currency, on, debtor in lines:
        line(clerk.user, world, kind, amount, currency, on, debtor)
    balance = balance_on(world.contract, day)
    expected: dict[str, dict[str, Decimal]] = {"enterprise": {}, "counterparty": {}}
    for kind, amount, currency, on, debtor in lines:
        if on <= day:
            side = expected[debtor]
            side[currency] = side.get(currency, Decimal(0)) + SIGN[kind] * amount
    got = {
        "enterprise": {c: m.amount for c, m in balance.owed_by_enterprise.items()},
        "counterparty": {c: m.amount for c, m in balance.owed_to_enterprise.items()},
    }
    assert got == expected
    for figures in (balance.owed_by_enterprise, balance.owed_to_enterprise, balance.net):
        assert all(isinstance(m.amount, Decimal) for m in figures.values())


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(amount=st.floats(min_value=0.01, max_value=1e6, allow_nan=False))
def test_a_float_amount_is_refused(clerk, world, amount):
    with pytest.raises(Invalid):
        line(clerk.user, world, "loan", amount, "QRG", D(1923, 1, 1), "enterprise")


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    a=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=2),
    b=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=2),
)
def test_a_sum_across_currencies_without_a_rate_is_refused(clerk, world, a, b):
    MoneyLine.objects.all().delete()
    line(clerk.user, world, "loan", a, "QRG", D(1923, 1, 1), "enterprise")
    line(clerk.user, world, "loan", b, "QCV", D(1923, 1, 1), "enterprise")
    balance = balance_on(world.contract, D(1923, 1, 1))
    assert set(balance.owed_by_enterprise) == {"QRG", "QCV"}  # kept apart
    for target in ("QRG", "QCV", "USD"):
        with pytest.raises(Invalid):
            in_currency(balance, target)
