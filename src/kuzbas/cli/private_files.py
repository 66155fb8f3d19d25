"""The service's data stays the service user's: `var/` and the SQLite database's folder 0700,
the database's files 0600, whoever else has an account on the machine.

A copy of the database holds live sessions and API token digests; a world-readable file let any
local user log in as a member.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
# What SQLite writes beside the database: the write-ahead log, its index, a rollback journal.
SQLITE_COMPANIONS = ("", "-wal", "-shm", "-journal")


def keep_private() -> None:
    """Make what this process and its children create private, and tighten what is there.

    The umask covers the files SQLite creates later (the database on first connection, its log
    and index at every checkpoint) in this process and in the gunicorn workers it starts.
    """
    from django.conf import settings

    os.umask(0o077)
    var_dir = Path(settings.VAR_DIR)
    if var_dir.is_dir():
        var_dir.chmod(PRIVATE_FOLDER)
    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("sqlite3") or str(database["NAME"]) == ":memory:":
        return
    path = Path(database["NAME"])
    # Only a folder made here, or var/, is tightened: the file may live in a shared one.
    path.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    for suffix in SQLITE_COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.is_file():
            companion.chmod(PRIVATE_FILE)
