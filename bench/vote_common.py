"""What the vote benchmark and the vote crash test share: the database, the servers, the meeting
and a small asyncio HTTP client.

Not a test and not part of the product: it is imported by bench/vote_load.py and
bench/vote_crash.py only. Every process it starts is remembered by its id and ended on exit.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import datetime as dt
import glob
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PYTHON = sys.executable
KUZBAS = str(Path(PYTHON).with_name("kuzbas"))
TODAY = dt.date(1930, 3, 1)
ADMITTED = dt.date(1930, 1, 1)
MATTER = "resolution"
BODY = "meeting"

# The smallest statute with a general meeting whose electorate is every member in good standing.
STATUTE = """\
[statute]
id = "bench"
title = "Statute of the benchmark cooperative"
version = "1"
effective = 1930-01-01

[[body]]
id = "meeting"
name = "General meeting"
kind = "general_meeting"
procedure = "meeting_vote"

[[procedure]]
id = "meeting_vote"
quorum = {{ more_than = "1/2", of = "members" }}
majority = "simple"
ballot = "{ballot}"

[[matter]]
id = "resolution"
name = "Resolution of the general meeting"
competent = "meeting"
"""


def log(*parts: object) -> None:
    print(*parts, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- Cleanup: everything started here is ended by its id ---------------------------------------

_cleanups: list = []


def on_exit(function) -> None:
    """Run `function` at exit (last registered, first run), even after SIGTERM or Ctrl-C."""
    _cleanups.append(function)


def _run_cleanups() -> None:
    while _cleanups:
        function = _cleanups.pop()
        try:
            function()
        except Exception as error:
            print(f"cleanup: {error}", file=sys.stderr)


def _on_signal(signum, _frame) -> None:
    raise SystemExit(128 + signum)


atexit.register(_run_cleanups)
signal.signal(signal.SIGTERM, _on_signal)
signal.signal(signal.SIGHUP, _on_signal)


# --- PostgreSQL --------------------------------------------------------------------------------


class Cluster:
    """A throwaway PostgreSQL cluster from scripts/pg-throwaway.sh, which we may stop and start."""

    def __init__(self) -> None:
        started = subprocess.run(
            [str(ROOT / "scripts" / "pg-throwaway.sh"), "start"],
            capture_output=True,
            text=True,
            check=True,
        )
        values = dict(line.split("=", 1) for line in started.stdout.split() if "=" in line)
        self.dir = Path(values["PG_THROWAWAY_DIR"])
        self.url = values["DATABASE_URL"]
        self.port = int((self.dir / "port").read_text().strip())
        on_exit(self.delete)
        newest = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_version_key)
        self.pg_ctl = newest[-1] if newest else shutil.which("pg_ctl") or "pg_ctl"
        self.durable = False

    def _as_owner(self, argv: list[str]) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv

    def _options(self) -> str:
        base = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.dir} -c max_connections=100"
        )
        if self.durable:
            return base + " -c fsync=on -c synchronous_commit=on -c full_page_writes=on"
        return base + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"

    def ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        argv = [self.pg_ctl, f"--pgdata={self.dir / 'data'}", *args]
        return subprocess.run(
            self._as_owner(argv), cwd="/", capture_output=True, text=True, check=check
        )

    def stop(self, mode: str = "fast") -> None:
        self.ctl(f"--mode={mode}", "--wait", "stop")

    def start(self) -> None:
        self.ctl(
            f"--log={self.dir / 'server.log'}",
            "--wait",
            "--timeout=60",
            "start",
            f"--options={self._options()}",
        )

    def make_durable(self) -> None:
        """Restart with fsync and synchronous commit on: an acknowledged commit is on disk."""
        self.stop()
        self.durable = True
        self.start()

    def delete(self) -> None:
        subprocess.run(
            [str(ROOT / "scripts" / "pg-throwaway.sh"), "stop", str(self.dir)],
            capture_output=True,
            check=False,
        )


def _version_key(path: str) -> tuple:
    part = Path(path).parent.parent.name
    return tuple(int(p) if p.isdigit() else 0 for p in part.split("."))


def database(kind: str) -> tuple[str, Cluster | None]:
    """Return a DATABASE_URL for a fresh database of the kind, and its cluster if PostgreSQL."""
    if kind == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="kuzbas-vote-"))
        on_exit(lambda: shutil.rmtree(folder, ignore_errors=True))
        return f"sqlite:///{folder / 'vote.sqlite3'}", None
    cluster = Cluster()
    return cluster.url, cluster


def environment(url: str, var_dir: Path) -> dict[str, str]:
    """Return the environment of the production server, for this process and its servers."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "KUZBAS_MODE": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # Plain HTTP on loopback; HTTPS would be the reverse proxy's job.
        "KUZBAS_SSL_REDIRECT": "no",
        "KUZBAS_TODAY": TODAY.isoformat(),
        "KUZBAS_VAR_DIR": str(var_dir),
        "DEBUG": "no",
        "DJANGO_SETTINGS_MODULE": "kuzbas.web.settings",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(BENCH), os.environ.get("PYTHONPATH")])),
    }


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


# --- Servers -----------------------------------------------------------------------------------


class Server:
    """A gunicorn master (from `kuzbas serve`, or gunicorn for the floor app) and its workers."""

    def __init__(self, name: str, argv: list[str], env: dict[str, str], port: int, logs: Path):
        self.name, self.argv, self.env, self.port, self.logs = name, argv, env, port, logs
        self.process: subprocess.Popen | None = None
        on_exit(self.stop)

    def start(self, timeout: float = 240.0) -> None:
        out = open(self.logs / f"{self.name}.log", "ab")  # noqa: SIM115 - the server keeps it
        self.process = subprocess.Popen(
            self.argv, env=self.env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT
        )
        out.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited; see {self.logs / (self.name + '.log')}")
            if _answers(self.port):
                return
            time.sleep(0.1)
        raise SystemExit(f"{self.name} did not answer on port {self.port} in {timeout:.0f} s")

    def workers(self) -> list[int]:
        """Return the ids of the master's children (the gunicorn workers)."""
        if self.process is None:
            return []
        pid = self.process.pid
        try:
            text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        except OSError:
            return []
        return [int(p) for p in text.split()]

    def kill9(self) -> list[int]:
        """Kill -9 the master and its workers, by their ids; return the ids."""
        if self.process is None:
            return []
        victims = [self.process.pid, *self.workers()]
        for pid in victims:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait()
        for pid in victims[1:]:  # orphans are reaped by init; wait until they are gone
            for _ in range(100):
                if not Path(f"/proc/{pid}").exists():
                    break
                time.sleep(0.02)
        self.process = None
        return victims

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            self.process = None
            return
        workers = self.workers()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill9()
            return
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process = None


def _answers(port: int) -> bool:
    # A generous timeout: under load the probe waits in the accept queue behind the clients.
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=15) as s:
            s.sendall(b"GET /__ready HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            return s.recv(12).startswith(b"HTTP/")
    except OSError:
        return False


def kuzbas_server(
    env, port: int, workers: int, logs: Path, n: int = 0, live_port: int | None = None
) -> Server:
    """The product's own production command: `kuzbas serve` (collectstatic, then gunicorn;
    with `live_port`, the live streams' server beside it, as docs/deployment.md runs it)."""
    argv = [KUZBAS, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    if live_port:
        argv += ["--live-port", str(live_port)]
    server = Server(f"kuzbas-{n + 1}" if n else "kuzbas", argv, env, port, logs)
    server.live_port = live_port
    return server


def floor_server(env, port: int, workers: int, logs: Path, app: str = "floor_app") -> Server:
    """The floor: bench/floor_app.py under gunicorn with the arguments `kuzbas serve` uses."""
    argv = [
        PYTHON,
        "-m",
        "gunicorn",
        f"{app}:application",
        "--chdir",
        str(BENCH),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--logger-class",
        "kuzbas.cli.access_log.QuietQuestions",  # logs every floor request: none is a question
        "--graceful-timeout",
        "5",
    ]
    return Server(app, argv, env, port, logs)


# --- CPU spent by the servers and the database -------------------------------------------------

_TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User and system CPU seconds each process has used so far (those still running)."""
    used = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used[pid] = (int(fields[11]) + int(fields[12])) / _TICK  # utime, stime (14 and 15)
    return used


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def descendants(pid: int) -> list[int]:
    """The process and every process below it."""
    found = [pid]
    for child in children(pid):
        found += descendants(child)
    return found


class CpuMeter:
    """CPU seconds used by some servers and the PostgreSQL cluster between `start` and `stop`.

    On a shared machine the wall-clock figures move with everyone else's load; the CPU a
    request costs the server and the database moves far less, so it is printed beside them.
    """

    def __init__(self, servers: list[Server], cluster: Cluster | None) -> None:
        self.servers, self.cluster = servers, cluster

    def pids(self) -> tuple[list[int], list[int]]:
        """The servers' processes, and the database's."""
        servers, database = [], []
        for server in self.servers:
            if server.process is not None:
                # `kuzbas serve` starts gunicorn (and the background worker) as children, and
                # gunicorn its workers: every descendant counts.
                servers += descendants(server.process.pid)
        if self.cluster is not None:
            try:
                master = int((self.cluster.dir / "data" / "postmaster.pid").read_text().split()[0])
            except (OSError, ValueError, IndexError):
                master = None
            if master is not None:
                database += [master, *children(master)]
        return servers, database

    def start(self) -> None:
        self._used = [cpu_seconds(pids) for pids in self.pids()]

    def stop(self) -> float:
        """The CPU seconds used since `start`; `self.split` holds (servers, database)."""
        # A process that ended during the phase took its CPU with it: a lower bound then.
        self.split = tuple(
            sum(used - before.get(pid, 0.0) for pid, used in cpu_seconds(pids).items())
            for pids, before in zip(self.pids(), self._used, strict=True)
        )
        return sum(self.split)


# --- The meeting -------------------------------------------------------------------------------


@dataclass
class Meeting:
    members: list[tuple[str, str]]  # (person key, raw bearer token)
    chair_token: str
    pk: int  # the meeting (open, every member checked in)


def build_meeting(count: int, ballot: str) -> Meeting:
    """Migrate, load the statute, and create `count` members with accounts and tokens in bulk."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from kuzbas.core.actor import Operator
    from kuzbas.governance.services import statute_book
    from kuzbas.meetings.models import Attendance, CheckIn
    from kuzbas.meetings.services import agenda
    from kuzbas.meetings.services.chair import open_meeting
    from kuzbas.members.models import (
        ApiToken,
        Membership,
        MembershipCategory,
        MembershipStatus,
        Person,
        User,
    )

    call_command("migrate", verbosity=0)
    statute_book.load_statute_version(
        actor=Operator("bench"), path_or_text=STATUTE.format(ballot=ballot), file="bench.toml"
    )
    keys = [f"m{i:05}" for i in range(1, count + 1)]
    raws = ["kz_" + secrets.token_urlsafe(32) for _ in keys]
    with transaction.atomic():
        Person.objects.bulk_create(
            [Person(key=k, name_latin=f"Member {k[1:]}") for k in keys], batch_size=2000
        )
        ids = dict(Person.objects.filter(key__in=keys).values_list("key", "pk"))
        Membership.objects.bulk_create(
            [
                Membership(
                    person_id=ids[k],
                    valid_from=ADMITTED,
                    status=MembershipStatus.MEMBER,
                    category=MembershipCategory.COLONIST,
                )
                for k in keys
            ],
            batch_size=2000,
        )
        User.objects.bulk_create(
            [User(username=k, person_id=ids[k], password="!bench") for k in keys], batch_size=2000
        )
        users = dict(User.objects.filter(username__in=keys).values_list("username", "pk"))
        chair = User.objects.create(username="bench-chair", password="!bench", is_superuser=True)
        chair_raw = "kz_" + secrets.token_urlsafe(32)
        # Tokens expire (KUZBAS_TOKEN_DAYS); one without an expiry is refused like an unknown one.
        expires = timezone.now() + dt.timedelta(days=1)
        tokens = [
            ApiToken(
                user_id=users[k],
                name="bench",
                digest=ApiToken.digest_of(r),
                prefix=r[:8],
                expires=expires,
            )
            for k, r in zip(keys, raws, strict=True)
        ]
        tokens.append(
            ApiToken(
                user=chair,
                name="bench",
                digest=ApiToken.digest_of(chair_raw),
                prefix=chair_raw[:8],
                expires=expires,
            )
        )
        ApiToken.objects.bulk_create(tokens, batch_size=2000)
        # The general meeting, open, with every member checked in (as by the clerk).
        sitting = agenda.convene(
            actor=chair,
            body=BODY,
            title="Benchmark general meeting",
            convened_for=timezone.make_aware(dt.datetime.combine(TODAY, dt.time(18))),
        )
        sitting = open_meeting(actor=chair, meeting=sitting)
        Attendance.objects.bulk_create(
            [Attendance(meeting=sitting, person_id=ids[k], method=CheckIn.CLERK) for k in keys],
            batch_size=2000,
        )
    return Meeting(members=list(zip(keys, raws, strict=True)), chair_token=chair_raw, pk=sitting.pk)


def file_motion(title: str) -> int:
    """File a motion with the general meeting through the service; return its number."""
    from kuzbas.core.actor import Operator
    from kuzbas.governance.services import motions

    motion = motions.file_motion(
        actor=Operator("bench"), title=title, text="", matter=MATTER, body=BODY, as_of=TODAY
    )
    return motion.number


def add_motion_item(meeting: Meeting, title: str) -> tuple[int, int]:
    """Put a motion on the meeting's agenda; return the item's position and the motion's number."""
    from kuzbas.core.actor import Operator
    from kuzbas.meetings.models import Meeting as Sitting
    from kuzbas.meetings.services import agenda

    item = agenda.add_item(
        actor=Operator("bench"),
        meeting=Sitting.objects.get(pk=meeting.pk),
        kind="motion",
        title=title,
        matter=MATTER,
        as_of=TODAY,
    )
    return item.position, item.motion.number


def ballot_key(run_label: str, member: str) -> str:
    """The idempotency key a member's phone sends with its ballot (the same on every retry)."""
    return f"bench-{run_label}-{member}".ljust(16, "0")


def create_floor_table() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE TABLE IF NOT EXISTS bench_floor (id bigserial PRIMARY KEY, "
                "member text NOT NULL, choice text NOT NULL)"
            )
        else:
            cursor.execute(
                "CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                "member text NOT NULL, choice text NOT NULL)"
            )


def close_db() -> None:
    from django.db import connections

    connections.close_all()


# --- The HTTP client ---------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body or b"{}")


async def call(
    port: int,
    method: str,
    path: str,
    token: str | None = None,
    payload: dict | None = None,
    timeout: float = 30.0,
) -> Reply:
    """Send one request on a new connection (gunicorn's sync workers close it after each)."""
    body = json.dumps(payload).encode() if payload is not None else b""
    head = [f"{method} {path} HTTP/1.0", f"Host: 127.0.0.1:{port}", "Connection: close"]
    if token:
        head.append(f"Authorization: Bearer {token}")
    if payload is not None:
        head += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    request = ("\r\n".join(head) + "\r\n\r\n").encode() + body

    async def exchange() -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(request)
            return await reader.read()
        finally:
            writer.close()

    raw = await asyncio.wait_for(exchange(), timeout)
    if not raw.startswith(b"HTTP/1."):
        raise ConnectionResetError("no HTTP response (connection closed)")
    head_end = raw.find(b"\r\n\r\n")
    return Reply(int(raw[9:12]), raw[head_end + 4 :] if head_end >= 0 else b"")


def run(coroutine):
    return asyncio.run(coroutine)


# --- Casting ---------------------------------------------------------------------------------


@dataclass
class Phase:
    """What a phase of casting (ballots, or floor inserts) produced, as the clients saw it."""

    acked: dict[str, str | None] = field(default_factory=dict)  # key -> receipt
    latencies: list[float] = field(default_factory=list)
    conflicts_first: int = 0  # 409 on the first attempt
    conflicts_retry: list[str] = field(default_factory=list)  # 409 after a failed attempt
    retried_acked: list[str] = field(default_factory=list)  # 201 after a failed attempt
    refused: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)  # failed attempts, by kind
    unanswered: list[str] = field(default_factory=list)
    started: float = 0.0
    finished: float = 0.0
    cut_short: bool = False
    polls: int = 0
    poll_latencies: list[float] = field(default_factory=list)
    poll_skipped: int = 0
    poll_failures: int = 0
    poll_offered: int = 0
    fetches: int = 0
    phones: dict | None = None  # the listening phones' figures (bench/vote_load.py --phones)

    @property
    def seconds(self) -> float:
        return self.finished - self.started

    @property
    def rate(self) -> float:
        return len(self.acked) / self.seconds if self.seconds > 0 else 0.0

    def percentile(self, q: float, poll: bool = False) -> float:
        values = sorted(self.poll_latencies if poll else self.latencies)
        if not values:
            return float("nan")
        return values[min(len(values) - 1, int(q * len(values)))]


async def cast(
    *,
    port: int | list[int],
    members: list[tuple[str, str]],
    path: str,
    choice_of,
    concurrency: int,
    limit_seconds: float,
    retry_for: float = 0.0,
    poll_path: str | None = None,
    poll_interval: float = 3.0,
    poll_conns: int = 0,
    fetch_path: str | None = None,
    key_of=None,
    chaos=None,
) -> Phase:
    """Cast every member's ballot with `concurrency` clients; waiting members poll meanwhile.

    A failed attempt (connection refused or reset, timeout, 5xx) is retried with the same
    request (and the same idempotency key, `key_of(member)`) for up to `retry_for` seconds (0:
    once). Each member's page asks `poll_path` every `poll_interval` seconds except while its
    own ballot is on the way, with at most `poll_conns` polls in flight: a poll that comes due
    when none is free is skipped and counted; a "changed" answer makes it fetch `fetch_path`.
    With several ports (several servers behind one database) client n talks to server n mod k,
    and each member's page polls the server its ballot goes to, as a load balancer would.
    """
    ports = port if isinstance(port, list) else [port]
    phase = Phase()
    queue = iter(members)
    busy: set[str] = set()
    done = asyncio.Event()
    phase.started = time.perf_counter()
    deadline = time.monotonic() + limit_seconds

    async def one(key: str, token: str, port: int) -> None:
        body = {"choice": choice_of(key)}
        if key_of is not None:
            body["key"] = key_of(key)
        failed = False
        give_up = time.monotonic() + retry_for
        while True:
            t0 = time.perf_counter()
            try:
                reply = await call(port, "POST", path.format(key=key), token, body, timeout=60)
            except (OSError, TimeoutError, asyncio.IncompleteReadError) as error:
                phase.failures[type(error).__name__] += 1
                reply = None
            if reply is not None and reply.status < 500:
                break
            if reply is not None:
                phase.failures[f"http {reply.status}"] += 1
            failed = True
            if time.monotonic() > give_up:
                phase.unanswered.append(key)
                return
            await asyncio.sleep(0.2)
        elapsed = time.perf_counter() - t0
        if reply.status in (200, 201):
            phase.acked[key] = reply.json().get("receipt")
            phase.latencies.append(elapsed)
            if failed:
                phase.retried_acked.append(key)
        elif reply.status == 409:
            if failed:
                phase.conflicts_retry.append(key)
            else:
                phase.conflicts_first += 1
        else:
            phase.refused[f"{reply.status} {reply.body[:120].decode(errors='replace')}"] += 1

    async def client(n: int) -> None:
        port = ports[n % len(ports)]
        while True:
            if time.monotonic() > deadline:
                phase.cut_short = True
                return
            try:
                key, token = next(queue)
            except StopIteration:
                return
            busy.add(key)
            try:
                await one(key, token, port)
            finally:
                busy.discard(key)

    async def poll(token: str, port: int) -> None:
        # The voting page's question carries no credentials, only the meeting's signed token in
        # the path; "changed" (200) would make the page fetch the vote (counted apart).
        t0 = time.perf_counter()
        try:
            reply = await call(port, "GET", poll_path, None, timeout=30)
            ok = reply.status in (200, 204)
            if reply.status == 200 and fetch_path:
                phase.fetches += 1
                await call(port, "GET", fetch_path, token, timeout=30)
        except (OSError, TimeoutError, asyncio.IncompleteReadError):
            ok = False
        if ok:
            phase.polls += 1
            phase.poll_latencies.append(time.perf_counter() - t0)
        else:
            phase.poll_failures += 1

    async def pollers() -> None:
        # Every member's page polls once per interval, spread evenly over the interval.
        tick = 0.01
        slots = max(1, round(poll_interval / tick))
        buckets: list[list[tuple[str, str]]] = [[] for _ in range(slots)]
        n_of = {}
        for n, member in enumerate(members):
            buckets[n * slots // len(members)].append(member)
            n_of[member[0]] = n
        in_flight: set[asyncio.Task] = set()
        polling: set[str] = set()
        start = time.monotonic()
        slot = 0
        while not done.is_set():
            for key, token in buckets[slot % slots]:
                if key in busy:
                    continue
                phase.poll_offered += 1
                if key in polling or len(in_flight) >= poll_conns:
                    phase.poll_skipped += 1
                    continue
                polling.add(key)
                task = asyncio.create_task(poll(token, ports[n_of[key] % len(ports)]))
                in_flight.add(task)
                task.add_done_callback(lambda t, k=key: (in_flight.discard(t), polling.discard(k)))
            slot += 1
            wait = start + slot * tick - time.monotonic()
            if wait > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(done.wait(), wait)
        if in_flight:
            await asyncio.wait(in_flight, timeout=30)

    poll_task = asyncio.create_task(pollers()) if poll_path and poll_conns > 0 and members else None
    # `chaos(phase)` runs beside the clients: the crash test kills things from there.
    chaos_task = asyncio.create_task(chaos(phase)) if chaos is not None else None
    await asyncio.gather(*(client(n) for n in range(concurrency)))
    phase.finished = time.perf_counter()
    done.set()
    if chaos_task is not None:
        await chaos_task
    if poll_task is not None:
        await poll_task
    return phase


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


# --- Phones listening ---------------------------------------------------------------------------


class Phones:
    """Every waiting member's phone holding its meeting's live stream open (server-sent events,
    `meetings/live_stream.py`), as the voting page does where streams are served: phone n
    listens on `ports[n mod k]`, the live server beside the app server its ballot goes to."""

    def __init__(self, ports: list[int], path: str, members: list[tuple[str, str]]) -> None:
        self.ports, self.path, self.members = ports, path, members
        self.heard: dict[str, float] = {}  # member -> when it was told "changed"
        self.open = 0
        self.failed = 0
        self._writers: list[asyncio.StreamWriter] = []
        self._tasks: list[asyncio.Task] = []

    async def connect(self, at_once: int = 256) -> None:
        """Open every phone's stream (`at_once` connecting at a time) and start listening."""
        gate = asyncio.Semaphore(at_once)
        ready: list[asyncio.Future] = []
        for n, (key, _token) in enumerate(self.members):
            opened = asyncio.get_running_loop().create_future()
            ready.append(opened)
            self._tasks.append(
                asyncio.create_task(
                    self._listen(key, self.ports[n % len(self.ports)], gate, opened)
                )
            )
        await asyncio.gather(*ready)

    async def _listen(self, key: str, port: int, gate, opened: asyncio.Future) -> None:
        try:
            async with gate:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                self._writers.append(writer)
                writer.write(
                    f"GET {self.path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                    "Accept: text/event-stream\r\n\r\n".encode()
                )
                status = await reader.readline()
                if b" 200 " not in status:
                    raise ConnectionError(status[:40])
            self.open += 1
            opened.set_result(True)
            while True:
                line = await reader.readline()
                if not line:
                    return
                if line.startswith(b"event: changed"):
                    self.heard.setdefault(key, time.perf_counter())
        except (OSError, ConnectionError, asyncio.IncompleteReadError):
            self.failed += 1
            if not opened.done():
                opened.set_result(False)

    async def all_told(self, since: float, timeout: float) -> float | None:
        """Seconds from `since` until every phone whose stream is open was told; None if not
        within `timeout`."""
        deadline = time.monotonic() + timeout
        while len(self.heard) < self.open and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        if len(self.heard) < self.open:
            return None
        return max(self.heard.values()) - since

    async def hang_up(self) -> None:
        for writer in self._writers:
            writer.close()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)


def raise_open_files_limit() -> None:
    """Thousands of phones each hold a connection open: lift this process's limit on open files
    (its children, the servers, inherit it) as far as the system allows."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and (hard == resource.RLIM_INFINITY or soft < hard):
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
