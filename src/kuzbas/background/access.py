"""The one way to fetch a job a page or the API names: its starter, or someone with its right."""

from __future__ import annotations

import uuid

from django.utils.translation import gettext as _

from kuzbas.background.kinds import kind_of
from kuzbas.background.models import Job
from kuzbas.core.errors import NotFound, NotPermitted
from kuzbas.core.rights import has_right


def job_for_user(user, job_id) -> Job:
    """Return the job if the user started it or holds its kind's right; else NotFound."""
    try:
        key = uuid.UUID(str(job_id))
    except ValueError:
        raise NotFound(_("No such job.")) from None
    if not getattr(user, "pk", None):
        raise NotPermitted(_("Log in to follow this work."))
    job = Job.objects.filter(pk=key).select_related("started_by").first()
    if job is None:
        raise NotFound(_("No such job."))
    if job.started_by_id == user.pk or has_right(user, kind_of(job.kind).right):
        return job
    raise NotFound(_("No such job."))
