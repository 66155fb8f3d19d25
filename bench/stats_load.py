"""Benchmark: load a large production history through the import path, then time the pages.

    .venv/bin/python bench/stats_load.py                      # SQLite and PostgreSQL, full size
    .venv/bin/python bench/stats_load.py --years 1 --units 20 # smaller
    .venv/bin/python bench/stats_load.py --backends sqlite
    .venv/bin/python bench/stats_load.py --runs 1             # one run, not the median of three

Full size is 60 units × 5 products × 3 shifts a day × 10 years ≈ 3.3 million output rows, plus
monthly headcount per unit. For each backend the script builds a fresh database, imports the
history one CSV file per unit and year (each file all-or-nothing, as a clerk's would be), then
serves the app with gunicorn and times, over HTTP, the dashboard, the comparison page, the KPI
API and a trivial page. It measures two references and prints ratios against them:

- PostgreSQL's own COPY of the same rows into a bare table (import speed as a fraction of it);
- one hand-written SQL aggregation over the raw rows for each figure the dashboard shows
  (monthly output by product, and total output by unit and product).

It also checks that the dashboard's figures equal the raw-scan SQL's. Pages keep what they
compute from the statistics under the statistics' version (raised by every write), so the
median is of pages served from kept figures; the first request after the import, which computes
them, is timed too. With two gunicorn workers each computes once. Each run builds its database
afresh; the table at the end gives the medians of the runs (`--runs`, 3 by default) with the
issue's targets, and `uptime` before and after (the machine is shared). It prints figures; it
asserts nothing and is never run by the test suite. PostgreSQL comes from
scripts/pg-throwaway.sh (a cluster made and deleted for the run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=60)
    parser.add_argument("--products", type=int, default=5)
    parser.add_argument("--shifts", type=int, default=3)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--requests", type=int, default=7, help="timed requests per page")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--runs", type=int, default=3, help="runs per backend; medians printed")
    parser.add_argument("--run-one", help=argparse.SUPPRESS)  # internal: DATABASE_URL to use
    return parser.parse_args(argv)


# --- The parent: one child process per backend (settings read DATABASE_URL at start-up) ------


def main() -> None:
    args = parse_args()
    if args.run_one:
        run_one(args)
        return
    print(
        f"stats_load: {args.units} units × {args.products} products × {args.shifts} shifts × "
        f"{args.years} years ≈ {rows_expected(args):,} output rows; {args.runs} run(s) per "
        f"backend; uptime: {uptime()}"
    )
    results: dict[str, list[dict]] = {}
    for backend in args.backends.split(","):
        for run in range(1, args.runs + 1):
            results.setdefault(backend, []).append(one_backend_run(args, backend, run))
    print(f"\nuptime after the runs: {uptime()}")
    table(summary_rows(results))


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def one_backend_run(args, backend: str, run: int) -> dict:
    if backend == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="kuzbas-bench-"))
        try:
            return child(args, f"sqlite:///{folder / 'bench.sqlite3'}", backend, run)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    if backend != "postgresql":
        raise SystemExit(f"unknown backend {backend!r}")
    started = subprocess.run(
        [str(ROOT / "scripts" / "pg-throwaway.sh"), "start"],
        capture_output=True,
        text=True,
        check=True,
    )
    env = dict(line.split("=", 1) for line in started.stdout.split() if "=" in line)
    try:
        return child(args, env["DATABASE_URL"], backend, run)
    finally:
        subprocess.run(
            [str(ROOT / "scripts" / "pg-throwaway.sh"), "stop", env["PG_THROWAWAY_DIR"]],
            capture_output=True,
            check=False,
        )


def child(args, url: str, backend: str, run: int) -> dict:
    """Run one backend's build and measurements in a fresh process; return its figures."""
    print(f"\n== {backend}, run {run} ==", flush=True)
    argv = [PYTHON, __file__, "--run-one", url]
    for name in ("units", "products", "shifts", "years", "requests"):
        argv += [f"--{name}", str(getattr(args, name))]
    env = {**os.environ, "DATABASE_URL": url, "KUZBAS_MODE": "test", "DEBUG": "no"}
    env["DJANGO_SETTINGS_MODULE"] = "kuzbas.web.settings"
    figures: dict = {}
    with subprocess.Popen(argv, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True) as process:
        for line in process.stdout:
            if line.startswith(FIGURES):
                figures = json.loads(line[len(FIGURES) :])
            else:
                print(line, end="", flush=True)
    if process.returncode != 0:
        raise SystemExit(f"the {backend} run failed ({process.returncode})")
    return figures


FIGURES = "FIGURES "  # the line a child reports its figures on, as JSON
TARGETS = {"copy_share": 0.25, "first_dashboard": 0.100, "raw_times": 10.0, "trivial_times": 3.0}
TARGET_SHARE = TARGETS["copy_share"]


def summary_rows(results: dict[str, list[dict]]) -> list[tuple[str, str, str, str]]:
    """The table: per backend, the medians of the runs against the issue's targets."""

    def med(runs: list[dict], name: str):
        values = [r[name] for r in runs if r.get(name) is not None]
        return statistics.median(values) if values else None

    def met(ok: bool) -> str:
        return "yes" if ok else "NO"

    rows = []
    for backend, runs in results.items():
        n = f"{backend} (median of {len(runs)})"
        rows.append((f"{n}: import", f"{med(runs, 'import_rate'):,.0f} rows/s", "", ""))
        share = med(runs, "copy_share")
        if share is not None:
            rows.append(
                (
                    f"{n}: import as a share of COPY ({med(runs, 'copy_rate'):,.0f} rows/s)",
                    f"{share:.3f}",
                    f"≥ {TARGET_SHARE}",
                    met(share >= TARGETS["copy_share"]),
                )
            )
        same = all(r["same"] for r in runs)
        rows.append(
            (f"{n}: page figures = raw-scan SQL's", "yes" if same else "NO", "yes", met(same))
        )
        rows.append((f"{n}: trivial page", f"{med(runs, 'trivial') * 1000:,.1f} ms", "", ""))
        for page in ("dashboard", "comparison page", "KPI API"):
            median, first = med(runs, f"{page} median"), med(runs, f"{page} first")
            raw_times = med(runs, "raw_total") / median
            trivial_times = median / med(runs, "trivial")
            rows.append(
                (
                    f"{n}: {page}, median (× faster than raw scan; × trivial page)",
                    f"{median * 1000:,.1f} ms ({raw_times:,.0f}×; {trivial_times:.2f}×)",
                    "≥ 10×; ≤ 3×",
                    met(raw_times >= TARGETS["raw_times"]
                        and trivial_times <= TARGETS["trivial_times"]),
                )
            )  # fmt: skip
            target = "≤ 100 ms" if page == "dashboard" else ""
            ok = met(first <= TARGETS["first_dashboard"]) if page == "dashboard" else ""
            rows.append(
                (
                    f"{n}: {page}, first request after the import (× trivial page)",
                    f"{first * 1000:,.1f} ms ({first / med(runs, 'trivial'):.1f}×)",
                    target,
                    ok,
                )
            )
    return rows


def table(rows) -> None:
    heads = ("figure", "measured", "target", "met?")
    widths = [max(len(str(r[i])) for r in [heads, *rows]) for i in range(4)]
    line = "| " + " | ".join(f"{{:<{w}}}" for w in widths) + " |"
    print(line.format(*heads))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(line.format(*row))


def rows_expected(args) -> int:
    days = (dt.date(1921 + args.years, 1, 1) - dt.date(1921, 1, 1)).days
    return args.units * args.products * args.shifts * days


# --- The child: build, import, measure ------------------------------------------------------


def run_one(args) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    history = History(args)
    history.create_catalogue()
    imported = history.import_all()
    rate = imported["rows"] / imported["seconds"]
    figures: dict = {"import_rate": rate}
    print(
        f"import: {imported['rows']:,} output rows in {imported['seconds']:.1f} s "
        f"= {rate:,.0f} rows/s "
        f"({imported['files']} files; headcount {imported['headcount']:,} rows)",
        flush=True,
    )
    if connection.vendor == "postgresql":
        copy_rate = copy_reference(history)
        figures.update(copy_rate=copy_rate, copy_share=rate / copy_rate)
        print(
            f"COPY of the same rows: {copy_rate:,.0f} rows/s; import = {rate / copy_rate:.3f} "
            f"of COPY (target ≥ {TARGET_SHARE})"
        )
    raw_seconds, raw_figures = raw_scan()
    for name, seconds in raw_seconds.items():
        print(f"raw-scan SQL {name}: {seconds * 1000:,.1f} ms")
    same = dashboard_figures() == raw_figures
    print(f"dashboard figures identical to the raw-scan SQL: {'yes' if same else 'NO'}")
    figures.update(same=same, raw_total=sum(raw_seconds.values()))
    figures.update(time_pages(args, sum(raw_seconds.values()), history))
    print(FIGURES + json.dumps(figures), flush=True)


class History:
    """The generated colony: units, products and a deterministic output series."""

    def __init__(self, args) -> None:
        from kuzbas.core.actor import Operator

        self.args = args
        self.actor = Operator("bench")
        self.first = dt.date(1921, 1, 1)
        self.last = dt.date(1921 + args.years, 1, 1) - dt.timedelta(days=1)

    def create_catalogue(self) -> None:
        from kuzbas.production import catalogue as services

        self.units = [
            services.create_unit(
                actor=self.actor,
                key=f"unit-{n:03d}",
                name=f"Unit {n}",
                kind="mine" if n % 4 else "plant",
            )
            for n in range(self.args.units)
        ]
        self.products = [
            services.create_product(
                actor=self.actor, key=f"product-{n}", name=f"Product {n}", unit_of_measure="tonne"
            )
            for n in range(self.args.products)
        ]

    def quantity(self, u: int, p: int, day: dt.date, shift: int) -> str:
        base = 40 + (u * 7 + p * 13) % 60
        wobble = (day.toordinal() * 31 + u * 17 + p * 5 + shift * 3) % 23
        return f"{base + wobble}.{(day.day + shift) % 10}"

    def rows(self, u: int, year: int):
        unit = self.units[u].key
        day = dt.date(year, 1, 1)
        while day.year == year:
            for p, product in enumerate(self.products):
                for shift in range(1, self.args.shifts + 1):
                    yield (unit, product.key, day, shift, self.quantity(u, p, day, shift))
            day += dt.timedelta(days=1)

    def csv_for(self, u: int, year: int) -> bytes:
        out = io.StringIO()
        out.write("unit,product,period_kind,period_start,shift,quantity,unit_of_measure\n")
        for unit, product, day, shift, quantity in self.rows(u, year):
            out.write(f"{unit},{product},shift,{day.isoformat()},{shift},{quantity},tonne\n")
        return out.getvalue().encode()

    def import_all(self) -> dict:
        from kuzbas.production.imports.importing import import_file

        total = files = 0
        seconds = 0.0
        years = range(self.first.year, self.last.year + 1)
        count = len(self.units) * len(years)
        for u in range(len(self.units)):
            for year in years:
                data = self.csv_for(u, year)  # making the file is not import time
                started = time.perf_counter()
                result = import_file(
                    actor=self.actor, kind="output", data=data, filename=f"{u}-{year}.csv"
                )
                seconds += time.perf_counter() - started
                total += result.created
                files += 1
                if files % max(1, count // 20) == 0:
                    print(f"  imported {files}/{count} files, {total:,} rows", flush=True)
        headcount = self.import_headcount()
        return {"rows": total, "seconds": seconds, "files": files, "headcount": headcount}

    def import_one_change(self) -> None:
        """Import the first unit's first year again with one quantity changed (one row)."""
        from kuzbas.production.imports.importing import import_file

        data = self.csv_for(0, self.first.year).decode().splitlines(keepends=True)
        unit, product, kind, day, shift, _quantity, uom = data[1].strip().split(",")
        data[1] = f"{unit},{product},{kind},{day},{shift},1.5,{uom}\n"
        result = import_file(actor=self.actor, kind="output", data="".join(data).encode())
        assert result.changed == 1, result

    def import_headcount(self) -> int:
        from kuzbas.production.imports.importing import import_file
        from kuzbas.production.periods import months_between

        out = io.StringIO()
        out.write("unit,on,category,count\n")
        n = 0
        for month in months_between(self.first, self.last):
            colony = 0
            for u, unit in enumerate(self.units):
                staff = 200 + (u * 37 + month.month * 11) % 150
                colony += staff
                out.write(f"{unit.key},{month},all,{staff}\n{unit.key},{month},production,")
                out.write(f"{staff * 4 // 5}\n")
                n += 2
            out.write(f",{month},all,{colony}\n,{month},production,{colony * 4 // 5}\n")
            out.write(f",{month},office,{colony // 10}\n,{month},guard,{colony // 20}\n")
            n += 4
        import_file(actor=self.actor, kind="headcount", data=out.getvalue().encode())
        return n


def copy_reference(history: History) -> float:
    """Time PostgreSQL's COPY of the same rows into a bare table of the same shape."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE copy_reference (unit_id bigint, product_id bigint, "
            "period_kind varchar(10), period_start date, period_end date, shift smallint, "
            "quantity numeric(28,10), quantity_entered numeric(28,10), unit_entered varchar(30))"
        )
        ids = {u.key: u.pk for u in history.units}
        products = {p.key: p.pk for p in history.products}
        seconds, rows = 0.0, 0
        raw = cursor.cursor
        years = range(history.first.year, history.last.year + 1)
        for u in range(len(history.units)):
            for year in years:
                buffer = io.StringIO()
                for unit, product, day, shift, quantity in history.rows(u, year):
                    buffer.write(
                        f"{ids[unit]}\t{products[product]}\tshift\t{day}\t{day}\t{shift}\t"
                        f"{quantity}\t{quantity}\ttonne\n"
                    )
                    rows += 1
                data = buffer.getvalue()
                started = time.perf_counter()
                with raw.copy("COPY copy_reference FROM STDIN") as copy:
                    copy.write(data)
                seconds += time.perf_counter() - started
        cursor.execute("DROP TABLE copy_reference")
    return rows / seconds


def _month_sql(vendor: str) -> str:
    if vendor == "postgresql":
        return "date_trunc('month', period_start)::date"
    return "strftime('%Y-%m-01', period_start)"


def raw_scan() -> tuple[dict[str, float], dict]:
    """Time hand-written SQL over the raw rows for each dashboard figure; return the figures."""
    from django.db import connection

    month = _month_sql(connection.vendor)
    queries = {
        "monthly output by product": (
            f"SELECT {month}, p.key, SUM(quantity) FROM production_outputrecord o "
            "JOIN production_product p ON p.id = o.product_id GROUP BY 1, 2"
        ),
        "output by unit and product": (
            "SELECT u.key, p.key, SUM(quantity) FROM production_outputrecord o "
            "JOIN production_unit u ON u.id = o.unit_id "
            "JOIN production_product p ON p.id = o.product_id GROUP BY 1, 2"
        ),
    }
    seconds, figures = {}, {}
    with connection.cursor() as cursor:
        for name, sql in queries.items():
            started = time.perf_counter()
            cursor.execute(sql)
            rows = cursor.fetchall()
            seconds[name] = time.perf_counter() - started
            figures[name] = {(str(a)[:10], b): _cents(c) for a, b, c in rows}
    return seconds, figures


def _cents(value) -> Decimal:
    """Compare to 1/10,000: SQLite keeps decimals as binary floats, so its sums are not exact."""
    return Decimal(str(value)).quantize(Decimal("0.0001"))


def dashboard_figures() -> dict:
    """The same figures as the dashboard reads them (from the monthly totals)."""
    from kuzbas.production import selectors

    monthly = {
        (m.month.isoformat(), product): _cents(value)
        for m in selectors.monthly_series()
        for product, value in m.output.items()
    }
    by_unit = {
        (line.unit.key, product): _cents(value)
        for line in selectors.unit_lines()
        for product, value in line.output.items()
    }
    return {"monthly output by product": monthly, "output by unit and product": by_unit}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def time_pages(args, raw_total: float, history: History) -> dict:
    """Time the pages over HTTP; "first" is the first request after a further small import.

    Both workers serve every page a few times first, eight requests at once (loading the code
    and compiling the templates, as a running server has), then a clerk imports a file that
    changes one row; the first request of each page after that import computes its figures again.
    """
    from django.test import Client

    from kuzbas.core.rights import Role
    from kuzbas.members.models import RoleGrant, User

    user = User.objects.create_user("bench", password="bench-password-1")
    RoleGrant.objects.create(user=user, role=Role.AUDITOR)
    client = Client()
    client.force_login(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "kuzbas.web.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        cwd=ROOT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base)
        last = dt.date(1921 + args.years - 1, 12, 1)
        pages = {
            "trivial page (/account/)": "/account/",
            "dashboard": "/production/?product=product-0",
            "comparison page": (
                f"/production/compare/?product=product-0&a_from=1921-01&a_to=1921-12"
                f"&b_from={last.year}-01&b_to={last:%Y-%m}"
            ),
            "KPI API": f"/api/production/kpis?start=1921-01-01&end={last}&product=product-0",
        }
        # A running server's warm processes: every page served by both workers. Requests one at
        # a time all went to the same worker (the one that just answered is the first back at
        # `accept`), so the other met the dashboard cold after the import and the "first" figure
        # timed loading the code and compiling the templates (370 ms), not the figures (50 ms).
        with ThreadPoolExecutor(max_workers=8) as pool:
            for _ in range(3):
                for path in pages.values():
                    list(pool.map(lambda _n, p=path: timed(base + p, cookie, 0), range(8)))
        history.import_one_change()
        timings = {name: timed(base + path, cookie, args.requests) for name, path in pages.items()}
        _first, trivial = timings.pop("trivial page (/account/)")
        print(f"trivial page: median {trivial * 1000:,.1f} ms")
        figures = {"trivial": trivial}
        for name, (first, seconds) in timings.items():
            figures.update({f"{name} median": seconds, f"{name} first": first})
            print(
                f"{name}: median {seconds * 1000:,.1f} ms; {raw_total / seconds:,.1f}× faster "
                f"than the raw-scan SQL (target ≥ 10×); {seconds / trivial:.2f}× the trivial "
                f"page (target ≤ 3×); first request after the import {first * 1000:,.1f} ms "
                f"(computes the figures each worker then keeps until the next write)"
            )
        return figures
    finally:
        server.terminate()
        server.wait(timeout=20)


def wait_for(base: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/login/", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer")


def timed(url: str, cookie: str, n: int) -> tuple[float, float]:
    """Return the first request's time and the median of the next `n` (None when n is 0)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        if response.status != 200:
            raise SystemExit(f"{url}: HTTP {response.status}")
        response.read()
    first = time.perf_counter() - started
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
        samples.append(time.perf_counter() - started)
    return first, statistics.median(samples) if samples else None


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
