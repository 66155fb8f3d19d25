"""How long the commands a new enterprise runs take, each as a fresh process, as a secretary runs
them: found the enterprise, import its members, propose an amendment, verify the register.

    python bench/new_enterprise.py [--runs 3]

Each run starts from an empty SQLite database in a temporary folder (production mode, so no
demo is loaded), and prints the median wall time of every command over the runs. The floor is
`kuzbas --help` in the same run: what starting Python and the command costs before any work.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KUZBAS = str(Path(sys.executable).with_name("kuzbas"))
PASSWORD = "a long walk to the pithead"


def members_csv(today: dt.date) -> str:
    rows = ["key,name_latin,trade,email,membership_status,membership_category,member_from"]
    for n in range(12):
        rows.append(f"m{n},Member Number{n},fitter,m{n}@coop.example,member,colonist,{today}")
    return "\n".join(rows) + "\n"


def proposal(today: dt.date) -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from kuzbas.governance.statute_templates import TEMPLATES, with_effective

    text = with_effective(TEMPLATES["cooperative"].text(), today)
    text = text.replace('version = "1"', 'version = "2"\namends = "1"', 1)
    later = today + dt.timedelta(days=30)
    text = text.replace(f"effective = {today}", f"effective = {later}", 1)
    board = text.index('id = "board"')
    at = text.index("count = 5", board)
    return text[:at] + "count = 7" + text[at + len("count = 5") :]


def run(command: list[str], env: dict, stdin: str = "") -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, input=stdin, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return took


def one_run() -> dict[str, float]:
    today = dt.date.today()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        (base / "members.csv").write_text(members_csv(today), encoding="utf-8")
        (base / "v2.toml").write_text(proposal(today), encoding="utf-8")
        env = {
            **os.environ,
            "KUZBAS_MODE": "production",
            "SECRET_KEY": "bench-" + "k" * 50,
            "ALLOWED_HOSTS": "localhost",
            "DATABASE_URL": f"sqlite:///{base / 'kuzbas.sqlite3'}",
            "KUZBAS_VAR_DIR": str(base),
        }
        times = {"kuzbas --help (floor)": run([KUZBAS, "--help"], env)}
        times["kuzbas init --template cooperative"] = run(
            [KUZBAS, "init", "--template", "cooperative", "--admin", "secretary",
             "--password-stdin"],
            env,
            PASSWORD + "\n",
        )  # fmt: skip
        times["kuzbas import-people members.csv (12)"] = run(
            [KUZBAS, "import-people", str(base / "members.csv")], env
        )
        times["kuzbas statute propose v2.toml"] = run(
            [KUZBAS, "statute", "propose", str(base / "v2.toml"), "--by", "secretary"], env
        )
        times["kuzbas verify"] = run([KUZBAS, "verify"], env)
        return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = [one_run() for _ in range(parser.parse_args().runs)]
    floor = statistics.median(r["kuzbas --help (floor)"] for r in runs)
    print(f"{'command':<42} {'median s':>9} {'× floor':>8}")
    for name in runs[0]:
        median = statistics.median(r[name] for r in runs)
        print(f"{name:<42} {median:>9.2f} {median / floor:>8.1f}")


if __name__ == "__main__":
    main()
