"""The e-mail settings invitations use: read from the environment, refusing bad values.

(The readers live in `kuzbas.web.env`; their tests sit here, beside the invitations that need
them, while tests/web belongs to another piece of work.)
"""

import os
import subprocess
import sys

import pytest

from kuzbas.web.env import SettingError, env_email, env_int, env_text


@pytest.mark.parametrize(
    "value", ["kuzbas@coop.example", "Zarya Cooperative <kuzbas@coop.example>"]
)
def test_a_sender_is_an_address_with_or_without_a_name(value):
    assert env_email("DEFAULT_FROM_EMAIL", "x@y", environ={"DEFAULT_FROM_EMAIL": value}) == value


@pytest.mark.parametrize("value", ["kuzbas", "kuzbas@", "two words@coop.example"])
def test_it_refuses_a_sender_that_is_not_an_address(value):
    with pytest.raises(SettingError, match=r"DEFAULT_FROM_EMAIL=.* is not an e-mail address"):
        env_email("DEFAULT_FROM_EMAIL", "x@y", environ={"DEFAULT_FROM_EMAIL": value})


def test_it_refuses_a_port_above_the_last_one():
    with pytest.raises(SettingError, match="EMAIL_PORT=70000 is above the maximum of 65535"):
        env_int("EMAIL_PORT", 25, minimum=1, maximum=65535, environ={"EMAIL_PORT": "70000"})


def test_it_refuses_a_line_break_in_a_header_value():
    with pytest.raises(SettingError, match="KUZBAS_ENTERPRISE_NAME holds a line break"):
        env_text(
            "KUZBAS_ENTERPRISE_NAME",
            "Kuzbas",
            environ={"KUZBAS_ENTERPRISE_NAME": "Zarya\nBcc: everyone@example.org"},
        )


def test_it_refuses_to_start_with_both_tls_and_ssl():
    env = {
        k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY"}
    }
    result = subprocess.run(
        [sys.executable, "-c", "import kuzbas.web.settings"],
        env={**env, "KUZBAS_MODE": "test", "EMAIL_USE_TLS": "yes", "EMAIL_USE_SSL": "yes"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "EMAIL_USE_TLS and EMAIL_USE_SSL are both on" in result.stderr


def test_production_sends_through_smtp_and_the_demo_prints(tmp_path):
    script = "from django.conf import settings; print(settings.EMAIL_BACKEND)"
    base = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}

    def backend(mode: str, **extra: str) -> str:
        env = {
            **base,
            "DJANGO_SETTINGS_MODULE": "kuzbas.web.settings",
            "KUZBAS_MODE": mode,
            "KUZBAS_VAR_DIR": str(tmp_path),
            "SECRET_KEY": "s" * 60,
            "ALLOWED_HOSTS": "coop.example",
            **extra,
        }
        run = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
        )
        return run.stdout.strip().rsplit(".", 2)[-2]

    assert backend("production") == "smtp"
    assert backend("demo") == "console"
    assert backend("demo", KUZBAS_EMAIL_BACKEND="smtp") == "smtp"
