"""Benchmark: a general meeting of N members votes through the HTTP API of the real server.

    .venv/bin/python bench/vote_load.py           # PostgreSQL, 6,100 members, 64 clients
    .venv/bin/python bench/vote_load.py --db sqlite
    .venv/bin/python bench/vote_load.py --members 1000 --runs 1   # a quick check

It starts a throwaway PostgreSQL cluster (scripts/pg-throwaway.sh; or a temporary SQLite file),
migrates, loads a one-body statute whose general meeting's electorate is every member in good
standing (secret ballot by default, `--ballot named`), creates the members, their accounts and
their API tokens in bulk, opens a meeting of that body with every member checked in, and serves
the product with its production command (`kuzbas serve`, gunicorn) beside the floor app
(bench/floor_app.py: one INSERT per request) on the same gunicorn settings and database. Each
run then:

1. the floor: the same client posts N bare inserts with C concurrent connections;
2. the vote: a motion is put on the agenda, the chair opens its vote through the API, C clients
   cast every member's ballot on the vote on screen (`POST /api/meetings/{pk}/ballot`, bearer
   token, an idempotency key per ballot), while every member whose ballot is not on its way
   does what the waiting voting page does: asks the meeting's live URL whether anything
   changed, every --poll-interval seconds (at most --poll-conns questions in flight; the rest
   are skipped and counted; a "changed" answer makes it fetch the vote state); the chair closes
   the vote through the API, and the tally is checked against the acknowledged ballots (totals
   per choice, receipts, no duplicates).

It prints ballots per second, the ratio to the floor, p50/p95/p99 latency and the time for all
N ballots, per run and as medians. Targets (reported, not asserted): ratio ≥ 0.5, 6,100 ballots
in < 8 s, p99 < 100 ms; OpenSlides 3.3 manages about 22 ballots/s on such a machine. Every phase
is bounded by --limit seconds (the run then reports what was done and extrapolates); the servers
and the cluster are stopped on exit.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import vote_common as vc

CHOICES = ("yes", "no", "abstain")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--members", "-n", type=int, default=6100)
    parser.add_argument("--clients", "-c", type=int, default=64)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (2 cores)")
    parser.add_argument("--runs", type=int, default=3, help="runs whose medians are printed")
    parser.add_argument("--ballot", choices=("secret", "named"), default="secret")
    parser.add_argument(
        "--poll-interval", type=float, default=3.0, help="seconds (the page's: live.POLL_SECONDS)"
    )
    parser.add_argument("--poll-conns", type=int, default=64, help="polls in flight at most")
    parser.add_argument(
        "--also-without-polls",
        action="store_true",
        help="also time a vote with no polling, to separate the ballot path from the polls",
    )
    parser.add_argument(
        "--what-if",
        nargs="?",
        const="roll",
        choices=("roll", "roll+share"),
        help="serve bench/whatif_app.py (electorate computed once a vote), not kuzbas serve",
    )
    parser.add_argument("--limit", type=float, default=120.0, help="seconds per phase at most")
    parser.add_argument(
        "--durable", action="store_true", help="PostgreSQL with fsync and synchronous commit on"
    )
    return parser.parse_args(argv)


def choice_of(key: str) -> str:
    return CHOICES[hashlib.sha256(key.encode()).digest()[0] % 3]


def main() -> None:
    args = parse_args()
    started = time.monotonic()
    var = Path(tempfile.mkdtemp(prefix="kuzbas-vote-var-"))
    vc.on_exit(lambda: __import__("shutil").rmtree(var, ignore_errors=True))
    url, cluster = vc.database(args.db)
    if cluster is not None and args.durable:
        cluster.make_durable()
    env = vc.environment(url, var)
    vc.setup_django(env)
    durability = (
        "n/a"
        if cluster is None
        else "fsync+synchronous_commit on"
        if args.durable
        else "throwaway (fsync off, synchronous_commit off)"
    )
    vc.log(
        f"vote_load: {args.db}, {args.members:,} members, {args.clients} clients, "
        f"{args.workers} gunicorn workers, {args.ballot} ballot, polls every "
        f"{args.poll_interval:g} s (≤ {args.poll_conns} in flight); durability: {durability}"
    )
    t0 = time.monotonic()
    meeting = vc.build_meeting(args.members, args.ballot)
    vc.create_floor_table()
    vc.close_db()
    vc.log(f"setup: {args.members:,} members, accounts and tokens in {time.monotonic() - t0:.1f} s")

    if args.what_if:
        # The product's app with the suggested change applied from outside (see the file).
        env = {**env, "BENCH_WHATIF": args.what_if}
        kuzbas = vc.floor_server(env, vc.free_port(), args.workers, var, app="whatif_app")
        vc.log(f"WHAT-IF {args.what_if}: serving bench/whatif_app.py, not the product as it is")
    else:
        kuzbas = vc.kuzbas_server(env, vc.free_port(), args.workers, var)
    floor = vc.floor_server(env, vc.free_port(), args.workers, var)
    kuzbas.start()
    floor.start()

    results = []
    for run in range(1, args.runs + 1):
        result = one_run(args, run, meeting, kuzbas.port, floor.port)
        results.append(result)
        if result["cut_short"]:
            vc.log("a phase hit --limit: further runs are not cheap, stopping here")
            break
    summary(args, results)
    vc.log(f"total wall time {time.monotonic() - started:.0f} s")


def one_run(args, run: int, meeting: vc.Meeting, port: int, floor_port: int) -> dict:
    members = meeting.members
    floor = vc.run(
        vc.cast(
            port=floor_port,
            members=members,
            path=f"/floor/r{run}-{{key}}",
            choice_of=choice_of,
            concurrency=args.clients,
            limit_seconds=args.limit,
        )
    )
    vc.log(
        f"run {run} floor: {len(floor.acked):,} inserts in {floor.seconds:.2f} s = "
        f"{floor.rate:,.0f}/s, p50 {ms(floor.percentile(0.5))} p99 {ms(floor.percentile(0.99))}"
    )
    result = {"run": run, "floor": floor.rate, "cut_short": floor.cut_short}
    if args.also_without_polls:
        quiet, _ = vote(args, run, meeting, port, polls=False)
        result["quiet"] = quiet
        result["cut_short"] |= quiet.cut_short
    voted, check = vote(args, run, meeting, port, polls=True)
    result.update(vote=voted, check=check, cut_short=result["cut_short"] or voted.cut_short)
    return result


def vote(args, run: int, meeting: vc.Meeting, port: int, *, polls: bool):
    label = f"{run}{'' if polls else 'q'}"
    position, number = vc.add_motion_item(
        meeting, f"Benchmark motion, run {run}{'' if polls else ' (no polling)'}"
    )
    vc.close_db()
    base = f"/api/meetings/{meeting.pk}"
    opened = vc.run(
        vc.call(port, "POST", f"{base}/items/{position}/open-vote", meeting.chair_token, {})
    )
    if opened.status != 200:
        raise SystemExit(f"opening the vote failed: {opened.status} {opened.body[:300]!r}")
    # What a phone holds once the vote is on screen: the URL to ask whether anything changed.
    state = vc.run(vc.call(port, "GET", f"{base}/vote", meeting.chair_token)).json()
    phase = vc.run(
        vc.cast(
            port=port,
            members=meeting.members,
            path=f"{base}/ballot",
            choice_of=choice_of,
            key_of=lambda member: vc.ballot_key(label, member),
            concurrency=args.clients,
            limit_seconds=args.limit,
            poll_path=state["live"] if polls else None,
            fetch_path=f"{base}/vote",
            poll_interval=args.poll_interval,
            poll_conns=args.poll_conns if polls else 0,
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
    check = tally_check(args, number, phase)
    label = "vote" if polls else "vote without polls"
    full = len(meeting.members) / phase.rate if phase.rate else float("inf")
    vc.log(
        f"run {run} {label}: {len(phase.acked):,} ballots acknowledged in {phase.seconds:.2f} s "
        f"= {phase.rate:,.1f}/s; p50 {ms(phase.percentile(0.5))} p95 "
        f"{ms(phase.percentile(0.95))} p99 {ms(phase.percentile(0.99))}"
        + (
            f"; cut at --limit, all {len(meeting.members):,} would take ≈ {full:,.0f} s"
            if phase.cut_short
            else ""
        )
    )
    if phase.failures or phase.refused or phase.conflicts_first or phase.unanswered:
        vc.log(
            f"    failed attempts {dict(phase.failures)}, refused {dict(phase.refused)}, "
            f"409 first try {phase.conflicts_first}, unanswered {len(phase.unanswered)}"
        )
    if polls:
        elapsed = phase.seconds or 1
        vc.log(
            f"    polls: {phase.polls:,} answered ({phase.polls / elapsed:,.0f}/s), offered "
            f"{phase.poll_offered:,} ({phase.poll_offered / elapsed:,.0f}/s), skipped "
            f"{phase.poll_skipped:,} (none free), failed {phase.poll_failures}, "
            f"fetches after a change {phase.fetches}; p50 "
            f"{ms(phase.percentile(0.5, poll=True))} p99 {ms(phase.percentile(0.99, poll=True))}"
        )
    vc.log(f"    tally check: {check['text']}")
    return phase, check


def tally_check(args, number: int, phase: vc.Phase) -> dict:
    """Compare the decision's counts and the stored ballots with what the clients were told."""
    from kuzbas.governance.models import Ballot, Decision, Motion, Participation, SecretBallot

    decision = {"counts": Decision.objects.get(motion__number=number).counts}
    acked = phase.acked
    expected = {c: 0 for c in CHOICES}
    for key in acked:
        expected[choice_of(key)] += 1
    counts = {c: Fraction(decision["counts"][c]) for c in CHOICES}
    problems = []
    if counts != expected:
        problems.append(f"decision counts {counts} ≠ acknowledged {expected}")
    motion = Motion.objects.get(number=number)
    if args.ballot == "secret":
        receipts = list(
            SecretBallot.objects.filter(motion=motion).values_list("receipt", flat=True)
        )
        voters = list(
            Participation.objects.filter(motion=motion).values_list("voter__key", flat=True)
        )
        if len(set(receipts)) != len(receipts):
            problems.append("duplicate receipts")
        if set(receipts) != {r for r in acked.values()}:
            problems.append(
                f"{len({r for r in acked.values()} - set(receipts))} acknowledged receipts missing,"
                f" {len(set(receipts) - set(acked.values()))} unacknowledged in the box"
            )
    else:
        voters = list(Ballot.objects.filter(motion=motion).values_list("voter__key", flat=True))
    if len(set(voters)) != len(voters):
        problems.append("a member counted twice")
    if set(voters) != set(acked):
        problems.append(
            f"{len(set(acked) - set(voters))} acknowledged voters missing, "
            f"{len(set(voters) - set(acked))} unacknowledged voters counted"
        )
    vc.close_db()
    total = sum(counts.values())
    text = (
        f"tally {total} = {len(acked)} acknowledged, no duplicates: OK"
        if not problems
        else "FAILED: " + "; ".join(problems)
    )
    return {"ok": not problems, "text": text}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds == seconds else "n/a"


def summary(args, results: list[dict]) -> None:
    n = args.members
    floors = [r["floor"] for r in results]
    votes = [r["vote"] for r in results]
    rates = [v.rate for v in votes]
    floor = vc.median(floors)
    rate = vc.median(rates)
    p = {q: vc.median([v.percentile(q) for v in votes]) for q in (0.5, 0.95, 0.99)}
    full = vc.median([n / v.rate if v.rate else float("inf") for v in votes])
    measured = all(not v.cut_short for v in votes)
    vc.log("")
    vc.log(f"== summary ({args.db}, {len(results)} run(s), medians) ==")
    vc.log(f"floor (bare insert): {floor:,.0f} requests/s")
    vc.log(f"ballots: {rate:,.1f}/s with polling; ratio to floor {rate / floor:.3f} (target ≥ 0.5)")
    if any("quiet" in r for r in results):
        quiet = [r["quiet"] for r in results if "quiet" in r]
        qrate = vc.median([q.rate for q in quiet])
        vc.log(
            f"ballots without polling: {qrate:,.1f}/s; ratio to floor {qrate / floor:.3f}; p99 "
            f"{ms(vc.median([q.percentile(0.99) for q in quiet]))}"
        )
    vc.log(f"latency: p50 {ms(p[0.5])}, p95 {ms(p[0.95])}, p99 {ms(p[0.99])} (target p99 < 100 ms)")
    vc.log(
        f"all {n:,} ballots: {full:,.1f} s{'' if measured else ' (extrapolated)'} "
        f"(target < 8 s; OpenSlides 3.3 at ~22/s would take {n / 22:,.0f} s)"
    )
    vc.log("tally checks: " + ", ".join("OK" if r["check"]["ok"] else "FAILED" for r in results))


if __name__ == "__main__":
    main()
