"""The meeting page names its chair and who gave notice as people, never by their logins."""

from __future__ import annotations

import re

import pytest

from kuzbas.meetings.services import notices
from tests.meetings.conftest import DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def named_chair(assembly):
    person = assembly.chair.person
    person.name_latin = "Ludwig Martens"
    person.save()
    return assembly


def test_the_meeting_page_names_the_chair_not_the_login(named_chair, client):
    client.force_login(named_chair.members["anna"])
    page = client.get(f"/meetings/{named_chair.meeting.pk}/").content.decode()
    shown = re.search(r'data-testid="meeting-chair">([^<]*)<', page).group(1)
    assert shown == "Ludwig Martens"


def test_the_notice_line_names_who_gave_it(named_chair, client):
    notices.give_notice(
        actor=named_chair.chair, meeting=named_chair.meeting, on=DAY, site_url="http://t/"
    )
    client.force_login(named_chair.chair)
    page = client.get(f"/meetings/{named_chair.meeting.pk}/").content.decode()
    assert "by Ludwig Martens to" in page
    assert "by chair to" not in page
