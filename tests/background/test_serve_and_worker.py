"""`kuzbas serve` runs the worker beside gunicorn and leaves no worker behind when it stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kuzbas.cli import serving


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child that has exited but not been reaped is a zombie: gone for our purpose.
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split()[2] != "Z"


def sleeper(pid_file: Path) -> list[str]:
    """A stand-in for a long-running child that writes its pid and waits to be stopped."""
    code = f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(120)"
    return [sys.executable, "-c", code]


def wait_for(path: Path) -> int:
    for _ in range(100):
        if path.exists() and path.read_text():
            return int(path.read_text())
        time.sleep(0.1)
    raise AssertionError(f"{path} was never written")


def test_when_the_server_ends_the_worker_is_stopped(tmp_path, monkeypatch):
    monkeypatch.setattr(serving, "WORKER", sleeper(tmp_path / "worker.pid"))
    server = [sys.executable, "-c", "import time; time.sleep(2)"]

    code = serving.serve_with_worker(server, worker=True, say=lambda _line: None)

    assert code == 0
    assert not alive(wait_for(tmp_path / "worker.pid"))


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_to_serve_stops_the_server_and_the_worker(tmp_path, stop):
    script = textwrap.dedent(
        f"""
        import sys
        from kuzbas.cli import serving
        serving.WORKER = {sleeper(tmp_path / "worker.pid")!r}
        sys.exit(serving.serve_with_worker({sleeper(tmp_path / "server.pid")!r}, worker=True))
        """
    )
    serve = subprocess.Popen([sys.executable, "-c", script])
    worker, server = wait_for(tmp_path / "worker.pid"), wait_for(tmp_path / "server.pid")
    assert alive(worker) and alive(server)

    serve.send_signal(stop)

    assert serve.wait(timeout=15) == 0
    assert not alive(worker) and not alive(server)


def test_with_no_worker_only_the_server_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(serving, "WORKER", sleeper(tmp_path / "worker.pid"))

    serving.serve_with_worker([sys.executable, "-c", "pass"], worker=False, say=print)

    assert not (tmp_path / "worker.pid").exists()


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_runs_a_queued_task_and_stops_when_asked_to_batch(database_queue):
    from kuzbas.background.models import Job, JobState
    from kuzbas.background.running import run_job
    from tests.worker import run_worker

    # A job with no starter has no right to import: it fails with that message, once run.
    job = Job.objects.create(kind="members.people_import", label="empty.csv")
    result = run_job.enqueue(str(job.pk))
    assert result.status == "READY"

    run_worker()

    job.refresh_from_db()
    assert (job.state, job.finished is not None) == (JobState.FAILED, True)
    result.refresh()
    assert result.status == "SUCCESSFUL"
