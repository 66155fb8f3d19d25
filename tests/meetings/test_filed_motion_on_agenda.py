"""The chair puts a motion filed already (an amendment to the statute, say) on the agenda: by the
service, the meeting page's form and the API."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from kuzbas.core.errors import Conflict, Invalid
from kuzbas.governance.services import motions
from kuzbas.meetings.models import AgendaItem
from kuzbas.meetings.services import agenda
from tests.meetings.conftest import DAY

pytestmark = pytest.mark.django_db


def _filed(assembly, *, matter: str = "technical", body: str = "general-meeting"):
    return motions.file_motion(
        actor=assembly.chair,
        title="Sink a second shaft",
        text="",
        matter=matter,
        body=body,
        as_of=DAY,
    )


def _chair(assembly) -> Client:
    client = Client()
    client.force_login(assembly.chair)
    return client


def test_a_filed_motion_goes_on_the_agenda_under_its_own_title(assembly):
    motion = _filed(assembly)

    item = agenda.add_item(
        actor=assembly.chair,
        meeting=assembly.meeting,
        kind="motion",
        title="",
        motion=motion,
        as_of=DAY,
    )

    assert (item.title, item.motion) == ("Sink a second shaft", motion)


def test_a_filed_motion_goes_only_on_a_motion_item(assembly):
    with pytest.raises(Invalid) as refused:
        agenda.add_item(
            actor=assembly.chair,
            meeting=assembly.meeting,
            kind="report",
            title="The shaft",
            motion=_filed(assembly),
            as_of=DAY,
        )

    assert refused.value.problems[0].field == "kind"
    assert not AgendaItem.objects.exists()


def test_a_motion_put_to_another_body_is_refused_on_this_meetings_agenda(assembly):
    motion = _filed(assembly, matter="management", body="organization-committee")

    with pytest.raises(Conflict) as refused:
        agenda.add_item(
            actor=assembly.chair,
            meeting=assembly.meeting,
            kind="motion",
            title="",
            motion=motion,
            as_of=DAY,
        )

    assert refused.value.rule == "body.general-meeting"
    assert not AgendaItem.objects.exists()


def test_the_chair_puts_a_filed_motion_on_the_agenda_from_the_meeting_page(assembly):
    motion = _filed(assembly)
    page = f"/meetings/{assembly.meeting.pk}/"

    response = _chair(assembly).post(
        f"{page}items/", {"kind": "motion", "title": "", "motion": str(motion.number)}
    )

    assert response.status_code == 302 and response["Location"] == page
    assert AgendaItem.objects.get(meeting=assembly.meeting).motion == motion
    shown = _chair(assembly).get(page).content.decode()
    assert f"/governance/motions/{motion.number}/" in shown


@pytest.mark.parametrize(
    ("number", "said"), [("999", "There is no motion No. 999."), ("No. 3", "motion's number")]
)
def test_a_motion_number_that_names_no_motion_adds_nothing_and_says_why(assembly, number, said):
    client = _chair(assembly)

    response = client.post(
        f"/meetings/{assembly.meeting.pk}/items/",
        {"kind": "motion", "title": "", "motion": number},
    )

    assert not AgendaItem.objects.exists()
    assert any(said in str(m) for m in get_messages(response.wsgi_request))


def test_the_api_puts_a_filed_motion_on_the_agenda(assembly):
    motion = _filed(assembly)

    response = _chair(assembly).post(
        f"/api/meetings/{assembly.meeting.pk}/items",
        {"kind": "motion", "motion": motion.number},
        content_type="application/json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["title"] == "Sink a second shaft"
    assert [m["number"] for m in response.json()["motions"]] == [motion.number]
    missing = _chair(assembly).post(
        f"/api/meetings/{assembly.meeting.pk}/items",
        {"kind": "motion", "motion": 999},
        content_type="application/json",
    )
    assert missing.status_code == 404
    assert AgendaItem.objects.count() == 1
