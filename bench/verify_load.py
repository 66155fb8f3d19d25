"""Benchmark: `kuzbas verify` over a register of a million entries.

    .venv/bin/python bench/verify_load.py                        # SQLite and PostgreSQL, 1,000,000
    .venv/bin/python bench/verify_load.py --entries 100000 --backends sqlite

For each backend the script founds an enterprise in a throwaway database (`found_enterprise`,
as `kuzbas init` does: the statute and the register's first entry), then adds the rest of the
entries in bulk, each as `append_decision` would write it: a carried motion of its own, format 2
(the digests of what it rests on in its payload), chained to the entry before, its head signed
with the register's key, its canonical form kept beside it. Building is not timed. The first walk
(`verify_register` in the building process) checks every signature and writes the record of
checked signatures beside the key; it is timed and printed on its own. Then it runs
`kuzbas verify` as a fresh process three times (the walk an operator makes again and again:
every hash, link, ground and statute, the signatures by the record) and prints the median wall
time and CPU time (the machine is shared: the CPU time leaves the other work out) and the floor
(`kuzbas --help`, what starting the command costs), in one table, with `uptime` before and after.
It checks that the command says "Register OK" with the right count. PostgreSQL comes from
scripts/pg-throwaway.sh (a cluster made and deleted for the run). It prints figures; it asserts
nothing and is never run by the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
KUZBAS = str(Path(PYTHON).with_name("kuzbas"))
TARGET_SECONDS = 5.0
RUNS = 3


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--run-one", help=argparse.SUPPRESS)  # internal: the backend's name
    return parser.parse_args(argv)


def main() -> None:
    args = parse_args()
    if args.run_one:
        run_one(args)
        return
    print(f"verify_load: {args.entries:,} register entries; uptime: {uptime()}", flush=True)
    rows = []
    for backend in args.backends.split(","):
        folder = Path(tempfile.mkdtemp(prefix="kuzbas-verify-"))
        pg_dir = None
        try:
            if backend == "sqlite":
                url = f"sqlite:///{folder / 'bench.sqlite3'}"
            elif backend == "postgresql":
                started = subprocess.run(
                    [str(ROOT / "scripts" / "pg-throwaway.sh"), "start"],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                env = dict(line.split("=", 1) for line in started.stdout.split() if "=" in line)
                url, pg_dir = env["DATABASE_URL"], env["PG_THROWAWAY_DIR"]
            else:
                raise SystemExit(f"unknown backend {backend!r}")
            rows += measure(args, backend, url, folder)
        finally:
            if pg_dir is not None:
                subprocess.run(
                    [str(ROOT / "scripts" / "pg-throwaway.sh"), "stop", pg_dir],
                    capture_output=True,
                    check=False,
                )
            shutil.rmtree(folder, ignore_errors=True)
    print(f"\nuptime after the runs: {uptime()}")
    table(rows)


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def environment(url: str, folder: Path) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "KUZBAS_MODE": "test",
        "DEBUG": "no",
        "DJANGO_SETTINGS_MODULE": "kuzbas.web.settings",
        "KUZBAS_VAR_DIR": str(folder),
        "KUZBAS_REGISTER_KEY": str(folder / "register-signing.key"),
        "PYTHONPATH": str(ROOT / "src"),
    }


def measure(args, backend: str, url: str, folder: Path) -> list[tuple[str, str, str, str]]:
    print(f"\n== {backend} ==", flush=True)
    env = environment(url, folder)
    started = time.perf_counter()
    built = subprocess.run(
        [PYTHON, __file__, "--run-one", backend, "--entries", str(args.entries)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    print(built.stdout, end="")
    print(f"built in {time.perf_counter() - started:.1f} s", flush=True)
    in_process = built.stdout.split("verify_register: ")[1].split(" (")[0]
    floor = statistics.median(timed([KUZBAS, "--help"], env)[0] for _ in range(RUNS))
    runs, cpu = [], []
    for n in range(RUNS):
        seconds, out, used = timed([KUZBAS, "verify"], env)
        if f"Register OK: {args.entries:,}".replace(",", "") not in out.replace(",", ""):
            raise SystemExit(f"kuzbas verify did not say the register is OK:\n{out}")
        print(f"  kuzbas verify, run {n + 1}: {seconds:.2f} s (CPU {used:.2f} s)", flush=True)
        runs.append(seconds)
        cpu.append(used)
    median, median_cpu = statistics.median(runs), statistics.median(cpu)
    entries = f"{args.entries:,} entries"
    # The target is for a million entries: per entry, 5 µs.
    per_entry = TARGET_SECONDS / 1_000_000 * 1e6
    return [
        (f"{backend}: kuzbas verify, {entries}, wall", f"{median:.2f} s",
         f"≤ {TARGET_SECONDS * args.entries / 1_000_000:g} s",
         "yes" if median <= TARGET_SECONDS * args.entries / 1_000_000 else "NO"),
        (f"{backend}: kuzbas verify, {entries}, CPU (user + system)", f"{median_cpu:.2f} s",
         "", ""),
        (f"{backend}: per entry, wall / CPU", f"{median / args.entries * 1e6:.1f} / "
         f"{median_cpu / args.entries * 1e6:.1f} µs", f"≤ {per_entry:g} µs",
         "yes" if median / args.entries * 1e6 <= per_entry else "NO"),
        (f"{backend}: first walk, every signature checked (verify_register in process), "
         "wall (CPU)", in_process, "", ""),
        (f"{backend}: floor, kuzbas --help", f"{floor:.2f} s", "", ""),
    ]  # fmt: skip


def timed(command: list[str], env: dict) -> tuple[float, str, float]:
    """Run a command; return its wall time, its output and the CPU time it used.

    The CPU time says what the command costs when the shared machine's other work is left out.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, done.stdout, used


def table(rows) -> None:
    heads = ("figure", "measured", "target", "met?")
    widths = [max(len(str(r[i])) for r in [heads, *rows]) for i in range(4)]
    line = "| " + " | ".join(f"{{:<{w}}}" for w in widths) + " |"
    print(line.format(*heads))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(line.format(*row))


# --- The child: found, then build the register in bulk, then time verify_register ------------


def run_one(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from kuzbas.core.actor import Operator
    from kuzbas.governance import register_key
    from kuzbas.governance.register import verify_register
    from kuzbas.governance.services.founding import found_enterprise
    from kuzbas.governance.statute_templates import TEMPLATES, with_effective

    call_command("migrate", verbosity=0)
    day = dt.date(1930, 3, 1)
    text = with_effective(TEMPLATES["cooperative"].text(), day)
    founding = found_enterprise(
        actor=Operator("bench"),
        username="secretary",
        password="a long walk to the pithead",
        text=text,
        file="cooperative.toml",
        on=day,
    )
    register_key.ensure_key()
    with transaction.atomic():
        Builder(founding, args.entries).build()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    started, cpu = time.perf_counter(), time.process_time()
    report = verify_register()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    if not report.ok or report.count != args.entries:
        raise SystemExit(f"the built register does not verify: {report}")
    print(f"verify_register: {seconds:.2f} s ({cpu:.2f} s) ({report.count:,} entries OK)")


class Builder:
    """Entries 2…N, each as `append_decision` writes one, inserted in bulk."""

    CHUNK = 20_000

    def __init__(self, founding, entries: int) -> None:
        self.founding = founding
        self.entries = entries

    def build(self) -> None:
        from django.utils import timezone

        from kuzbas.governance.models import Decision, Motion, RegisterHead
        from kuzbas.governance.register import canonical_entry
        from kuzbas.governance.register_grounds import digest

        first = self.founding.decision
        motion = first.motion
        version = self.founding.version
        number = Motion.objects.order_by("-number").values_list("number", flat=True)[0]
        prev, sequence = first.entry_hash, first.sequence
        none, empty = digest(None), digest([])
        now = timezone.now()
        pem = _key_pem()
        with ProcessPoolExecutor(max_workers=2) as signers:
            while sequence < self.entries:
                count = min(self.CHUNK, self.entries - sequence)
                motions, entries = [], []
                for _ in range(count):
                    sequence += 1
                    number += 1
                    title = f"Motion {number}: buy a pump for shaft {number % 40}"
                    body = "The board buys it from the cooperative's funds."
                    motions.append(
                        Motion(
                            number=number,
                            title=title,
                            text=body,
                            matter=motion.matter,
                            body_id=motion.body_id,
                            filed_by_label="bench",
                            filed_on=first.decided_on,
                            status="carried",
                            statute_version=version,
                        )
                    )
                    # In canonical key order, as `append_decision` keeps an entry's JSON.
                    grounds = {
                        "ballots": empty,
                        "box": empty,
                        "counted": none,
                        "motion": digest({"title": title, "text": body}),
                    }
                    counts = {"abstain": 0, "no": sequence % 3, "yes": 5}
                    fields = {
                        "sequence": sequence,
                        "outcome": "carried",
                        "counts": counts,
                        "arithmetic": f"yes 5 > no {sequence % 3}",
                        "statute_hash": version.content_hash,
                        "rule": "board.technical",
                        "decided_on": first.decided_on,
                        "recorded_at": now,
                        "payload": {"format": 2, "grounds": grounds},
                        "prev_hash": prev,
                    }
                    entries.append(fields)
                made = Motion.objects.bulk_create(motions, batch_size=5_000)
                decisions = []
                for fields, made_motion in zip(entries, made, strict=True):
                    fields["prev_hash"] = prev
                    canonical = canonical_entry(motion_id=made_motion.pk, **fields)
                    entry_hash = _hash(canonical)
                    decisions.append(
                        Decision(
                            motion_id=made_motion.pk,
                            entry_hash=entry_hash,
                            canonical=canonical.decode(),
                            **fields,
                        )
                    )
                    prev = entry_hash
                heads = [(d.sequence, d.entry_hash) for d in decisions]
                half = len(heads) // 2
                signed = signers.map(_sign, [pem, pem], [heads[:half], heads[half:]])
                for decision, signature in zip(
                    decisions, [s for part in signed for s in part], strict=True
                ):
                    decision.head_signature = signature
                Decision.objects.bulk_create(decisions, batch_size=5_000)
                print(f"  built {sequence:,} entries", flush=True, file=sys.stderr)
        RegisterHead.objects.filter(pk=1).update(sequence=sequence, entry_hash=prev)


def _hash(entry: bytes) -> str:
    import hashlib

    return hashlib.sha256(entry).hexdigest()


def _key_pem() -> bytes:
    from kuzbas.governance import register_key

    return register_key.key_path().read_bytes()


def _sign(pem: bytes, heads: list[tuple[int, str]]) -> list[str]:
    """Sign heads in a worker process, as `register_key.sign_head` does."""
    from cryptography.hazmat.primitives import serialization

    from kuzbas.governance.register_key import signed_message

    key = serialization.load_pem_private_key(pem, password=None)
    return [key.sign(signed_message(s, h)).hex() for s, h in heads]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
