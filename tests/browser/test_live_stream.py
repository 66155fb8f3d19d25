"""Where live streams are served, a phone on the voting page listens instead of asking, and
the vote appears on it by itself when the chair opens it."""

from __future__ import annotations

import asyncio
import re
import socket
import threading

import pytest
from aiohttp import web
from playwright.sync_api import expect

from kuzbas.meetings import live_stream
from tests.browser.test_meeting_vote import _log_in, _phone, practice_meeting  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)
QUESTION = re.compile(r"/meetings/\d+/live/[^/]+/\d+$")  # what a polling page asks


@pytest.fixture
def live_streams(settings):
    """`kuzbas live` in a thread of this process, on the test database; the pages told of it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(live_stream.application())
    started = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", port).start())
        started.set()
        loop.run_forever()
        loop.run_until_complete(runner.cleanup())
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert started.wait(10)
    origin = f"http://127.0.0.1:{port}"
    settings.KUZBAS_LIVE_STREAM = origin
    policy = settings.CONTENT_SECURITY_POLICY
    directives = {
        **policy["DIRECTIVES"],
        "connect-src": [*policy["DIRECTIVES"]["connect-src"], origin],
    }
    settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}
    yield origin
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def test_a_listening_phone_shows_the_vote_when_the_chair_opens_it_without_asking(
    page,
    browser,
    live_server,
    practice_meeting,  # noqa: F811 - the fixture imported above
    live_streams,
):
    meeting = practice_meeting
    url = live_server.url
    _log_in(page, url, "rutgers")
    page.goto(f"{url}/meetings/{meeting.pk}/")
    code = page.get_by_test_id("checkin-code").inner_text()
    context, phone, errors = _phone(browser, url, "pearson")
    asked: list[str] = []
    phone.on("request", lambda request: asked.append(request.url))
    phone.goto(f"{url}/meetings/{meeting.pk}/")
    phone.get_by_label("Check-in code").fill(code)
    phone.get_by_role("button", name="Check in").click()
    expect(phone.get_by_test_id("no-vote")).to_be_visible()
    expect(phone.locator("[data-live-stream]")).to_have_attribute(
        "data-live-stream", re.compile(f"^{re.escape(live_streams)}/meetings/")
    )
    phone.wait_for_timeout(4_000)  # longer than a polling page's interval

    page.get_by_role("button", name="Open the vote").click()

    expect(phone.get_by_test_id("vote-open")).to_be_visible(timeout=10_000)
    streams = [a for a in asked if a.startswith(live_streams) and a.endswith("/stream")]
    assert len(streams) == 1  # one stream for the page's life, not one per change
    assert not [a for a in asked if QUESTION.search(a)]  # and no question asked
    assert errors == []
    context.close()
