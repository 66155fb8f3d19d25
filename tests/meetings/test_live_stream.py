"""A waiting phone listens on one open connection and is told when its meeting changes."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest
from aiohttp.test_utils import TestClient, TestServer
from django.db import connection

from kuzbas.meetings import live, live_stream
from kuzbas.meetings.services import votes
from tests.meetings.conftest import DAY

# The server reads in threads of its own: they see only what a test has committed.
pytestmark = pytest.mark.usefixtures("register_emptied_afterwards")


@pytest.fixture(autouse=True)
def quick(monkeypatch):
    monkeypatch.setattr(live, "FRESH_FOR", 0.05)


def _path(meeting, revision: int, token: str | None = None) -> str:
    return f"/meetings/{meeting.pk}/live/{token or live.token_for(meeting.pk)}/{revision}/stream"


async def _events(response, count: int, seconds: float = 5.0) -> list[dict]:
    """Read `count` events (blocks of lines) from a stream, comments and `retry` left out."""
    events: list[dict] = []
    block: dict = {}
    async with asyncio.timeout(seconds):
        while len(events) < count:
            line = (await response.content.readline()).decode().rstrip("\n")
            if line == "":
                if block:
                    events.append(block)
                block = {}
            elif not line.startswith((":", "retry:")):
                name, _, value = line.partition(": ")
                block[name] = value
    return events


def _run(coroutine):
    """Run the test's client on an event loop of its own thread: a browser test before it in
    this process leaves Playwright's loop running in the main thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _apart(service, chair, item) -> None:
    """The chair's action, in a thread of its own as from another server; its connection closed."""
    try:
        service(actor=chair, item=item, as_of=DAY)
    finally:
        connection.close()


def _serve(streams=None):
    return TestClient(TestServer(live_stream.application(streams)))


def test_a_phone_showing_an_older_revision_is_told_at_once(assembly):
    meeting = assembly.meeting

    async def listen():
        async with _serve() as client:
            response = await client.get(_path(meeting, meeting.revision - 1))
            return response, await _events(response, 1)

    response, events = _run(listen())

    assert response.status == 200
    assert response.headers["Content-Type"] == "text/event-stream"
    assert response.headers["Cache-Control"] == "no-store"
    assert events == [
        {"id": str(meeting.revision), "event": "changed", "data": str(meeting.revision)}
    ]


def test_a_listening_phone_is_told_when_a_vote_opens_and_again_when_it_closes(assembly, pumps_item):
    meeting = assembly.meeting

    async def listen():
        async with _serve() as client:
            response = await client.get(_path(meeting, meeting.revision))
            await asyncio.sleep(0.2)
            await asyncio.to_thread(_apart, votes.open_item_vote, assembly.chair, pumps_item)
            opened = await _events(response, 1)
            await asyncio.to_thread(_apart, votes.close_item_vote, assembly.chair, pumps_item)
            return opened + await _events(response, 1)

    opened, closed = _run(listen())
    meeting.refresh_from_db()

    assert opened["event"] == closed["event"] == "changed"
    assert int(opened["id"]) < int(closed["id"]) == meeting.revision


def test_a_browser_reconnecting_says_what_it_last_heard_and_hears_nothing_old(assembly):
    meeting = assembly.meeting

    async def listen():
        async with _serve() as client:
            response = await client.get(
                _path(meeting, 0), headers={"Last-Event-ID": str(meeting.revision)}
            )
            with pytest.raises(TimeoutError):
                await _events(response, 1, seconds=0.5)
            return response.status

    assert _run(listen()) == 200


def test_a_stream_needs_the_meetings_token_and_a_meeting(assembly):
    meeting = assembly.meeting

    async def ask():
        async with _serve() as client:
            forged = await client.get(_path(meeting, 0, token="forged-token"))
            missing = await client.get(f"/meetings/999999/live/{live.token_for(999999)}/0/stream")
            return forged.status, missing.status

    assert _run(ask()) == (404, 404)


def test_many_phones_on_one_meeting_cost_one_reader_and_none_once_they_leave(assembly):
    meeting = assembly.meeting
    reads: list[int] = []

    def counted(pk: int):
        reads.append(pk)
        return live_stream._read_revision(pk)

    streams = live_stream.Streams(read=counted)

    async def listen():
        async with _serve(streams) as client:
            phones = [await client.get(_path(meeting, meeting.revision)) for _ in range(20)]
            await asyncio.sleep(0.5)  # some ten reads' worth of time for one reader
            listening = streams.meetings[meeting.pk].listeners
            for phone in phones:
                phone.close()
            await asyncio.sleep(0.3)
            return listening

    listening = _run(listen())

    assert listening == 20
    assert 3 <= len(reads) <= 15, reads  # one reader a FRESH_FOR, not twenty
    assert meeting.pk not in streams.meetings
