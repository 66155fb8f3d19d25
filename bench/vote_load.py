"""Benchmark: a general meeting of N members votes through the HTTP API of the real server.

    .venv/bin/python bench/vote_load.py           # PostgreSQL, 6,100 members, 64 clients
    .venv/bin/python bench/vote_load.py --db sqlite
    .venv/bin/python bench/vote_load.py --members 1000 --runs 1   # a quick check
    .venv/bin/python bench/vote_load.py --servers 2   # two app servers on one database

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

It prints each run, then one table of figure / measured (median of the runs) / target / met?:
ballots per second as a ratio of the floor's inserts in the same run (≥ 0.5), the time until
all N ballots are acknowledged (≤ 8 s), the ballots' p99 latency as a ratio of the floor's in
the same run (≤ 2), and the tally checks; then, without targets, the rates, latencies and the
CPU (servers and database, from /proc) that an insert and a ballot cost: on a machine shared
with others the CPU figures move far less than the clock. OpenSlides 3.3 manages about 22
ballots/s on such a machine. `--servers 2` runs two `kuzbas serve` (and two floors) on their own
ports against the one database, the clients and the polling phones split between them, as a
load balancer would split them; the tally checks are the same. Every phase is bounded by
--limit seconds (the run then reports what was done and extrapolates); the servers and the
cluster are stopped on exit.
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
    parser.add_argument(
        "--servers",
        type=int,
        default=1,
        help="app servers (`kuzbas serve` each, own port) on the one database; clients split",
    )
    parser.add_argument("--runs", type=int, default=3, help="runs whose medians are printed")
    parser.add_argument("--ballot", choices=("secret", "named"), default="secret")
    parser.add_argument(
        "--phones",
        choices=("stream", "poll"),
        default="stream",
        help="how waiting phones learn of a change: a live stream each (`kuzbas serve "
        "--live-port`, as docs/deployment.md deploys it) or asking every --poll-interval",
    )
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
        f"{args.workers} gunicorn workers, {args.ballot} ballot, waiting phones "
        + (
            "listening on a live stream each"
            if args.phones == "stream"
            else f"polling every {args.poll_interval:g} s (≤ {args.poll_conns} in flight)"
        )
        + f"; durability: {durability}"
    )
    t0 = time.monotonic()
    meeting = vc.build_meeting(args.members, args.ballot)
    vc.create_floor_table()
    vc.close_db()
    vc.log(f"setup: {args.members:,} members, accounts and tokens in {time.monotonic() - t0:.1f} s")

    ports = [vc.free_port() for _ in range(args.servers)]
    if args.what_if:
        # The product's app with the suggested change applied from outside (see the file).
        env = {**env, "BENCH_WHATIF": args.what_if}
        servers = [
            vc.floor_server(env, port, args.workers, var, app="whatif_app") for port in ports
        ]
        vc.log(f"WHAT-IF {args.what_if}: serving bench/whatif_app.py, not the product as it is")
    else:
        vc.raise_open_files_limit()
        servers = [
            vc.kuzbas_server(
                env,
                port,
                args.workers,
                var,
                n,
                live_port=vc.free_port() if args.phones == "stream" else None,
            )
            for n, port in enumerate(ports)
        ]
    # The floor runs on as many servers as the product, with the same arguments.
    floors = [vc.floor_server(env, vc.free_port(), args.workers, var) for _ in ports]
    for server in [*servers, *floors]:
        server.start()
    meters = {"kuzbas": vc.CpuMeter(servers, cluster), "floor": vc.CpuMeter(floors, cluster)}

    results = []
    for run in range(1, args.runs + 1):
        live_ports = [getattr(server, "live_port", None) for server in servers]
        result = one_run(
            args, run, meeting, ports, [f.port for f in floors], meters, live_ports=live_ports
        )
        results.append(result)
        if result["cut_short"]:
            vc.log("a phase hit --limit: further runs are not cheap, stopping here")
            break
    summary(args, results)
    vc.log(f"total wall time {time.monotonic() - started:.0f} s")


def one_run(args, run: int, meeting: vc.Meeting, ports, floor_ports, meters, live_ports=()) -> dict:
    members = meeting.members
    meters["floor"].start()
    floor = vc.run(
        vc.cast(
            port=floor_ports,
            members=members,
            path=f"/floor/r{run}-{{key}}",
            choice_of=choice_of,
            concurrency=args.clients,
            limit_seconds=args.limit,
        )
    )
    floor_cpu = meters["floor"].stop() / max(1, len(floor.acked))
    floor_split = "/".join(ms(c / max(1, len(floor.acked)), 2) for c in meters["floor"].split)
    vc.log(
        f"run {run} floor: {len(floor.acked):,} inserts in {floor.seconds:.2f} s = "
        f"{floor.rate:,.0f}/s, p50 {ms(floor.percentile(0.5))} p99 {ms(floor.percentile(0.99))}; "
        f"CPU (servers + database) {ms(floor_cpu, 2)} an insert ({floor_split})"
    )
    result = {"run": run, "floor": floor, "floor_cpu": floor_cpu, "cut_short": floor.cut_short}
    if args.also_without_polls:
        quiet, _, quiet_cpu = vote(args, run, meeting, ports, meters["kuzbas"], polls=False)
        result.update(quiet=quiet, quiet_cpu=quiet_cpu)
        result["cut_short"] |= quiet.cut_short
    voted, check, cpu = vote(
        args, run, meeting, ports, meters["kuzbas"], polls=True, live_ports=live_ports
    )
    result.update(
        vote=voted, check=check, cpu=cpu, cut_short=result["cut_short"] or voted.cut_short
    )
    return result


def vote(args, run: int, meeting: vc.Meeting, ports: list[int], meter, *, polls, live_ports=()):
    """Put a motion to the vote and cast every ballot; `polls`: the waiting phones follow the
    meeting meanwhile, asking or listening (`--phones`)."""
    listening = polls and args.phones == "stream" and all(live_ports)
    label = f"{run}{'' if polls else 'q'}"
    position, number = vc.add_motion_item(
        meeting, f"Benchmark motion, run {run}{'' if polls else ' (no polling)'}"
    )
    vc.close_db()
    port = ports[0]  # the chair's server
    base = f"/api/meetings/{meeting.pk}"
    opened = vc.run(
        vc.call(port, "POST", f"{base}/items/{position}/open-vote", meeting.chair_token, {})
    )
    if opened.status != 200:
        raise SystemExit(f"opening the vote failed: {opened.status} {opened.body[:300]!r}")
    # What a phone holds once the vote is on screen: the URL to ask whether anything changed.
    state = vc.run(vc.call(port, "GET", f"{base}/vote", meeting.chair_token)).json()

    async def cast_and_close():
        phones = None
        if listening:
            phones = vc.Phones(list(live_ports), state["live"] + "/stream", meeting.members)
            await phones.connect()
        meter.start()
        phase = await vc.cast(
            port=ports,
            members=meeting.members,
            path=f"{base}/ballot",
            choice_of=choice_of,
            key_of=lambda member: vc.ballot_key(label, member),
            concurrency=args.clients,
            limit_seconds=args.limit,
            poll_path=state["live"] if polls and not listening else None,
            fetch_path=f"{base}/vote",
            poll_interval=args.poll_interval,
            poll_conns=args.poll_conns if polls and not listening else 0,
        )
        cpu = meter.stop() / max(1, len(phase.acked))
        split = "/".join(ms(c / max(1, len(phase.acked)), 2) for c in meter.split)
        closing = time.perf_counter()
        closed = await vc.call(
            port, "POST", f"{base}/items/{position}/close-vote", meeting.chair_token, {}, 120
        )
        if closed.status != 200:
            raise SystemExit(f"closing the vote failed: {closed.status} {closed.body[:300]!r}")
        if phones is not None:
            told = await phones.all_told(closing, timeout=30)
            phase.phones = {"open": phones.open, "failed": phones.failed, "told": told}
            phase.phones["heard"] = len(phones.heard)
            await phones.hang_up()
        return phase, cpu, split

    phase, cpu, split = vc.run(cast_and_close())
    check = tally_check(args, number, phase)
    label = "vote" if polls else "vote without polls"
    phones = phase.phones
    full = len(meeting.members) / phase.rate if phase.rate else float("inf")
    vc.log(
        f"run {run} {label}: {len(phase.acked):,} ballots acknowledged in {phase.seconds:.2f} s "
        f"= {phase.rate:,.1f}/s; p50 {ms(phase.percentile(0.5))} p95 "
        f"{ms(phase.percentile(0.95))} p99 {ms(phase.percentile(0.99))}; CPU (servers + "
        f"database{', waiting phones included' if polls else ''}) {ms(cpu, 2)} a ballot ({split})"
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
    if phones is not None:
        told = "n/a" if phones["told"] is None else f"{phones['told']:.2f} s"
        vc.log(
            f"    phones listening: {phones['open']:,} streams open ({phones['failed']} failed); "
            f"{phones['heard']:,} told the vote closed, the last {told} after the chair closed it"
        )
    elif polls:
        elapsed = phase.seconds or 1
        vc.log(
            f"    polls: {phase.polls:,} answered ({phase.polls / elapsed:,.0f}/s), offered "
            f"{phase.poll_offered:,} ({phase.poll_offered / elapsed:,.0f}/s), skipped "
            f"{phase.poll_skipped:,} (none free), failed {phase.poll_failures}, "
            f"fetches after a change {phase.fetches}; p50 "
            f"{ms(phase.percentile(0.5, poll=True))} p99 {ms(phase.percentile(0.99, poll=True))}"
        )
    vc.log(f"    tally check: {check['text']}")
    return phase, check, cpu


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


def _phone_rows(args, votes: list) -> list[tuple]:
    """What the waiting phones did: polls answered, or streams held and told of the close."""
    med = vc.median
    if args.phones == "poll":
        rate = med([v.polls / (v.seconds or 1) for v in votes])
        return [("polls answered", f"{rate:,.0f}/s", "", None)]
    told = [v.phones["told"] for v in votes if v.phones]
    every = all(t is not None for t in told) and told
    opened = med([v.phones["open"] for v in votes if v.phones])
    return [
        ("phones listening (streams open)", f"{opened:,.0f}", "", None),
        (
            "every listening phone told the vote closed",
            f"{med(told):.2f} s after" if every else "NOT ALL",
            "",
            None,
        ),
    ]


def ms(seconds: float, digits: int = 0) -> str:
    return f"{seconds * 1000:,.{digits}f} ms" if seconds == seconds else "n/a"


def summary(args, results: list[dict]) -> None:
    """Print one table: each figure, its median over the runs, its target and whether it is met.

    Ratios are taken within each run (the floor measured minutes apart from the ballots on a
    shared machine would compare two different machines), then their median.
    """
    n = args.members
    votes = [r["vote"] for r in results]
    floors = [r["floor"] for r in results]
    med = vc.median
    ratio = med([r["vote"].rate / r["floor"].rate for r in results if r["floor"].rate])
    p99 = {
        "ballot": med([v.percentile(0.99) for v in votes]),
        "floor": med([f.percentile(0.99) for f in floors]),
        "ratio": med(
            [v.percentile(0.99) / f.percentile(0.99) for v, f in zip(votes, floors, strict=True)]
        ),
    }
    # The time until the last ballot was acknowledged; extrapolated from the rate if cut short.
    every = med(
        [v.seconds if not v.cut_short else n / v.rate if v.rate else float("inf") for v in votes]
    )
    measured = all(not v.cut_short for v in votes)
    floor_cpu = med([r["floor_cpu"] for r in results])
    cpu = med([r["cpu"] for r in results])
    tallies = all(r["check"]["ok"] for r in results)
    rows = [
        ("ballots/s ÷ floor inserts/s, same run", f"{ratio:.3f}", "≥ 0.5", ratio >= 0.5),
        (
            f"all {n:,} ballots acknowledged" + ("" if measured else " (extrapolated)"),
            f"{every:,.1f} s",
            "≤ 8 s",
            every <= 8,
        ),
        (
            "ballot p99 ÷ floor p99, same run",
            f"{p99['ratio']:.2f} ({ms(p99['ballot'])} / {ms(p99['floor'])})",
            "≤ 2",
            p99["ratio"] <= 2,
        ),
        (
            "tally = acknowledged ballots, no duplicates",
            "every run" if tallies else "FAILED",
            "every run",
            tallies,
        ),
        ("floor (bare insert)", f"{med([f.rate for f in floors]):,.0f}/s", "", None),
        (
            f"ballots, phones {'listening' if args.phones == 'stream' else 'polling'}",
            f"{med([v.rate for v in votes]):,.1f}/s",
            "",
            None,
        ),
        (
            "ballot p50 / p95",
            f"{ms(med([v.percentile(0.5) for v in votes]))} / "
            f"{ms(med([v.percentile(0.95) for v in votes]))}",
            "",
            None,
        ),
        *_phone_rows(args, votes),
        ("CPU an insert, floor (servers + database)", ms(floor_cpu, 2), "", None),
        ("CPU a ballot, waiting phones included (servers + database)", ms(cpu, 2), "", None),
        ("CPU: floor insert ÷ ballot", f"{floor_cpu / cpu:.3f}" if cpu else "n/a", "", None),
    ]
    if any("quiet" in r for r in results):
        quiet = [r for r in results if "quiet" in r]
        rows.append(
            (
                "ballots/s ÷ floor, no polling",
                f"{med([r['quiet'].rate / r['floor'].rate for r in quiet]):.3f}",
                "",
                None,
            )
        )
        rows.append(
            ("CPU a ballot, no polling", ms(med([r["quiet_cpu"] for r in quiet]), 2), "", None)
        )
    vc.log("")
    vc.log(
        f"== {args.db}, {n:,} members, {args.clients} clients, {args.servers} server(s) × "
        f"{args.workers} workers, {args.ballot} ballot; medians of {len(results)} run(s) =="
    )
    table = [("figure", "measured", "target", "met?")] + [
        (f, m, t, "" if ok is None else "yes" if ok else "NO") for f, m, t, ok in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    for i, row in enumerate(table):
        vc.log("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if i == 0:
            vc.log("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    vc.log(f"(OpenSlides 3.3 at ~22 ballots/s would take {n / 22:,.0f} s for {n:,})")


if __name__ == "__main__":
    main()
