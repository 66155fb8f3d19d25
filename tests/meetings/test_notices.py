"""Notice of a meeting goes to the members entitled to attend, as the statute reckons them."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import NotPermitted
from kuzbas.core.rights import Role
from kuzbas.meetings.models import NoticeDelivery
from kuzbas.meetings.services import notices
from tests.factories import MembershipFactory, PersonFactory, RoleGrantFactory, UserFactory
from tests.meetings.conftest import DAY, MEMBERS

pytestmark = pytest.mark.django_db

SITE = "http://testserver/"


def test_notice_goes_to_every_member_in_good_standing_and_no_one_else(assembly, pumps_item):
    PersonFactory(key="guest")  # in the registry, not a member
    lapsed = PersonFactory(key="lapsed")
    MembershipFactory(person=lapsed, valid_from=dt.date(1921, 1, 1), valid_to=dt.date(1922, 6, 1))

    notice = notices.give_notice(
        actor=assembly.chair, meeting=assembly.meeting, on=DAY, site_url=SITE
    )

    told = set(NoticeDelivery.objects.filter(notice=notice).values_list("person__key", flat=True))
    assert told == set(MEMBERS)
    assert notice.recipients == len(MEMBERS)
    assert "1. Install electric pumps in mine No. 1" in notice.text
    assert AuditEntry.objects.filter(action="meetings.notice.give").count() == 1


def test_only_a_clerk_or_chair_gives_notice_and_a_refusal_leaves_nothing(assembly):
    with pytest.raises(NotPermitted):
        notices.give_notice(
            actor=assembly.members["anna"], meeting=assembly.meeting, on=DAY, site_url=SITE
        )

    assert not NoticeDelivery.objects.exists()
    clerk = UserFactory(username="clerk")
    RoleGrantFactory(user=clerk, role=Role.CLERK)
    assert (
        notices.give_notice(actor=clerk, meeting=assembly.meeting, on=DAY, site_url=SITE).recipients
        == 5
    )


def test_a_member_sees_the_notice_until_they_open_the_meeting(assembly, client):
    notices.give_notice(actor=assembly.chair, meeting=assembly.meeting, on=DAY, site_url=SITE)
    client.force_login(assembly.members["boris"])

    before = client.get("/meetings/").content.decode()
    client.get(f"/meetings/{assembly.meeting.pk}/")
    after = client.get("/meetings/").content.decode()
    api = client.get("/api/meetings/notices").json()

    assert 'data-testid="notices"' in before and "New" in before.split("notices")[1][:400]
    assert "New:" not in after
    assert api[0]["meeting"] == assembly.meeting.pk and api[0]["read_at"] is not None


def test_the_chairs_page_says_when_notice_was_given_and_to_how_many(assembly, client):
    client.force_login(assembly.chair)
    url = f"/meetings/{assembly.meeting.pk}/"

    before = client.get(url).content.decode()
    client.post(f"{url}notice/")
    after = client.get(url).content.decode()

    assert "No notice of this meeting has been given yet." in before
    assert "Notice given on 15 September 1922 by Chair to 5 members entitled to attend" in after
