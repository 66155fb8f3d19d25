"""Contributions: cash owed in instalments, paid and still owed per currency; goods appraised;
the receipt."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.core.errors import Invalid, NotFound, NotNow
from kuzbas.money.amounts import money
from kuzbas.money.models import ExchangeRate
from kuzbas.recruitment import contributions
from kuzbas.recruitment.models import Contribution
from kuzbas.recruitment.models.applications import ApplicationState
from tests.recruitment.groups.factories import AdmittedFactory

pytestmark = pytest.mark.django_db


def _two_instalments(clerk, applicant, currency="USD"):
    return contributions.record_cash(
        actor=clerk.user,
        application=applicant,
        amount=money("100.00", currency),
        instalments=[
            (money("60.00", currency), dt.date(1922, 5, 15)),
            (money("40.00", currency), dt.date(1922, 6, 15)),
        ],
    )


def test_a_contribution_in_two_instalments_shows_paid_and_owed(bureau_clerk):
    applicant = AdmittedFactory()
    cash = _two_instalments(bureau_clerk, applicant)
    first = cash.instalments.order_by("due").first()
    contributions.pay(actor=bureau_clerk.user, instalment=first, paid_on=dt.date(1922, 5, 14))
    shown = contributions.account(applicant)
    assert shown.owed == {"USD": money("100.00", "USD")}
    assert shown.paid == {"USD": money("60.00", "USD")}
    assert shown.outstanding == {"USD": money("40.00", "USD")}


def test_sums_in_two_currencies_stay_apart(bureau_clerk):
    applicant = AdmittedFactory()
    _two_instalments(bureau_clerk, applicant, "USD")
    _two_instalments(bureau_clerk, applicant, "QRG")
    shown = contributions.account(applicant)
    assert set(shown.owed) == {"USD", "QRG"}
    assert shown.owed["QRG"] == money("100.00", "QRG")


def test_a_total_in_one_currency_needs_a_dated_rate(bureau_clerk):
    applicant = AdmittedFactory()
    cash = _two_instalments(bureau_clerk, applicant, "USD")
    for part in cash.instalments.all():
        contributions.pay(actor=bureau_clerk.user, instalment=part, paid_on=dt.date(1922, 6, 1))
    with pytest.raises(NotFound, match="USD"):
        contributions.total_brought(applicant, to="QRG", on=dt.date(1922, 6, 1))
    ExchangeRate.objects.create(base="USD", quote="QRG", rate="1.94", on=dt.date(1922, 5, 1))
    total = contributions.total_brought(applicant, to="QRG", on=dt.date(1922, 6, 1))
    assert total == money("194.00", "QRG")


def test_instalments_that_do_not_add_up_are_refused_and_nothing_is_stored(bureau_clerk):
    applicant = AdmittedFactory()
    with pytest.raises(Invalid, match="add up"):
        contributions.record_cash(
            actor=bureau_clerk.user,
            application=applicant,
            amount=money("100.00", "USD"),
            instalments=[(money("60.00", "USD"), dt.date(1922, 5, 15))],
        )
    assert not Contribution.objects.exists()


def test_an_instalment_in_another_currency_is_refused_naming_it(bureau_clerk):
    with pytest.raises(Invalid) as refused:
        contributions.record_cash(
            actor=bureau_clerk.user,
            application=AdmittedFactory(),
            amount=money("100.00", "USD"),
            instalments=[
                (money("60.00", "USD"), dt.date(1922, 5, 15)),
                (money("40.00", "QRG"), dt.date(1922, 6, 15)),
            ],
        )
    assert [p.field for p in refused.value.problems] == ["instalments.2"]


def test_an_instalment_is_paid_once(bureau_clerk):
    cash = _two_instalments(bureau_clerk, AdmittedFactory())
    first = cash.instalments.first()
    contributions.pay(actor=bureau_clerk.user, instalment=first)
    with pytest.raises(NotNow, match="paid on"):
        contributions.pay(actor=bureau_clerk.user, instalment=first)


def test_goods_in_kind_are_appraised_by_someone_named(bureau_clerk):
    with pytest.raises(Invalid) as refused:
        contributions.record_in_kind(
            actor=bureau_clerk.user,
            application=AdmittedFactory(),
            description="drills",
            value=money("30.00", "USD"),
            appraised_on=dt.date(1922, 5, 20),
        )
    assert [p.field for p in refused.value.problems] == ["appraised_by_name"]


def test_a_refused_applicant_takes_no_contribution(bureau_clerk):
    refused = AdmittedFactory(state=ApplicationState.WITHDRAWN, admitted_on=None)
    with pytest.raises(NotNow):
        _two_instalments(bureau_clerk, refused)
