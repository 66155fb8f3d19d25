"""A job's page: its state, polled with htmx until it ends, then what to do next."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kuzbas.background.access import job_for_user
from kuzbas.background.status import status_of


@require_GET
def job(request: HttpRequest, job_id: str) -> HttpResponse:
    """The job's page; an htmx poll gets only its status."""
    status = status_of(job_for_user(request.user, job_id))
    template = "background/job.html#status" if request.headers.get("HX-Request") else None
    return render(request, template or "background/job.html", {"job": status})
