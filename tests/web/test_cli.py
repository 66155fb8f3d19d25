import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from kuzbas.cli import app
from kuzbas.members.models import Person, User

pytestmark = pytest.mark.django_db
runner = CliRunner()


def test_createuser_opens_an_account_with_a_role(db):
    result = runner.invoke(
        app,
        ["createuser", "reese", "--role", "board_member", "--password-stdin"],
        input="a long enough passphrase\n",
    )

    assert result.exit_code == 0, result.output
    user = User.objects.get(username="reese")
    assert user.check_password("a long enough passphrase")
    assert list(user.role_grants.values_list("role", flat=True)) == ["board_member"]


def test_createuser_refuses_a_weak_password_and_opens_nothing(db):
    result = runner.invoke(app, ["createuser", "reese", "--password-stdin"], input="123\n")

    assert result.exit_code == 1
    assert "password" in result.output
    assert not User.objects.filter(username="reese").exists()


def test_createuser_refuses_an_unknown_role(db):
    result = runner.invoke(
        app,
        ["createuser", "reese", "--role", "tsar", "--password-stdin"],
        input="a long enough passphrase\n",
    )

    assert result.exit_code == 1
    assert "unknown role 'tsar'" in result.output
    assert not User.objects.filter(username="reese").exists()


def test_import_people_names_the_bad_line_and_imports_nothing(db, tmp_path):
    csv_file = tmp_path / "people.csv"
    csv_file.write_text(
        "name_latin,member_from,membership_status\nGood,1922,member\nBad,1922-99,member\n"
    )

    result = runner.invoke(app, ["import-people", str(csv_file)])

    assert result.exit_code == 1
    assert f"{csv_file}:3: member_from: write YYYY, YYYY-MM or YYYY-MM-DD" in result.output
    assert not Person.objects.exists()


def test_import_people_imports_a_good_file(db, tmp_path):
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("name_latin,member_from,membership_status\nGood One,1922,member\n")

    result = runner.invoke(app, ["import-people", str(csv_file)])

    assert result.exit_code == 0, result.output
    assert "Imported 1 people and 1 memberships" in result.output


def test_statute_check_summarises_a_valid_statute():
    result = runner.invoke(app, ["statute", "check", "src/kuzbas/demo/statutes/aick-1922-10.toml"])

    assert result.exit_code == 0, result.output
    assert "OK" in result.output and "1 transfer" in result.output


def test_statute_check_names_the_file_and_line_of_each_problem():
    path = "tests/statute/bad/appeal_cycle.toml"

    result = runner.invoke(app, ["statute", "check", path])

    assert result.exit_code == 1
    assert f"{path}:" in result.output
    assert "not loaded" in result.output


def test_serve_collects_static_files_only_when_they_changed(tmp_path, settings):
    from kuzbas.cli import _collect_static

    source = tmp_path / "source"
    source.mkdir()
    (source / "extra.css").write_text("body {}")
    settings.STATICFILES_DIRS = [source]
    runs = []

    def collect(*args, **kwargs):
        runs.append(args)

    _collect_static(collect, tmp_path)
    _collect_static(collect, tmp_path)
    (source / "extra.css").write_text("body { margin: 0 }")
    _collect_static(collect, tmp_path)

    assert len(runs) == 2


def test_the_demo_serves_compressed_static_files_with_hashed_names_cached_for_good(tmp_path):
    """A phone on a slow line loads the demo's scripts and styles once, compressed."""
    script = """
import io, re, sys
from django.core.management import call_command
from django.test import Client
call_command("collectstatic", interactive=False, verbosity=0)
page = Client().get("/accounts/login/").content.decode()
css = re.search(r'/static/kuzbas/kuzbas\\.[0-9a-f]{12}\\.css', page).group(0)
from whitenoise.middleware import WhiteNoiseMiddleware
from django.core.wsgi import get_wsgi_application
app = get_wsgi_application()
seen = {}
def start_response(status, headers):
    seen["status"] = status
    seen.update({k.lower(): v for k, v in headers})
body = b"".join(app({"REQUEST_METHOD": "GET", "PATH_INFO": css, "SERVER_NAME": "localhost",
    "SERVER_PORT": "80", "wsgi.url_scheme": "http", "HTTP_ACCEPT_ENCODING": "gzip",
    "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr}, start_response))
print(seen["status"], seen.get("content-encoding"), seen.get("cache-control"), sep="|")
"""
    env = {
        **os.environ,
        "KUZBAS_MODE": "demo",
        "KUZBAS_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "kuzbas.web.settings",
    }
    env.pop("DEBUG", None)
    setup = "import django; django.setup()\n"
    result = subprocess.run(
        [sys.executable, "-c", setup + script], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    status, encoding, cache = result.stdout.strip().split("|")
    assert status == "200 OK"
    assert encoding == "gzip"
    assert "immutable" in cache
