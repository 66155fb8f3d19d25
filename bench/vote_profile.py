"""Profile one ballot and one waiting phone's poll in-process: where the application's CPU goes.

    .venv/bin/python bench/vote_profile.py                 # PostgreSQL, 2,000 ballots
    .venv/bin/python bench/vote_profile.py --db sqlite --ballots 500
    .venv/bin/python bench/vote_profile.py --top 30 --sort tottime

It builds the vote bench's meeting (bench/vote_common.py: the statute, the members with their
tokens, every one checked in), opens a vote, and calls the WSGI application gunicorn serves
(`kuzbas.web.wsgi.application`) directly, without a socket: first every ballot as a phone
sends it (`POST /api/meetings/{pk}/ballot`, bearer token, a key), then as many polls of the
meeting's live URL. It prints the CPU each request costs this process (`time.process_time`,
so the database's own work is not in it, the driver's is) beside a bare INSERT through the
same connection (what bench/floor_app.py does per request), then cProfile's heaviest functions
for each. What a real server adds per request (gunicorn's accept, parse and access log) is the
same for the floor, the ballot and the poll, and is not here.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import sys
import tempfile
import time
from pathlib import Path

import vote_common as vc


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--ballots", type=int, default=2000, help="ballots (and polls) timed")
    parser.add_argument("--ballot", choices=("secret", "named"), default="secret")
    parser.add_argument("--top", type=int, default=25, help="functions shown per profile")
    parser.add_argument("--sort", default="cumulative", help="pstats sort key")
    parser.add_argument("--dump", help="also write each profile here (PATH.ballot, PATH.poll)")
    return parser.parse_args(argv)


def environ_for(method: str, path: str, token: str | None = None, body: dict | None = None):
    raw = json.dumps(body).encode() if body is not None else b""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.0",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(raw),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if body is not None:
        environ["CONTENT_TYPE"] = "application/json"
        environ["CONTENT_LENGTH"] = str(len(raw))
    if token:
        environ["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return environ


def serve(application, environ) -> tuple[int, bytes]:
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split()[0])

    chunks = application(environ, start_response)
    try:
        body = b"".join(chunks)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()
    return answer["status"], body


def timed(label: str, requests, application, *, top: int, sort: str, expect, dump=None) -> float:
    """Serve the requests twice over: unprofiled for the CPU a request, then under cProfile."""
    half = len(requests) // 2
    start = time.process_time()
    for environ in requests[:half]:
        status, body = serve(application, environ)
        if status not in expect:
            raise SystemExit(f"{label}: {status} {body[:300]!r}")
    cpu = (time.process_time() - start) / max(1, half)
    profile = cProfile.Profile(time.process_time)  # CPU, not the wait for the database
    profile.enable()
    for environ in requests[half:]:
        serve(application, environ)
    profile.disable()
    if dump:
        profile.dump_stats(f"{dump}.{label}")
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats(sort).print_stats(top)
    vc.log(f"\n== {label}: {cpu * 1e6:,.0f} µs of this process's CPU a request ==")
    vc.log("\n".join(out.getvalue().splitlines()[: top + 12]))
    return cpu


def main() -> None:
    args = parse_args()
    var = Path(tempfile.mkdtemp(prefix="kuzbas-profile-var-"))
    vc.on_exit(lambda: __import__("shutil").rmtree(var, ignore_errors=True))
    url, _cluster = vc.database(args.db)
    env = vc.environment(url, var)
    env["KUZBAS_TODAY"] = vc.TODAY.isoformat()
    vc.setup_django(env)
    n = args.ballots * 2
    meeting = vc.build_meeting(n, args.ballot)
    vc.create_floor_table()
    position, _number = vc.add_motion_item(meeting, "Profiled motion")

    from django.db import connection

    from kuzbas.web.wsgi import application

    base = f"/api/meetings/{meeting.pk}"
    opened = serve(
        application,
        environ_for("POST", f"{base}/items/{position}/open-vote", meeting.chair_token, {}),
    )
    if opened[0] != 200:
        raise SystemExit(f"opening the vote failed: {opened}")
    state = serve(application, environ_for("GET", f"{base}/vote", meeting.chair_token))
    live = json.loads(state[1])
    ballots = [
        environ_for(
            "POST",
            f"{base}/ballot",
            token,
            {"choice": "yes", "key": vc.ballot_key("profile", key)},
        )
        for key, token in meeting.members
    ]
    polls = [environ_for("GET", live["live"]) for _ in range(n)]

    start = time.process_time()
    with connection.cursor() as cursor:
        for i in range(args.ballots):
            cursor.execute(
                "INSERT INTO bench_floor (member, choice) VALUES (%s, %s)", [f"p{i}", "yes"]
            )
    floor = (time.process_time() - start) / args.ballots

    ballot = timed(
        "ballot",
        ballots,
        application,
        top=args.top,
        sort=args.sort,
        expect=(200, 201),
        dump=args.dump,
    )
    poll = timed(
        "poll", polls, application, top=args.top, sort=args.sort, expect=(204,), dump=args.dump
    )
    vc.log(
        f"\n{args.db}, {args.ballot} ballot: CPU in this process a request: ballot "
        f"{ballot * 1e6:,.0f} µs, poll {poll * 1e6:,.0f} µs, bare INSERT {floor * 1e6:,.0f} µs"
    )


if __name__ == "__main__":
    main()
