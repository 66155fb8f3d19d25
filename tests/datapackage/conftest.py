"""Helpers for the data package's tests: empty the database as a new one, read a package."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection

from tests.conftest import empty_the_register


def empty_the_database() -> None:
    """Leave the database as `kuzbas migrate` leaves a new one (in the test's transaction)."""
    empty_the_register()
    if connection.vendor == "postgresql":
        # Rows written in the test's transaction have their links' checks pending, and
        # PostgreSQL will not truncate a table with pending checks: run them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    call_command("flush", interactive=False, verbosity=0)
    ContentType.objects.clear_cache()


def package_files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.fixture
def empty_database(db):
    yield empty_the_database
    # The test's transaction is rolled back with the content types flush made anew: the cache
    # would keep their numbers. Fill it again as the next test expects it, with the old ones.
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models())
