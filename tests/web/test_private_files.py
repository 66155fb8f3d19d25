"""The database file and var/ are the service user's alone: no other local account can read a
live session or a token digest out of them."""

from __future__ import annotations

import os
import stat
import subprocess
import sys


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _kuzbas(var_dir, *args: str) -> subprocess.CompletedProcess:
    drop = {"DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return subprocess.run(
        [sys.executable, "-m", "kuzbas.cli", *args],
        env=env | {"KUZBAS_MODE": "demo", "KUZBAS_VAR_DIR": str(var_dir)},
        capture_output=True,
        text=True,
        timeout=300,
        # A permissive umask, as a login shell has: the command must not rely on the caller's.
        preexec_fn=lambda: os.umask(0o022),
    )


def test_migrate_creates_var_and_the_database_readable_by_the_service_user_only(tmp_path):
    var_dir = tmp_path / "var"

    result = _kuzbas(var_dir, "migrate")

    assert result.returncode == 0, result.stdout + result.stderr
    assert oct(_mode(var_dir)) == "0o700"
    database_files = sorted(var_dir.glob("kuzbas.sqlite3*"))
    assert database_files
    assert {p.name: oct(_mode(p)) for p in database_files} == {
        p.name: "0o600" for p in database_files
    }


def test_migrate_tightens_a_var_folder_and_database_left_open_by_an_older_version(tmp_path):
    var_dir = tmp_path / "var"
    var_dir.mkdir(mode=0o755)
    var_dir.chmod(0o755)
    assert _kuzbas(var_dir, "migrate").returncode == 0
    database = var_dir / "kuzbas.sqlite3"
    database.chmod(0o644)
    var_dir.chmod(0o755)

    result = _kuzbas(var_dir, "migrate")

    assert result.returncode == 0, result.stdout + result.stderr
    assert oct(_mode(var_dir)) == "0o700"
    assert oct(_mode(database)) == "0o600"


def test_serve_starts_gunicorn_with_a_private_umask_and_var_tightened(
    tmp_path, settings, monkeypatch
):
    from typer.testing import CliRunner

    from kuzbas.cli import app, serving

    var_dir = tmp_path / "var"
    var_dir.mkdir()
    var_dir.chmod(0o755)
    settings.VAR_DIR = var_dir
    started = {}

    def serve_with_worker(server, *, worker, say, live=None):
        # What gunicorn, the worker and the SQLite files they open would inherit.
        started["umask"] = os.umask(0o022)
        started["server"], started["worker"] = server, worker
        return 0

    monkeypatch.setattr(serving, "serve_with_worker", serve_with_worker)
    before = os.umask(0o022)
    try:
        result = CliRunner().invoke(app, ["serve", "--port", "8999"])
    finally:
        os.umask(before)

    assert result.exit_code == 0, result.output
    assert oct(started["umask"]) == "0o77"
    assert "gunicorn" in started["server"] and started["worker"] is True
    assert oct(_mode(var_dir)) == "0o700"
