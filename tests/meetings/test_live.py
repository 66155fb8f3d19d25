"""Waiting phones ask "has anything changed?" and fetch the vote only when it has."""

from __future__ import annotations

import re

import pytest

from kuzbas.meetings import live
from kuzbas.meetings.models import Meeting
from kuzbas.meetings.services import votes
from tests.meetings.conftest import DAY, check_in_all


@pytest.fixture(autouse=True)
def fresh_reads(monkeypatch):
    """Read the revision on every question: the tests change it between two questions."""
    monkeypatch.setattr(live, "FRESH_FOR", 0.0)


def _live_url(client, meeting) -> str:
    page = client.get(f"/meetings/{meeting.pk}/vote/").content.decode()
    return re.search(r'hx-get="(/meetings/\d+/live/[^"]+)"', page).group(1)


def test_the_page_asks_with_its_revision_and_hears_when_a_vote_opens_and_closes(
    assembly, pumps_item, client
):
    client.force_login(assembly.members["anna"])
    waiting = _live_url(client, assembly.meeting)

    unchanged = client.get(waiting)
    votes.open_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)
    opened = client.get(waiting)
    during = _live_url(client, assembly.meeting)
    votes.close_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)
    closed = client.get(during)

    assert unchanged.status_code == 204 and unchanged.content == b""
    assert opened.status_code == 200 and opened["HX-Trigger"] == "kuzbas-live"
    assert during != waiting
    assert closed.status_code == 200


def test_the_answer_needs_the_meetings_token_and_says_nothing_else(assembly, client):
    meeting = assembly.meeting
    token = live.token_for(meeting.pk)
    other = Meeting.objects.create(
        body=meeting.body, title="Another", convened_for=meeting.convened_for, checkin_code="X1"
    )

    forged = client.get(f"/meetings/{meeting.pk}/live/forged-token/{meeting.revision}")
    borrowed = client.get(f"/meetings/{other.pk}/live/{token}/0")
    missing = client.get(f"/meetings/999999/live/{live.token_for(999999)}/0")
    answered = client.get(f"/meetings/{meeting.pk}/live/{token}/{meeting.revision}")

    assert [r.status_code for r in (forged, borrowed, missing)] == [404, 404, 404]
    assert answered.status_code == 204  # anonymous, with the token: "nothing changed"
    assert answered["Cache-Control"] == "no-store"


def test_a_process_reads_the_revision_at_most_once_while_it_is_fresh(
    assembly, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(live, "FRESH_FOR", 60.0)
    live._revisions.clear()
    token = live.token_for(assembly.meeting.pk)

    with django_assert_num_queries(1):
        answers = [
            live.answer(assembly.meeting.pk, token, assembly.meeting.revision) for _ in range(100)
        ]

    assert set(answers) == {204}


def test_a_double_press_of_the_ballot_button_casts_one_ballot(assembly, pumps_item, client):
    check_in_all(assembly, "anna")
    votes.open_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)
    client.force_login(assembly.members["anna"])
    page = client.get(f"/meetings/{assembly.meeting.pk}/vote/").content.decode()
    key = re.search(r'name="key" value="([^"]+)"', page).group(1)
    cast = f"/meetings/{assembly.meeting.pk}/vote/cast/"

    first = client.post(cast, {"choice": "yes", "key": key}, HTTP_HX_REQUEST="true")
    second = client.post(cast, {"choice": "yes", "key": key}, HTTP_HX_REQUEST="true")

    assert first.status_code == second.status_code == 200
    # The answer is the screen saying the ballot is in, both times.
    assert 'data-testid="voted"' in first.content.decode()
    assert 'data-testid="voted"' in second.content.decode()
    assert "ballot-error" not in second.content.decode()
    # The meeting's show of hands keeps no named ballot: one participation, one sealed paper.
    assert pumps_item.motion.participations.count() == 1
    assert pumps_item.motion.sealed_papers.count() == 1


def _wsgi(path: str, method: str = "GET") -> tuple[str, dict]:
    from kuzbas.web.wsgi import application

    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)

    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": __import__("io").BytesIO(b""),
        "wsgi.errors": __import__("sys").stderr,
    }
    b"".join(application(environ, start_response))
    return answer["status"], answer["headers"]


def test_the_served_application_answers_the_question_before_django_and_alike(
    assembly, pumps_item, monkeypatch
):
    meeting = assembly.meeting
    asked = f"/meetings/{meeting.pk}/live/{live.token_for(meeting.pk)}/{meeting.revision}"

    unchanged = _wsgi(asked)
    votes.open_item_vote(actor=assembly.chair, item=pumps_item, as_of=DAY)
    changed = _wsgi(asked)
    forged = _wsgi(f"/meetings/{meeting.pk}/live/forged/{meeting.revision}")

    def database_gone(pk):
        from django.db import OperationalError

        raise OperationalError("the server closed the connection")

    monkeypatch.setattr(live, "revision_of", database_gone)
    gone = _wsgi(asked)

    assert unchanged[0].startswith("204")
    assert changed[0].startswith("200") and changed[1]["HX-Trigger"] == "kuzbas-live"
    assert forged[0].startswith("404")
    assert gone[0].startswith("503")


def test_where_streams_are_served_the_page_listens_instead_of_asking(assembly, client, settings):
    client.force_login(assembly.members["anna"])
    asking = client.get(f"/meetings/{assembly.meeting.pk}/vote/").content.decode()
    settings.KUZBAS_LIVE_STREAM = "self"
    listening = client.get(f"/meetings/{assembly.meeting.pk}/vote/").content.decode()
    settings.KUZBAS_LIVE_STREAM = "https://live.example.org"
    elsewhere = client.get(f"/meetings/{assembly.meeting.pk}/vote/").content.decode()

    question = _live_url(client, assembly.meeting)
    assert 'hx-trigger="every 3s"' in asking and "data-live-stream" not in asking
    assert f'data-live-stream="{question}/stream"' in listening
    assert 'hx-trigger="every' not in listening and 'hx-trigger="kuzbas-poll"' in listening
    assert f'data-live-stream="https://live.example.org{question}/stream"' in elsewhere


def test_the_stream_setting_takes_an_origin_or_self_and_refuses_anything_else():
    from kuzbas.web.env import SettingError, env_live_stream

    assert env_live_stream("S", {}) == ""
    assert env_live_stream("S", {"S": "self"}) == "self"
    assert env_live_stream("S", {"S": "http://127.0.0.1:8001/"}) == "http://127.0.0.1:8001"
    for wrong in ("yes", "ftp://x", "https://x/path", "javascript:alert(1)"):
        with pytest.raises(SettingError, match="S="):
            env_live_stream("S", {"S": wrong})
