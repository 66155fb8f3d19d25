"""Proxies in a meeting whose electorate is the colonists: none from or to a hired worker."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.actor import Operator
from kuzbas.core.errors import RefusedByStatute
from kuzbas.governance.models import Proxy
from kuzbas.governance.services import proxies, statute_book
from kuzbas.members.models import MembershipCategory
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.statute.examples import COOP

pytestmark = pytest.mark.django_db
DAY = dt.date(1930, 3, 1)
RULE = "body.meeting.electorate"
COLONISTS_ONLY = COOP.replace(
    'kind = "general_meeting"\n', 'kind = "general_meeting"\nelectorate = ["colonist"]\n', 1
)


@pytest.fixture
def users(settings):
    """Two colonists and a hired worker, all members in good standing; one proxy allowed."""
    settings.KUZBAS_TODAY = DAY
    statute_book.load_statute_version(
        actor=Operator("test"), path_or_text=COLONISTS_ONLY, file="coop.toml"
    )
    found = {}
    for key, category in (
        ("anna", MembershipCategory.COLONIST),
        ("boris", MembershipCategory.COLONIST),
        ("ivan", MembershipCategory.HIRED_WORKER),
    ):
        person = PersonFactory(key=key, name_latin=key.capitalize())
        MembershipFactory(person=person, category=category, valid_from=dt.date(1930, 1, 1))
        found[key] = UserFactory(username=key, person=person)
    return found


def give(users, giver, holder):
    return proxies.give_proxy(
        actor=users[giver],
        giver=users[giver].person,
        holder=users[holder].person,
        body="meeting",
        valid_from=DAY,
    )


@pytest.mark.parametrize(("giver", "holder"), [("ivan", "anna"), ("anna", "ivan")])
def test_a_proxy_from_or_to_a_hired_worker_is_refused_under_the_electorate_clause(
    users, giver, holder
):
    audited = AuditEntry.objects.count()

    with pytest.raises(RefusedByStatute) as refused:
        give(users, giver, holder)

    assert refused.value.rule == RULE
    assert "Ivan is a member as hired worker" in refused.value.message
    assert Proxy.objects.count() == 0
    assert AuditEntry.objects.count() == audited


def test_a_proxy_between_colonists_is_still_given(users):
    proxy = give(users, "anna", "boris")

    assert (proxy.giver.key, proxy.holder.key) == ("anna", "boris")
