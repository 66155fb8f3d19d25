"""The waiting phones told when their meeting changes, over one open connection each.

A phone on the voting page otherwise asks `live` every few seconds whether anything changed
(`meetings/live.py`): 6,100 phones are some 2,000 requests a second, each a whole request to a
gunicorn worker, and during a vote they took as much of the app server's CPU as the ballots
themselves (`bench/vote_load.py`). This server keeps one connection open per phone instead
(server-sent events) and writes to it only when the meeting's revision moves: an event
`changed` whose id is the new revision. The phone then fetches its vote fragment through the
usual, permission-checked view, as it does after a poll's "changed".

It is a small asyncio server (aiohttp) beside gunicorn's workers, started by
`kuzbas serve --live-port` (or `kuzbas live`). Its one address is the question's own, with
`/stream` after it, so a load balancer routes `…/live/…/stream` here and the page, told by
`KUZBAS_LIVE_STREAM` that streams are served, opens it (`meetings/static/meetings/live.js`);
where the stream cannot be opened the page asks every few seconds as before.

The token is the question's (signed with the server's secret); the revision a phone showed
comes in the path and, when the browser reconnects, in `Last-Event-ID`. Each meeting with a
phone listening is read from the database once per `live.FRESH_FOR` seconds by one task,
whatever the number of phones; a meeting no phone listens to is not read at all.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from concurrent.futures import ThreadPoolExecutor

from aiohttp import web

from kuzbas.meetings import live

log = logging.getLogger(__name__)

KEEPALIVE_SECONDS = 20.0  # a comment line now and then keeps proxies from closing the stream
RETRY_MS = 3000  # how long a browser waits before reconnecting a dropped stream
HEADERS = {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-store",
    "X-Accel-Buffering": "no",  # nginx: pass each event on at once
    # The events say "changed" and nothing else; a page served from another origin may listen.
    "Access-Control-Allow-Origin": "*",
}


class Meeting:
    """One meeting's revision, read once per `live.FRESH_FOR` while anyone listens."""

    def __init__(self, pk: int, revision: int) -> None:
        self.pk = pk
        self.revision = revision
        self.listeners = 0
        self.moved = asyncio.Condition()
        self.task: asyncio.Task | None = None

    async def follow(self, read) -> None:
        while self.listeners:
            await asyncio.sleep(live.FRESH_FOR)
            try:
                revision = await read(self.pk)
            except Exception:  # the database went away for a moment: ask again next time
                log.warning("live stream: reading meeting %s failed", self.pk, exc_info=True)
                continue
            if revision is not None and revision != self.revision:
                async with self.moved:
                    self.revision = revision
                    self.moved.notify_all()


class Streams:
    """The meetings being listened to in this process."""

    def __init__(self, read=None) -> None:
        self._read = read or _read_revision
        self.meetings: dict[int, Meeting] = {}
        # One thread reads, on one connection: a read is a millisecond, once a second a meeting.
        self.reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kuzbas-live")

    async def read(self, pk: int) -> int | None:
        return await asyncio.get_running_loop().run_in_executor(self.reader, self._read, pk)

    async def revision_of(self, pk: int) -> int | None:
        followed = self.meetings.get(pk)
        if followed is not None:
            return followed.revision
        return await self.read(pk)

    async def close(self, _app: web.Application | None = None) -> None:
        """Close the reader's connection and stop its thread (the server is stopping)."""
        from django.db import connections

        await asyncio.get_running_loop().run_in_executor(self.reader, connections.close_all)
        self.reader.shutdown()

    @contextlib.asynccontextmanager
    async def listening(self, pk: int, revision: int):
        meeting = self.meetings.get(pk)
        if meeting is None:
            meeting = self.meetings[pk] = Meeting(pk, revision)
        meeting.listeners += 1
        if meeting.task is None or meeting.task.done():
            meeting.task = asyncio.create_task(meeting.follow(self.read))
        try:
            yield meeting
        finally:
            meeting.listeners -= 1
            if not meeting.listeners:
                self.meetings.pop(pk, None)


STREAMS = web.AppKey("streams", Streams)


def _read_revision(pk: int) -> int | None:
    """The meeting's revision now (in the reader's thread, on that thread's own connection)."""
    from django.db import close_old_connections

    close_old_connections()
    return live.revision_of(pk, fresh=True)


def _event(revision: int) -> bytes:
    return f"id: {revision}\nevent: changed\ndata: {revision}\n\n".encode()


async def stream(request: web.Request) -> web.StreamResponse:
    """Hold a phone's stream open; send `changed` whenever the meeting's revision moves."""
    streams = request.app[STREAMS]
    pk = int(request.match_info["pk"])
    if not live.valid_token(pk, request.match_info["token"]):
        raise web.HTTPNotFound()
    shown = _shown(request)
    current = await streams.revision_of(pk)
    if current is None:
        raise web.HTTPNotFound()
    response = web.StreamResponse(headers=HEADERS)
    await response.prepare(request)
    await response.write(f"retry: {RETRY_MS}\n\n".encode())
    with contextlib.suppress(ConnectionResetError):  # the phone went away: nothing to say
        await _follow(streams, response, pk, current, shown)
    return response


async def _follow(streams: Streams, response, pk: int, current: int, shown: int) -> None:
    async with streams.listening(pk, current) as meeting:
        while True:
            async with meeting.moved:
                if meeting.revision == shown:
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(meeting.moved.wait(), KEEPALIVE_SECONDS)
            if meeting.revision != shown:
                shown = meeting.revision
                await response.write(_event(shown))
            else:
                await response.write(b": still here\n\n")


def _shown(request: web.Request) -> int:
    """The revision the phone shows: the browser's last event id when it reconnects."""
    last = request.headers.get("Last-Event-ID", "")
    return int(last) if last.isdigit() and len(last) < 19 else int(request.match_info["revision"])


PATH = r"/meetings/{pk:\d{1,18}}/live/{token:[A-Za-z0-9_-]+}/{revision:\d{1,18}}/stream"


def application(streams: Streams | None = None) -> web.Application:
    app = web.Application()
    app[STREAMS] = streams = streams or Streams()
    app.on_cleanup.append(streams.close)
    app.router.add_get(PATH, stream)
    return app


def run(host: str, port: int) -> None:
    """Serve the streams until stopped (SIGINT or SIGTERM)."""
    # A phone that goes away ends its handler at once (not at the next keep-alive line).
    web.run_app(
        application(),
        host=host,
        port=port,
        access_log=None,
        print=None,
        handler_cancellation=True,
    )
