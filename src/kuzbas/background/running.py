"""Start a job, and the task that runs it on the queue (django-tasks' database backend).

A job is a row (`Job`) and a task on the queue that names it; both are written in the
starter's transaction, so a rolled-back request leaves no job behind. The worker
(`kuzbas worker`) runs the task: it marks the job running, runs its kind's work in one
transaction in the starter's language, and records the end outside that transaction. A
refusal (a domain error: a bad row, a missing right) fails the job with its message and
problems; any other error fails it with a plain message, its traceback going to the server's
log and the queue's own record of the task, never to the user. Either way nothing the work
wrote is kept.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from kuzbas.audit.services import audit
from kuzbas.background import progress
from kuzbas.background.kinds import kind_of
from kuzbas.background.models import Job, JobState
from kuzbas.core.errors import DomainError, Invalid

logger = logging.getLogger(__name__)


@transaction.atomic
def start(
    *, actor, kind: str, label: str = "", params: dict | None = None, data: bytes = b"", total=0
) -> Job:
    """Queue a job of a registered kind for the actor; the worker runs it."""
    kind_of(kind)
    job = Job.objects.create(
        kind=kind,
        started_by=actor if getattr(actor, "pk", None) else None,
        label="".join(c for c in label if c.isprintable())[:255],
        language=translation.get_language() or settings.LANGUAGE_CODE,
        params=params or {},
        data=data,
        total=total,
    )
    audit(
        actor=actor,
        action="background.job.queue",
        obj=job,
        changes={"kind": kind, "label": job.label, "total": total},
    )
    run_job.enqueue(str(job.pk))
    return job


def fail_interrupted() -> int:
    """Fail the jobs a stopped worker left running (their transaction was rolled back).

    Called when `kuzbas worker` starts: the worker `kuzbas serve` starts is the only one, so a
    job still marked running then was cut short, and would otherwise show as running for ever.
    """
    cut = list(Job.objects.filter(state=JobState.RUNNING))
    for job in cut:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            message = _(
                "The worker was stopped while this ran, and nothing was stored. Start it again."
            )
        Job.objects.filter(pk=job.pk, state=JobState.RUNNING).update(
            state=JobState.FAILED, message=message, finished=timezone.now(), data=b""
        )
        audit(actor=None, action="background.job.cut_short", obj=job, changes={"kind": job.kind})
        progress.Report(job.pk).clear()
    return len(cut)


def enqueue_after_commit(task_to_run, *, then=None, **kwargs) -> None:
    """Queue a task once the current transaction commits (at once outside one): a rolled-back
    request queues nothing, and a slow task (a mail server) never holds the request.

    `then(result)` is given the task's result as the queue answers it: still waiting, with the
    worker, or already run where the queue runs each task at once (the tests' backend).
    """

    def enqueue() -> None:
        result = task_to_run.enqueue(**kwargs)
        if then is not None:
            then(result)

    transaction.on_commit(enqueue)


@task()
def run_job(job_id: str) -> str:
    """Run a queued job once; return the state it ended in."""
    job = Job.objects.select_related("started_by").get(pk=job_id)
    if job.state != JobState.QUEUED:
        return job.state
    kind = kind_of(job.kind)
    job.state, job.started = JobState.RUNNING, timezone.now()
    Job.objects.filter(pk=job.pk).update(state=job.state, started=job.started)
    report = progress.Report(job.pk)
    with translation.override(job.language or settings.LANGUAGE_CODE):
        try:
            with transaction.atomic():
                outcome, message = kind.run(job, report)
        except DomainError as error:
            problems = error.problems if isinstance(error, Invalid) else []
            _end(job, JobState.FAILED, message=error.message, problems=problems)
        except Exception:
            logger.exception("job %s (%s) stopped", job.pk, job.kind)
            _end(
                job,
                JobState.FAILED,
                message=_(
                    "It stopped on an unexpected error, and nothing was stored. The error is "
                    "in the server's log."
                ),
            )
            raise
        else:
            _end(job, JobState.DONE, message=message, outcome=outcome)
    return job.state


def _end(job: Job, state: str, *, message: str, outcome=None, problems=()) -> None:
    """Record how the job ended, outside its work's transaction; forget its file."""
    last = progress.read(job.pk)
    job.state, job.message, job.finished = state, message, timezone.now()
    job.total = last.get("total", job.total)
    job.done = job.total if state == JobState.DONE else last.get("done", 0)
    job.outcome = outcome or {}
    job.problems = [{"message": p.message, "field": p.field, "line": p.line} for p in problems]
    job.data = b""
    if state == JobState.FAILED:  # what the work wrote, its audit entries too, was rolled back
        audit(
            actor=job.started_by,
            action="background.job.failed",
            obj=job,
            changes={"kind": job.kind, "label": job.label, "message": message[:300]},
        )
    job.save(
        update_fields=[
            "state",
            "message",
            "finished",
            "total",
            "done",
            "outcome",
            "problems",
            "data",
        ]
    )
    progress.Report(job.pk).clear()
