"""Helpers for the data package's tests: empty the database as a new one, read a package."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management.color import no_style
from django.db import connection

from tests.conftest import empty_the_register

# Kept as migrate fills them, so that their numbers (and Django's cache of them) stay true.
KEPT = {"django_content_type", "auth_permission"}


def empty_the_database() -> None:
    """Leave the database as `kuzbas migrate` leaves a new one (in the test's transaction)."""
    empty_the_register()
    if connection.vendor == "postgresql":
        # Rows written in the test's transaction have their links' checks pending, and
        # PostgreSQL will not truncate a table with pending checks: run them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    tables = set(connection.introspection.django_table_names(only_existing=True)) - KEPT
    statements = connection.ops.sql_flush(no_style(), sorted(tables), allow_cascade=False)
    connection.ops.execute_sql_flush(statements)


def package_files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.fixture(autouse=True)
def _csv_cell_limit():
    """frictionless lifts the csv module's cell limit for the process; other tests rely on it."""
    limit = csv.field_size_limit()
    yield
    csv.field_size_limit(limit)


@pytest.fixture
def empty_database(db):
    return empty_the_database
