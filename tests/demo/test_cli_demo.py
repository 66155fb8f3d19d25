"""The newcomer's path, end to end: `kuzbas demo` prepares the database, gunicorn serves it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(var_dir) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "KUZBAS_MODE"}}
    env["KUZBAS_VAR_DIR"] = str(var_dir)
    return env


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("demo-var")
    result = subprocess.run(
        [sys.executable, "-m", "kuzbas.cli", "demo", "--no-serve"],
        env=_env(var_dir),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return var_dir, result.stdout


def test_the_demo_prints_its_address_and_logins(demo_dir):
    _var_dir, output = demo_dir

    assert "http://127.0.0.1:8000/" in output
    assert "rutgers" in output and "kuzbas-demo" in output


def test_running_the_demo_again_reuses_the_database(demo_dir):
    var_dir, _ = demo_dir

    again = subprocess.run(
        [sys.executable, "-m", "kuzbas.cli", "demo", "--no-serve"],
        env=_env(var_dir),
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert again.returncode == 0, again.stderr
    assert "already loaded" in again.stdout


def test_the_demo_is_served_by_gunicorn_with_its_static_files(demo_dir):
    var_dir, _ = demo_dir
    port = _free_port()
    env = _env(var_dir) | {"KUZBAS_MODE": "demo", "KUZBAS_TODAY": "1922-10-01"}
    server = subprocess.Popen(
        [sys.executable, "-m", "kuzbas.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=5) as response:
                    home = response.read().decode()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        with urllib.request.urlopen(base + "/static/vendor/pico/pico.min.css", timeout=5) as css:
            css_status = css.status

        assert "Autonomous Industrial Colony" in home
        assert "1922" in home
        assert css_status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_export_command_writes_a_data_package_of_the_demo(demo_dir, tmp_path):
    var_dir, _ = demo_dir

    result = subprocess.run(
        [sys.executable, "-m", "kuzbas.cli", "export", str(tmp_path / "out")],
        env=_env(var_dir) | {"KUZBAS_MODE": "demo"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "datapackage.json").exists()
    people = (tmp_path / "out" / "members.person.csv").read_text()
    assert "rutgers" in people
