"""Crash test: kill the server, then stop PostgreSQL, mid-vote; no ballot lost or doubled.

    .venv/bin/python bench/vote_crash.py                    # 6,100 members, 64 clients
    .venv/bin/python bench/vote_crash.py --members 1000     # a quick check

On a throwaway PostgreSQL cluster restarted with fsync and synchronous commit on (so that an
acknowledged commit is a durable one; `--throwaway-durability` keeps the script's fsync=off,
synchronous_commit=off to show what that costs), it sets up a meeting as bench/vote_load.py
does and runs two votes through the API of the real server (`kuzbas serve`, gunicorn):

1. server crash: at a quarter, half and three quarters of the ballots, kill -9 the gunicorn
   master and every worker, by their ids, and start the server again;
2. database crash: at a third and two thirds, `pg_ctl stop -m immediate`, wait, start again.

Clients retry a failed attempt (connection refused or reset, timeout, 5xx) with the same
request, idempotency key included, until it is answered. After each vote the chair closes it
through the API and the script asserts that every acknowledged ballot (201, or 200 for a retry
of a ballot already committed, with its receipt) is in the ballot box, that no member is
counted twice, and that the box holds exactly the acknowledged ballots; then that one request
sent twice gets the same ballot and receipt back. Exit status 1 if an assertion fails.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import vote_common as vc
from vote_load import CHOICES, choice_of


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", "-n", type=int, default=6100)
    parser.add_argument("--clients", "-c", type=int, default=64)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--ballot", choices=("secret", "named"), default="secret")
    parser.add_argument("--outage", type=float, default=2.0, help="seconds each thing stays down")
    parser.add_argument("--retry-for", type=float, default=120.0, help="seconds a client retries")
    parser.add_argument("--limit", type=float, default=600.0, help="seconds per vote at most")
    parser.add_argument("--throwaway-durability", action="store_true")
    return parser.parse_args(argv)


def main() -> int:
    args = parse_args()
    var = Path(tempfile.mkdtemp(prefix="kuzbas-crash-var-"))
    vc.on_exit(lambda: shutil.rmtree(var, ignore_errors=True))
    url, cluster = vc.database("postgresql")
    assert cluster is not None
    if not args.throwaway_durability:
        cluster.make_durable()
    env = vc.environment(url, var)
    vc.setup_django(env)
    vc.log(
        f"vote_crash: {args.members:,} members, {args.clients} clients, {args.workers} workers, "
        f"{args.ballot} ballot; PostgreSQL "
        + (
            "fsync off, synchronous_commit off"
            if args.throwaway_durability
            else "fsync on, synchronous_commit on"
        )
    )
    meeting = vc.build_meeting(args.members, args.ballot)
    vc.close_db()
    server = vc.kuzbas_server(env, vc.free_port(), args.workers, var)
    server.start()

    async def kill_server(phase: vc.Phase) -> None:
        for fraction in (0.25, 0.5, 0.75):
            if not await reached(phase, fraction, args.members):
                return
            victims = server.kill9()
            vc.log(
                f"  kill -9 at {len(phase.acked):,} acknowledged: master {victims[0]}, workers "
                f"{victims[1:]}"
            )
            await asyncio.sleep(args.outage)
            t0 = time.monotonic()
            await asyncio.to_thread(server.start)
            vc.log(f"  server restarted in {time.monotonic() - t0:.1f} s")

    async def crash_database(phase: vc.Phase) -> None:
        for fraction in (1 / 3, 2 / 3):
            if not await reached(phase, fraction, args.members):
                return
            await asyncio.to_thread(cluster.stop, "immediate")
            vc.log(f"  pg_ctl stop -m immediate at {len(phase.acked):,} acknowledged")
            await asyncio.sleep(args.outage)
            t0 = time.monotonic()
            await asyncio.to_thread(cluster.start)
            vc.log(f"  PostgreSQL restarted (crash recovery) in {time.monotonic() - t0:.1f} s")

    ok = True
    for name, chaos in (
        ("server kill -9", kill_server),
        ("PostgreSQL -m immediate", crash_database),
    ):
        vc.log(f"\n== {name} ==")
        ok &= crash_vote(args, meeting, server.port, name, chaos)
    vc.log("\nRESULT: " + ("no acknowledged ballot lost, none counted twice" if ok else "FAILED"))
    return 0 if ok else 1


async def reached(phase: vc.Phase, fraction: float, total: int) -> bool:
    """Wait until the fraction of ballots is acknowledged; False if the vote ended first."""
    while not phase.finished:
        if len(phase.acked) >= fraction * total:
            return True
        await asyncio.sleep(0.02)
    return False


def crash_vote(args, meeting: vc.Meeting, port: int, name: str, chaos) -> bool:
    position, number = vc.add_motion_item(meeting, f"Crash test: {name}")
    vc.close_db()
    base = f"/api/meetings/{meeting.pk}"
    opened = vc.run(
        vc.call(port, "POST", f"{base}/items/{position}/open-vote", meeting.chair_token, {})
    )
    if opened.status != 200:
        raise SystemExit(f"opening the vote failed: {opened.status} {opened.body[:300]!r}")
    phase = vc.run(
        vc.cast(
            port=port,
            members=meeting.members,
            path=f"{base}/ballot",
            choice_of=choice_of,
            key_of=lambda member: vc.ballot_key(f"crash-{position}", member),
            concurrency=args.clients,
            limit_seconds=args.limit,
            retry_for=args.retry_for,
            chaos=chaos,
        )
    )
    closed = vc.run(
        vc.call(
            port,
            "POST",
            f"{base}/items/{position}/close-vote",
            meeting.chair_token,
            {},
            timeout=120,
        )
    )
    if closed.status != 200:
        raise SystemExit(f"closing the vote failed: {closed.status} {closed.body[:300]!r}")
    return report(args, number, phase) & resend(args, meeting, port, phase)


def resend(args, meeting: vc.Meeting, port: int, phase: vc.Phase) -> bool:
    """Send an acknowledged ballot's request again, as a client whose reply was lost would."""
    key = next(iter(phase.acked))
    position, _number = vc.add_motion_item(meeting, "Crash test: the same request twice")
    vc.close_db()
    base = f"/api/meetings/{meeting.pk}"
    vc.run(vc.call(port, "POST", f"{base}/items/{position}/open-vote", meeting.chair_token, {}))
    token = dict(meeting.members)[key]
    body = {"choice": choice_of(key), "key": vc.ballot_key("resend", key)}
    first = vc.run(vc.call(port, "POST", f"{base}/ballot", token, body))
    again = vc.run(vc.call(port, "POST", f"{base}/ballot", token, body))
    vc.run(vc.call(port, "POST", f"{base}/items/{position}/close-vote", meeting.chair_token, {}))
    vc.log(
        f"  the same ballot request twice (a lost reply, retried): first {first.status} "
        f"{first.body[:80].decode()}, again {again.status} {again.body[:160].decode()}"
    )
    same = (first.status, again.status) == (201, 200) and again.json() == first.json()
    vc.log(
        "  -> the retry gets the original ballot and receipt back (idempotent)"
        if same
        else "  -> FAILED: the retry is not answered with the original ballot"
    )
    return same


def report(args, number: int, phase: vc.Phase) -> bool:
    from kuzbas.governance.models import Ballot, Decision, Motion, Participation, SecretBallot

    motion = Motion.objects.get(number=number)
    decision = {"counts": Decision.objects.get(motion=motion).counts}
    if args.ballot == "secret":
        box = list(SecretBallot.objects.filter(motion=motion).values_list("receipt", "choice"))
        voters = list(
            Participation.objects.filter(motion=motion).values_list("voter__key", flat=True)
        )
    else:
        rows = list(Ballot.objects.filter(motion=motion).values_list("voter__key", "choice"))
        box = rows
        voters = [key for key, _choice in rows]
    vc.close_db()
    acked = phase.acked
    counted = {c: Fraction(decision["counts"][c]) for c in CHOICES}
    lost = (
        {k for k, r in acked.items() if r not in {receipt for receipt, _ in box}}
        if args.ballot == "secret"
        else set(acked) - set(voters)
    )
    twice = len(voters) - len(set(voters))
    unexplained = set(voters) - set(acked) - set(phase.conflicts_retry)
    checks = {
        "every acknowledged ballot is in the box": not lost,
        "no member counted twice": twice == 0 and len(box) == len(voters),
        "box = acknowledged (a retry of a committed ballot gets its receipt)": (
            len(box) == len(acked) and not unexplained and not phase.conflicts_retry
        ),
        "the decision counts the box": sum(counted.values()) == len(box),
    }
    vc.log(
        f"  {len(acked):,} acknowledged (201, or 200 on a retry) in {phase.seconds:.1f} s; "
        f"failed attempts {dict(phase.failures)}; unanswered after {args.retry_for:g} s: "
        f"{len(phase.unanswered)}"
    )
    vc.log(
        f"  retried ballots answered with their ballot: {len(phase.retried_acked)} (201 if the "
        f"failed attempt had not been committed, 200 with the original receipt if it had); "
        f"answered 409 'already voted': {len(phase.conflicts_retry)}"
    )
    if phase.refused or phase.conflicts_first:
        vc.log(f"  other answers: {dict(phase.refused)}; 409 on first try {phase.conflicts_first}")
    vc.log(
        f"  ballot box {len(box):,}, participations {len(voters):,}, decision counts "
        f"{ {c: str(v) for c, v in counted.items()} }"
    )
    for text, passed in checks.items():
        vc.log(f"  [{'ok' if passed else 'FAIL'}] {text}")
    if lost:
        vc.log(f"  LOST acknowledged ballots: {sorted(lost)[:20]}")
    if unexplained:
        vc.log(f"  counted but never acknowledged: {sorted(unexplained)[:20]}")
    return all(checks.values())


if __name__ == "__main__":
    raise SystemExit(main())
