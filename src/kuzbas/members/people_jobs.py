"""A large import of people runs in the background; a small one in the request.

The rule: a file of more than `INLINE_ROWS` rows (or any file, where the caller asks) is queued
as a job (`kuzbas.background`), which the worker checks and imports in one transaction, all
rows or none, reporting each row written; the page then follows the job. A smaller file is
imported at once, as before. Either way the same service, `people_import.import_people`, does
the work.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy, ngettext

from kuzbas.background import kinds, running
from kuzbas.background.models import Job
from kuzbas.core.errors import Invalid
from kuzbas.core.rights import Right, require
from kuzbas.members.people_import import ImportResult, count_rows, import_people, read_limits

KIND = "members.people_import"
# About what one request writes in a few seconds, each person with its audit entry.
INLINE_ROWS = 1_000


def import_or_queue(
    *, actor, data: bytes, filename: str = "", queue: bool | None = None
) -> ImportResult | Job:
    """Import a small file now; queue a large one (or any, with `queue=True`) as a job."""
    require(actor, Right.MEMBERS_IMPORT)
    rows = count_rows(data)
    if queue is None:
        queue = rows > INLINE_ROWS
    if not queue:
        return import_people(actor=actor, data=data)
    problems = read_limits(data)
    if problems:
        raise Invalid(problems=problems)
    return running.start(actor=actor, kind=KIND, label=filename, data=data, total=rows)


def _run(job: Job, report) -> tuple[dict, str]:
    result = import_people(
        actor=job.started_by,
        data=bytes(job.data),
        progress=lambda done, total: report(done, total, "writing" if done else "checking"),
    )
    message = ngettext(
        "Imported %(n)s person (%(m)s memberships).",
        "Imported %(n)s people (%(m)s memberships).",
        result.created,
    ) % {"n": result.created, "m": result.memberships}
    return {"created": result.created, "memberships": result.memberships}, message


kinds.register(
    kinds.JobKind(
        name=KIND,
        title=gettext_lazy("Import of people"),
        right=Right.MEMBERS_IMPORT,
        run=_run,
        result_url="members:list",
        again_url="members:import",
    )
)
