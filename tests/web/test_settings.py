import os
import subprocess
import sys

import pytest

from kuzbas.web.env import SettingError, env_bool, env_database_url, env_date, env_int


def test_it_refuses_a_yes_no_variable_that_is_neither():
    with pytest.raises(SettingError, match=r"DEBUG='maybe' is not a yes/no value"):
        env_bool("DEBUG", False, environ={"DEBUG": "maybe"})


def test_it_refuses_a_database_it_does_not_support():
    with pytest.raises(SettingError, match="DATABASE_URL='mysql://x/y': unsupported database"):
        env_database_url("DATABASE_URL", "sqlite:///x", environ={"DATABASE_URL": "mysql://x/y"})


def test_it_refuses_a_number_below_the_minimum():
    with pytest.raises(SettingError, match="below the minimum of 1"):
        env_int("N", 5, minimum=1, environ={"N": "0"})


def test_it_refuses_a_colony_date_that_is_not_a_date():
    with pytest.raises(SettingError, match="KUZBAS_TODAY='October 1922' is not a date"):
        env_date("KUZBAS_TODAY", environ={"KUZBAS_TODAY": "October 1922"})


def _run_kuzbas(*args: str, **env: str) -> subprocess.CompletedProcess:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "-m", "kuzbas.cli", *args],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_mode_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run_kuzbas(
        "check",
        KUZBAS_MODE="production",
        ALLOWED_HOSTS="kuzbas.example",
        KUZBAS_VAR_DIR=str(tmp_path),
    )

    assert result.returncode == 2
    assert "SECRET_KEY is required in production mode" in result.stderr


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = _run_kuzbas(
        "check",
        "--deploy",
        KUZBAS_MODE="production",
        ALLOWED_HOSTS="kuzbas.example",
        SECRET_KEY="s" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz!@#$",
        KUZBAS_VAR_DIR=str(tmp_path),
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_demo_mode_generates_a_secret_key_once_and_keeps_it(tmp_path):
    first = _run_kuzbas("check", KUZBAS_MODE="demo", KUZBAS_VAR_DIR=str(tmp_path))
    key = (tmp_path / "secret_key").read_text()
    second = _run_kuzbas("check", KUZBAS_MODE="demo", KUZBAS_VAR_DIR=str(tmp_path))

    assert first.returncode == second.returncode == 0
    assert len(key) >= 50
    assert (tmp_path / "secret_key").read_text() == key
    assert oct((tmp_path / "secret_key").stat().st_mode & 0o777) == "0o600"


def test_production_mode_refuses_to_start_with_debug_on(tmp_path):
    result = _run_kuzbas(
        "check",
        KUZBAS_MODE="production",
        ALLOWED_HOSTS="kuzbas.example",
        SECRET_KEY="s" * 20 + "0123456789abcdefghijklmnopqrstuvwxyz!@#$",
        KUZBAS_VAR_DIR=str(tmp_path),
        DEBUG="yes",
    )

    assert result.returncode == 2
    assert "DEBUG is on in production mode" in result.stderr


def test_pages_may_connect_to_the_live_streams_origin_and_to_no_other():
    code = (
        "from django.conf import settings;"
        "print(settings.KUZBAS_LIVE_STREAM);"
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['connect-src'])"
    )

    def connect_src(value: str) -> list[str]:
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        done = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env={
                **env,
                "DJANGO_SETTINGS_MODULE": "kuzbas.web.settings",
                "KUZBAS_LIVE_STREAM": value,
            },
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.splitlines()

    assert connect_src("https://live.example.org/") == [
        "https://live.example.org",
        "[\"'self'\", 'https://live.example.org']",
    ]
    assert connect_src("self") == ["self", "[\"'self'\"]"]
    assert connect_src("") == ["", "[\"'self'\"]"]
