"""Giving a proxy from the meeting page, where the statute allows it, and only there."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from kuzbas.core.actor import Operator
from kuzbas.governance.models import Proxy
from kuzbas.meetings.services import agenda, chair
from tests.governance.test_proxies import DAY, members  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


@pytest.fixture
def coop_meeting(members):  # noqa: F811 - the fixture imported above
    meeting = agenda.convene(
        actor=Operator("test"),
        body="meeting",
        title="General meeting of the cooperative",
        convened_for=timezone.make_aware(dt.datetime.combine(DAY, dt.time(18))),
    )
    return chair.open_meeting(actor=Operator("test"), meeting=meeting)


def test_a_member_gives_a_proxy_for_the_meeting_and_takes_it_back(
    members,  # noqa: F811
    coop_meeting,
    client,
):
    client.force_login(members["anna"])
    url = f"/meetings/{coop_meeting.pk}/"

    client.post(f"{url}proxies/", {"holder": "boris"})
    page = client.get(url).content.decode()
    proxy = Proxy.objects.get()
    client.post(f"{url}proxies/{proxy.pk}/end/")

    assert (proxy.giver.key, proxy.holder.key) == ("anna", "boris")
    assert proxy.valid_from == proxy.valid_to == DAY
    assert "Anna → Boris" in page
    assert "lets a voter hold 1 proxy" in page
    assert not Proxy.objects.exists()


def test_a_second_proxy_to_the_same_holder_is_refused_with_the_statutes_reason(
    members,  # noqa: F811
    coop_meeting,
    client,
):
    client.force_login(members["anna"])
    client.post(f"/meetings/{coop_meeting.pk}/proxies/", {"holder": "boris"})
    client.force_login(members["vera"])

    response = client.post(
        f"/meetings/{coop_meeting.pk}/proxies/", {"holder": "boris"}, follow=True
    )

    assert Proxy.objects.count() == 1
    assert "proxy" in response.content.decode().lower()
    assert "message error" in response.content.decode()


def test_where_the_statute_allows_no_proxies_the_page_says_so_and_offers_no_form(assembly, client):
    client.force_login(assembly.members["anna"])

    page = client.get(f"/meetings/{assembly.meeting.pk}/").content.decode()
    refused = client.post(
        f"/meetings/{assembly.meeting.pk}/proxies/", {"holder": "boris"}, follow=True
    )

    assert "allows no proxies" in page
    assert 'name="holder"' not in page
    assert not Proxy.objects.exists()
    assert "no proxies" in refused.content.decode()


def test_a_clerk_records_a_proxy_given_in_writing_from_the_page(
    members,  # noqa: F811
    coop_meeting,
    client,
):
    from kuzbas.core.rights import Role
    from tests.factories import RoleGrantFactory, UserFactory

    clerk = UserFactory(username="door-clerk")
    RoleGrantFactory(user=clerk, role=Role.CLERK)
    client.force_login(clerk)

    page = client.get(f"/meetings/{coop_meeting.pk}/").content.decode()
    client.post(f"/meetings/{coop_meeting.pk}/proxies/", {"giver": "vera", "holder": "gleb"})

    assert 'name="giver"' in page
    assert Proxy.objects.get().giver.key == "vera"
