"""The API of background work: how far a job has got."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from kuzbas.background.access import job_for_user
from kuzbas.background.status import status_of

router = Router(tags=["tasks"])


class QueuedOut(Schema):
    """A job just queued: where to follow it."""

    id: str
    state: str
    url: str


def queued(job) -> dict:
    """Answer a request that queued a job (202): its id, its state and where to follow it."""
    return {"id": str(job.pk), "state": job.state, "url": f"/api/tasks/{job.pk}"}


class JobProblemOut(Schema):
    message: str
    field: str | None = None
    line: int | None = None


class JobOut(Schema):
    id: str
    kind: str
    label: str
    state: str
    done: int
    total: int
    stage: str
    message: str
    problems: list[JobProblemOut]
    outcome: dict
    url: str


@router.get(
    "/{job_id}",
    response=JobOut,
    summary="How far a job has got",
    description="queued, running (done of total), done (with its outcome) or failed (with its"
    " message and, for bad input, every problem); only its starter or someone with its right"
    " may read it (others get 404).",
)
def get_job(request: HttpRequest, job_id: str):
    return status_of(job_for_user(request.user, job_id)).__dict__
