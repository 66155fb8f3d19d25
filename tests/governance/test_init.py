"""`kuzbas init` founds an enterprise on an empty database, and refuses anything else.

The command runs as a new enterprise runs it: a subprocess on a fresh SQLite file, in demo mode,
with the password on standard input. What it stored is read back by a second process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PASSWORD = "a long enough passphrase"
TODAY = "2026-05-01"

# Prints what the database holds, as JSON; a database without tables holds nothing.
SNAPSHOT = """
import json, sys, django
django.setup()
from kuzbas.governance.models import Decision, StatuteVersion
from kuzbas.governance.services.founding import founded_already
from kuzbas.members.models import User
held = founded_already()
print(json.dumps({
    "held": held,
    "users": [
        [u.username, u.is_superuser, u.has_usable_password(), u.check_password(sys.argv[1])]
        for u in User.objects.all()
    ] if held else [],
    "statutes": [
        [v.statute_id, v.version, v.effective.isoformat(), v.content_hash]
        for v in StatuteVersion.objects.all()
    ] if held else [],
    "register": [
        [d.sequence, d.outcome, d.motion.matter, d.motion.body.key, d.statute_hash, d.payload]
        for d in Decision.objects.select_related("motion__body")
    ] if held else [],
}))
"""


def _env(var_dir) -> dict[str, str]:
    drop = {"DATABASE_URL", "KUZBAS_MODE", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return env | {"KUZBAS_VAR_DIR": str(var_dir), "KUZBAS_TODAY": TODAY}


def kuzbas(
    var_dir, *args: str, stdin: str = PASSWORD + "\n", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kuzbas.cli", *args],
        env=_env(var_dir) | (env or {}),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=lambda: os.umask(0o022),  # a login shell's umask; init must not rely on it
    )


def snapshot(var_dir) -> dict:
    env = _env(var_dir) | {"DJANGO_SETTINGS_MODULE": "kuzbas.web.settings"}
    result = subprocess.run(
        [sys.executable, "-c", SNAPSHOT, PASSWORD],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def founded(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("coop")
    var_dir.chmod(0o755)  # as a folder made by hand would be; pytest makes its own 0700
    result = kuzbas(
        var_dir, "init", "--admin", "secretary", "--template", "cooperative", "--password-stdin"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return var_dir, result.stdout


def test_init_says_what_it_founded_and_how_to_start_the_server(founded):
    _var_dir, output = founded

    assert "administrator secretary" in output
    assert f"Statute of the worker cooperative, version 1, in force from {TODAY}" in output
    assert "Register entry 1, the founding" in output
    assert "kuzbas serve" in output


def test_init_keeps_var_and_the_database_private_to_the_service_user(founded):
    var_dir, _ = founded

    assert oct(var_dir.stat().st_mode & 0o777) == "0o700"
    assert oct((var_dir / "kuzbas.sqlite3").stat().st_mode & 0o777) == "0o600"


def test_the_administrator_can_log_in_with_the_password_given(founded):
    var_dir, _ = founded

    assert snapshot(var_dir)["users"] == [["secretary", True, True, True]]


def test_the_founding_statute_is_in_force_from_the_founding_day(founded):
    var_dir, _ = founded

    [statute] = snapshot(var_dir)["statutes"]

    assert statute[:3] == ["cooperative", "1", TODAY]


def test_the_founding_is_the_registers_first_entry_with_founder_version_and_hash(founded):
    var_dir, _ = founded
    state = snapshot(var_dir)
    statute_hash = state["statutes"][0][3]

    [(sequence, outcome, matter, body, recorded_hash, payload)] = state["register"]

    assert (sequence, outcome, matter, body) == (
        1,
        "carried",
        "statute_amendment",
        "general-meeting",
    )
    assert recorded_hash == statute_hash
    assert payload["kind"] == "founding"
    assert payload["founded_by"] == "secretary"
    assert payload["statute"]["hash"] == statute_hash
    assert (payload["statute"]["id"], payload["statute"]["version"]) == ("cooperative", "1")


def test_verify_passes_after_init(founded):
    var_dir, _ = founded

    result = kuzbas(var_dir, "verify")

    assert result.returncode == 0, result.stderr
    assert "Register OK: 1 entry" in result.stdout


def test_a_second_init_on_the_same_database_is_refused_and_changes_nothing(founded):
    var_dir, _ = founded
    before = snapshot(var_dir)

    again = kuzbas(
        var_dir, "init", "--admin", "other", "--template", "colony-1921", "--password-stdin"
    )

    assert again.returncode == 1
    assert "already holds an enterprise" in again.stderr
    assert snapshot(var_dir) == before


def test_init_founds_in_production_mode_creating_the_sqlite_folder(tmp_path):
    var_dir = tmp_path / "not-yet"
    production = {"KUZBAS_MODE": "production", "SECRET_KEY": "k" * 60, "ALLOWED_HOSTS": "x.org"}

    result = kuzbas(
        var_dir,
        *("init", "--admin", "secretary", "--template", "colony-1921", "--password-stdin"),
        env=production,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "in force from 1921-10-21" in result.stdout
    assert (var_dir / "kuzbas.sqlite3").is_file()


def test_an_unknown_template_is_refused_naming_the_templates_and_creates_nothing(tmp_path):
    result = kuzbas(tmp_path, "init", "--admin", "a", "--template", "kolkhoz", "--password-stdin")

    assert result.returncode == 2
    assert "--template: no template 'kolkhoz'" in result.stderr
    assert "cooperative" in result.stderr and "colony-1921" in result.stderr
    assert not (tmp_path / "kuzbas.sqlite3").exists()


def test_a_statute_file_with_a_mistake_is_refused_with_its_line_and_nothing_is_stored(tmp_path):
    from kuzbas.governance.statute_templates import TEMPLATES

    bad = tmp_path / "ours.toml"
    lines = TEMPLATES["cooperative"].text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text == 'competent = "board"')
    lines[line - 1] = 'competent = "bord"'
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = kuzbas(tmp_path, "init", "--admin", "a", "--statute", str(bad), "--password-stdin")

    assert result.returncode == 1
    assert f"{bad}:{line}: " in result.stderr
    assert "[ref.unresolved]" in result.stderr
    assert "Nothing was stored" in result.stderr
    assert not (tmp_path / "kuzbas.sqlite3").exists()


def test_a_weak_password_is_refused_and_nothing_is_stored(tmp_path):
    result = kuzbas(
        tmp_path,
        "init",
        "--admin",
        "a",
        "--template",
        "cooperative",
        "--password-stdin",
        stdin="12345\n",
    )

    assert result.returncode == 1
    assert "password: This password is too short" in result.stderr
    assert snapshot(tmp_path)["held"] == ""


# The founding service itself, in the test database.


def _found(template="cooperative", **overrides):
    from kuzbas.core.actor import Operator
    from kuzbas.governance.services.founding import found_enterprise
    from kuzbas.governance.statute_templates import TEMPLATES

    fields = {
        "username": "secretary",
        "password": PASSWORD,
        "text": TEMPLATES[template].text(),
        "file": TEMPLATES[template].file,
    }
    return found_enterprise(actor=Operator("test"), **(fields | overrides))


@pytest.mark.parametrize("template", ["cooperative", "colony-1921"])
def test_the_founding_shows_in_the_register_and_on_its_motions_page(db, client, template):
    from django.urls import reverse

    done = _found(template)
    client.force_login(done.admin)

    register = client.get(reverse("governance:register"))
    entry = client.get(reverse("governance:decision", args=[done.decision.sequence]))
    motion = client.get(reverse("governance:motion", args=[done.decision.motion.number]))

    assert register.status_code == entry.status_code == motion.status_code == 200
    for page in ("/", reverse("governance:statute"), reverse("governance:bodies")):
        assert client.get(page).status_code == 200, page
    assert "Founding: adoption of the statute" in register.content.decode()
    assert done.version.content_hash in entry.content.decode()


def test_founding_is_refused_where_an_account_exists_and_nothing_is_stored(db):
    from kuzbas.core.errors import Conflict
    from kuzbas.governance.models import StatuteVersion
    from tests.factories import UserFactory

    UserFactory(username="already")

    with pytest.raises(Conflict, match="already holds an enterprise"):
        _found()
    assert not StatuteVersion.objects.exists()


def test_a_statute_that_cannot_be_amended_is_refused_and_nothing_is_stored(db):
    from kuzbas.core.errors import Invalid
    from kuzbas.members.models import User
    from tests.statute.examples import COOP

    unamendable = COOP.replace('kind = "amendment"', 'kind = "ordinary"').split("[[entrenched]]")[0]

    with pytest.raises(Invalid) as refused:
        _found(text=unamendable, file="coop.toml")

    assert [p.message for p in refused.value.problems] == [
        'the statute names no matter of kind "amendment": it could never be amended'
    ]
    assert not User.objects.exists()
