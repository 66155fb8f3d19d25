"""How far a running job has got, kept where the pages and the API can read it.

A job's work runs in one transaction, which no other connection sees (and which on SQLite
holds the only write lock), so progress cannot be a row the work updates. It is a small file
under `JOB_PROGRESS_DIR` (`var/job-progress/` by default), replaced as a whole at most a few
times a second and deleted when the job ends; the job's row keeps the final count. The worker
that `kuzbas serve` starts runs beside the web server, on the same machine, so both see the
same folder.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from django.conf import settings

EVERY = 0.25  # seconds between writes of the same stage


def folder() -> Path:
    configured = getattr(settings, "JOB_PROGRESS_DIR", None)
    return Path(configured) if configured else Path(settings.VAR_DIR) / "job-progress"


def _path(job_id) -> Path:
    return folder() / f"{job_id}.json"


class Report:
    """A progress callback `(done, total, stage)` for one job, written to its file."""

    def __init__(self, job_id) -> None:
        self.job_id = job_id
        self._last = 0.0
        self._stage = ""

    def __call__(self, done: int, total: int, stage: str = "") -> None:
        now = time.monotonic()
        if stage == self._stage and now - self._last < EVERY and done < total:
            return
        self._last, self._stage = now, stage
        where = folder()
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=where, delete=False, suffix=".part") as out:
            json.dump({"done": done, "total": total, "stage": stage}, out)
        os.replace(out.name, _path(self.job_id))

    def clear(self) -> None:
        _path(self.job_id).unlink(missing_ok=True)


def read(job_id) -> dict:
    """Return the running job's last report ({done, total, stage}), or {} if none yet."""
    try:
        return json.loads(_path(job_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
