"""A cursor whose statements PostgreSQL plans once a connection: for the few hot statements.

Django's cursors on PostgreSQL bind parameters on the client, so the database parses and
plans every statement anew. For the statements every phone of a large meeting sends (the
account behind a bearer token, the meeting and whether the voter is checked in, the ballot's
guarded write) planning cost the database more than running them: measured with
pg_stat_statements over 1,000 ballots, 400 µs of planning against 140 µs of execution a
ballot. A statement sent through `cursor()` is bound on the server and prepared at its first
use on a connection, so each connection plans it once.

It is Django's own cursor wrapper around a server-binding psycopg cursor, so database errors
are translated as usual. Elsewhere it is simply Django's cursor: on SQLite; with
`KUZBAS_PREPARED_STATEMENTS=no` (a pooler in transaction mode that cannot keep prepared
statements); and while Django records the statements it runs (DEBUG, or a test counting
them), since it records a prepared statement without its text.

Only statements whose parameters PostgreSQL can type belong here: a parameter is sent with its
Python type's type (an int as a number, a str as text of unknown type), not written into the
text, so a str compared with a column of another type is the column's type, as in a literal.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections


@contextmanager
def cursor() -> Iterator:
    """A cursor on the default database that prepares what it runs (PostgreSQL)."""
    db = connections[DEFAULT_DB_ALIAS]
    if (
        db.vendor != "postgresql"
        or db.queries_logged
        or not getattr(settings, "KUZBAS_PREPARED_STATEMENTS", True)
    ):
        with db.cursor() as found:
            yield found
        return
    import psycopg

    db.close_if_health_check_failed()
    db.ensure_connection()
    raw = db.connection
    if raw.prepare_threshold is None:
        # Django turns psycopg's preparing off; its own cursors bind on the client and never
        # prepare, so this turns it on for cursors like this one alone.
        raw.prepare_threshold = 0
    with db.wrap_database_errors:
        bound = psycopg.Cursor(raw)
    with db.make_cursor(bound) as wrapped:
        yield wrapped


def fetch_one(sql: str, params: Sequence) -> tuple | None:
    """Run one prepared statement and return its first row (None if it gave none)."""
    with cursor() as found:
        found.execute(sql, params)
        return found.fetchone()


def fetch_dict(sql: str, params: Sequence) -> dict | None:
    """Run one prepared statement and return its first row by column name (None if none)."""
    with cursor() as found:
        found.execute(sql, params)
        row = found.fetchone()
        if row is None:
            return None
        return dict(zip([c[0] for c in found.description], row, strict=True))
