"""How far a check or import of a large file has got, kept where another request can read it.

An import reports progress to a callback `(done, total, stage)`: `stage` is "checking" (done
and total count lines of the file) or "writing" (they count rows to write).

The import page runs the check (and the import) in its own request; its script polls a small
fragment meanwhile. Progress is written to an `ImportJob` row, each write committed on its own
(the reading of the file runs outside the import's transaction), at most a few times a second.
The job is named by a random token the page makes before it sends the file, and only the user
who sent the file can read it.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Iterator

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kuzbas.core.errors import NotFound
from kuzbas.production.models.import_jobs import ImportJob, ImportStage

CHUNK = 20_000  # rows per progress report, and per write so that writing reports as it goes
Progress = Callable[[int, int, str], None]

TOKEN = re.compile(r"[0-9a-f]{32}")
EVERY = 0.5  # seconds between writes of the same stage
KEPT = dt.timedelta(days=1)


def reporting(records: Iterator, total: int, progress: Progress) -> Iterator:
    """Pass a file's lines through, reporting every `CHUNK` of them as checked."""
    progress(0, total, "checking")
    n = 0
    for n, record in enumerate(records, start=1):
        if n % CHUNK == 0:
            progress(n, max(total, n), "checking")
        yield record
    progress(n, n, "checking")


class JobProgress:
    """A progress callback (done, total, stage) that records into an `ImportJob`."""

    def __init__(self, job: ImportJob) -> None:
        self.job = job
        self._last = 0.0

    def __call__(self, done: int, total: int, stage: str) -> None:
        now = time.monotonic()
        if stage == self.job.stage and now - self._last < EVERY and done < total:
            return
        self._last = now
        self._save(stage=stage, done=done, total=total)

    def finish(self, *, ok: bool) -> None:
        stage = ImportStage.DONE if ok else ImportStage.FAILED
        self._save(stage=stage, done=self.job.total, total=self.job.total)

    def _save(self, **fields) -> None:
        for name, value in fields.items():
            setattr(self.job, name, value)
        ImportJob.objects.filter(pk=self.job.pk).update(updated=timezone.now(), **fields)


def start(user, token: str | None, filename: str = "") -> JobProgress | None:
    """Open the job a page asked for by its token; None if there is no (valid) token."""
    if not token or not TOKEN.fullmatch(token) or not getattr(user, "pk", None):
        return None
    ImportJob.objects.filter(updated__lt=timezone.now() - KEPT).delete()
    try:
        with transaction.atomic():
            job, _created = ImportJob.objects.update_or_create(
                token=token,
                user=user,
                defaults={"filename": filename[:255], "stage": ImportStage.CHECKING},
            )
    except IntegrityError:  # another user's token: this page gets no progress, nothing else
        return None
    return JobProgress(job)


def job_for_user(user, token: str) -> ImportJob | None:
    """Return the user's job with this token; None while the upload has not reached the server."""
    if not TOKEN.fullmatch(token):
        raise NotFound(_("No such import."))
    return ImportJob.objects.filter(token=token, user_id=user.pk).first()
