"""Shared fixtures: the named personas every permission test uses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from kuzbas.core.rights import Role
from tests.factories import MembershipFactory, PersonFactory, RoleGrantFactory, UserFactory

# Property tests check what is true of every input, not how fast it is checked: the machines are
# shared and a database round trip can take a second under load, so no example has a deadline
# and slow input generation is not a failure (speed is measured by bench/, never by tests).
hypothesis_settings.register_profile(
    "kuzbas", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("kuzbas")


@pytest.fixture(scope="session", autouse=True)
def _register_key(tmp_path_factory):
    """Sign the register's heads with a key of the test session's, not one in the work tree."""
    from django.test.utils import override_settings

    with override_settings(REGISTER_KEY=tmp_path_factory.mktemp("keys") / "register.key"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Empty the page cache between tests: a test's database starts over, the cache would not."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """Start each test in the default language: a Russian page activates Russian for the thread,
    and a service called directly afterwards would answer in it."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _ballot_keys(settings, tmp_path):
    """Keep each test's ballot-box keys in its own directory: motions of parallel test
    databases share numbers, their keys must not share files."""
    settings.BALLOT_KEY_DIR = tmp_path / "ballot-keys"


@pytest.fixture(autouse=True)
def _job_progress_dir(settings, tmp_path):
    """Keep each test's background-job progress files in its own folder, not under var/."""
    settings.JOB_PROGRESS_DIR = tmp_path / "job-progress"


@pytest.fixture
def database_queue(settings):
    """Queue tasks in the database, as the service does, for `kuzbas worker` to run
    (`tests.worker.run_worker`); otherwise the tests' queue runs each task at once."""
    import signal

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker takes over the stop signals while it runs; give them back to pytest.
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


# Personas: a name, and the roles they hold by hand. "colonist" holds none: their rights follow
# from an open membership. "outsider" has an account and a membership that ended.
PERSONAS = {
    "anonymous": None,
    "outsider": [],
    "colonist": [],
    "board_member": [Role.BOARD_MEMBER],
    "director": [Role.DIRECTOR],
    "clerk": [Role.CLERK],
    "bureau_clerk": [Role.BUREAU_CLERK],
    "authority_rep": [Role.AUTHORITY_REP],
    "auditor": [Role.AUDITOR],
    "admin": [Role.ADMIN],
}


@dataclass
class Persona:
    name: str
    user: object | None
    client: Client


def make_persona(name: str) -> Persona:
    client = Client()
    roles = PERSONAS[name]
    if roles is None:
        return Persona(name, None, client)
    person = PersonFactory(key=f"persona-{name.replace('_', '-')}", name_latin=f"Persona {name}")
    if name == "outsider":
        MembershipFactory(
            person=person, valid_from=dt.date(1921, 1, 1), valid_to=dt.date(1921, 12, 31)
        )
    elif name == "colonist":
        MembershipFactory(person=person, valid_from=dt.date(1921, 1, 1))
    user = UserFactory(username=name, person=person)
    for role in roles:
        RoleGrantFactory(user=user, role=role)
    client.force_login(user)
    return Persona(name, user, client)


@pytest.fixture
def personas(db) -> dict[str, Persona]:
    return {name: make_persona(name) for name in PERSONAS}


@pytest.fixture
def clerk(db) -> Persona:
    return make_persona("clerk")


@pytest.fixture
def colonist(db) -> Persona:
    return make_persona("colonist")


@pytest.fixture
def operator():
    from kuzbas.core.actor import Operator

    return Operator("test")


def empty_the_register() -> None:
    """Delete the register's entries behind the application's back (its triggers refuse it),
    so that a transactional test's database can be emptied afterwards."""
    import importlib

    from django.db import connection

    triggers = importlib.import_module(
        "kuzbas.governance.migrations.0004_register_refuses_update_and_delete"
    )
    install, remove = triggers.STATEMENTS[connection.vendor]
    with connection.cursor() as cursor:
        for statement in remove:
            cursor.execute(statement)
        cursor.execute("DELETE FROM governance_decision")
        for statement in install:
            cursor.execute(statement)


@pytest.fixture
def register_emptied_afterwards(transactional_db):
    """A transactional test that writes register entries: they are removed when it ends."""
    yield
    empty_the_register()
