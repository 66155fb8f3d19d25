"""`kuzbas serve` runs gunicorn and the background worker side by side, as its children.

The two are started together and stopped together: when gunicorn ends (Ctrl+C, a SIGTERM to
`kuzbas serve`, a crash), the worker is asked to stop (SIGTERM: it finishes the row it is on,
whose transaction then rolls back, or stops at once when idle) and killed if it has not within
ten seconds, so no worker outlives the server. A worker that dies on its own is started again.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable

WORKER = [sys.executable, "-m", "kuzbas.cli", "worker"]
GRACE = 10  # seconds a child has to stop before it is killed


class _Stop(Exception):
    pass


def _raise_stop(signum, frame) -> None:
    raise _Stop


def serve_with_worker(
    server: list[str],
    *,
    worker: bool,
    say: Callable[[str], None] = print,
    live: list[str] | None = None,
) -> int:
    """Run the server (the worker, and the live streams' server) until the server ends or this
    process is told to stop."""
    helpers = {"worker": WORKER} if worker else {}
    if live:
        helpers["live"] = live
    names = {"worker": "background worker", "live": "live streams' server"}
    children: dict[str, subprocess.Popen] = {}
    # Ctrl+C and a SIGTERM stop every child, even where the shell that started
    # `kuzbas serve` in the background left SIGINT ignored.
    previous = {s: signal.signal(s, _raise_stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        for name, argv in helpers.items():
            children[name] = subprocess.Popen(argv)  # noqa: S603 - our own command
            say(f"The {names[name]} started (pid {children[name].pid}).")
        children["server"] = subprocess.Popen(server)  # noqa: S603 - gunicorn, as built
        while children["server"].poll() is None:
            time.sleep(0.5)
            for name, argv in helpers.items():
                if children[name].poll() is not None:
                    say(f"The {names[name]} stopped; starting it again.")
                    children[name] = subprocess.Popen(argv)  # noqa: S603
        return children["server"].returncode or 0
    except _Stop:
        return 0
    finally:
        for sig in previous:  # a second Ctrl+C must not cut the stopping short
            signal.signal(sig, signal.SIG_IGN)
        _stop_all(children.values())
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _stop_all(children) -> None:
    """Ask each child still running to stop, then wait; kill one that outstays its grace."""
    alive = [child for child in children if child.poll() is None]
    for child in alive:
        child.terminate()
    deadline = time.monotonic() + GRACE
    for child in alive:
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
