"""The database as it lies below the application, for the secret-ballot tests: the raw SQLite
file, and on PostgreSQL every tuple of every page (dead ones too, with the transaction that wrote
each) and the relation files after a checkpoint."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

# PostgreSQL: every tuple of every page of the application's tables and their TOAST tables.
_RELATIONS = """
SELECT c.oid, c.relname, t.relname FROM pg_class c
LEFT JOIN pg_class t ON t.reltoastrelid = c.oid
WHERE c.relkind IN ('r', 't') AND pg_relation_size(c.oid) > 0
  AND (c.relnamespace = 'public'::regnamespace OR t.relnamespace = 'public'::regnamespace)
"""
_TUPLES = """
SELECT p, lp, t_xmin::text::bigint, t_xmax::text::bigint, t_data
FROM generate_series(0, pg_relation_size(%s::oid) / current_setting('block_size')::int - 1) p,
     LATERAL heap_page_items(get_raw_page(%s::oid::regclass::text, p::bigint))
WHERE lp_flags = 1
ORDER BY p, lp
"""


@dataclass(frozen=True)
class Tuple:
    table: str
    place: tuple[int, int]  # page and line pointer
    xmin: int
    xmax: int  # the transaction that deleted it (or locked it); 0 if none
    data: bytes


def pageinspect() -> None:
    """Install pageinspect in the test database, which takes a superuser (as the throwaway
    cluster's role is), or skip saying why."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if not cursor.fetchone()[0]:
            pytest.skip(
                "reading raw pages takes a superuser: run on the cluster of scripts/pg-throwaway.sh"
            )
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pageinspect")


def tuples() -> list[Tuple]:
    """Every tuple on the pages of every table, live and dead (not yet vacuumed)."""
    pageinspect()
    found = []
    with connection.cursor() as cursor:
        cursor.execute(_RELATIONS)
        relations = cursor.fetchall()
        for oid, name, owner in relations:
            cursor.execute(_TUPLES, [oid, oid])
            for page, lp, xmin, xmax, data in cursor.fetchall():
                found.append(Tuple(owner or name, (page, lp), xmin, xmax, bytes(data or b"")))
    return found


def relation_files() -> dict[str, bytes]:
    """The files of every table, TOAST table and index of the database, after a checkpoint has
    written every page to them: what a copy of the data directory or a backup holds."""
    with connection.cursor() as cursor:
        cursor.execute("CHECKPOINT")
        cursor.execute("SHOW data_directory")
        (root,) = cursor.fetchone()
        cursor.execute(
            "SELECT c.relname, pg_relation_filepath(c.oid) FROM pg_class c"
            " WHERE c.relkind IN ('r', 't', 'i') AND pg_relation_size(c.oid) > 0"
            " AND c.relnamespace IN ('public'::regnamespace, 'pg_toast'::regnamespace)"
        )
        paths = cursor.fetchall()
    files = {}
    for name, path in paths:
        if not Path(root, path).exists():
            pytest.skip(f"the relation files under {root} cannot be read from this process")
        files[name] = Path(root, path).read_bytes()
    return files


def sqlite_file() -> bytes:
    """The SQLite database's bytes, page by page, free pages included."""
    connection.ensure_connection()
    return connection.connection.serialize()


def raw_bytes() -> bytes:
    """Every byte the database keeps of its tables and indexes: the SQLite file, or PostgreSQL's
    relation files after a checkpoint."""
    if connection.vendor == "sqlite":
        return sqlite_file()
    return b"".join(relation_files().values())
