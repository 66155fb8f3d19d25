import signal

import pytest


@pytest.fixture(autouse=True)
def _job_progress_dir(settings, tmp_path):
    """Keep each test's progress files in its own folder, not under the work tree's var/."""
    settings.JOB_PROGRESS_DIR = tmp_path / "job-progress"


@pytest.fixture
def database_queue(settings):
    """Queue tasks in the database, as the service does, for `kuzbas worker` to run."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker takes over the stop signals while it runs; give them back to pytest.
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def run_worker() -> str:
    """Run `kuzbas worker --batch` in this process: what is queued, then stop."""
    from typer.testing import CliRunner

    from kuzbas.cli import app

    result = CliRunner().invoke(app, ["worker", "--batch"])
    assert result.exit_code == 0, result.output
    return result.output
