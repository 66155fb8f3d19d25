"""A large production import is committed by the background worker; a small one in the request.

The rule: once a file is checked and previewed, committing one of more than `INLINE_ROWS`
rows queues it as a job (`kuzbas.background`): the worker imports it through the same public
service (`imports.importing.import_file`), in its one transaction, all rows or none, and the
page follows the job. A smaller file is imported at once, as before.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kuzbas.background import kinds, running
from kuzbas.background.models import Job
from kuzbas.core.rights import Right, require
from kuzbas.production.imports.importing import import_file

KIND = "production.import"
INLINE_ROWS = 1_000


def queue_import(*, actor, kind: str, data: bytes, filename: str, rows: int) -> Job:
    """Queue the import of a checked file as a job for the worker."""
    require(actor, Right.PRODUCTION_IMPORT)
    return running.start(
        actor=actor, kind=KIND, label=filename, params={"kind": kind}, data=data, total=rows
    )


def _run(job: Job, report) -> tuple[dict, str]:
    result = import_file(
        actor=job.started_by,
        kind=job.params["kind"],
        data=bytes(job.data),
        filename=job.label,
        progress=report,
    )
    message = _("Imported: %(c)s new, %(u)s changed, %(s)s already on record.") % {
        "c": result.created,
        "u": result.changed,
        "s": result.unchanged,
    }
    outcome = {
        "created": result.created,
        "changed": result.changed,
        "unchanged": result.unchanged,
    }
    return outcome, message


kinds.register(
    kinds.JobKind(
        name=KIND,
        title=gettext_lazy("Import of production figures"),
        right=Right.PRODUCTION_IMPORT,
        run=_run,
        result_url="production:dashboard",
        again_url="production:import",
    )
)
