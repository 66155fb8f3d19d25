"""Import of output, plans and headcount from CSV or XLSX: every bad row named, all or nothing.

A file is first *checked*: every row is parsed and validated against the units, products and
sources on record, and the result is a preview (what would be created, changed or left as it
is) with every problem and its line. *Committing* checks again and writes everything in one
transaction, or nothing. Rows are matched by their natural key (unit, product, day, period,
shift; or unit, date, category), so importing the same file twice changes nothing the second
time. The demo loader and the benchmark go through this same path.

Large files are the point (a colony's shifts over years run to millions of rows), so output
rows in the usual shape are checked by a fast path (`fast_path`), new output rows of months
with no output on record are written while the rest of the file is checked (`streaming`),
new rows go in with PostgreSQL's COPY (SQLite: one prepared INSERT for all rows), and the
monthly totals are recomputed for the touched months with one set-based statement.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import Conflict, Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.production import aggregates, selectors
from kuzbas.production.imports import progress as job_progress
from kuzbas.production.imports import staged, writing
from kuzbas.production.imports.checking import check_table
from kuzbas.production.imports.matching import classify
from kuzbas.production.imports.progress import Progress
from kuzbas.production.imports.reading import Table, read_table
from kuzbas.production.imports.rows import SPECS, Kind
from kuzbas.production.imports.streaming import OutputStream


@dataclass
class Preview:
    kind: Kind
    problems: list[Problem] = field(default_factory=list)
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    digest: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ImportResult:
    kind: str
    created: int
    changed: int
    unchanged: int
    months_refreshed: int


def preview_file(
    kind: Kind | str, data: bytes, filename: str = "", progress: Progress | None = None
) -> Preview:
    """Check a file and say what importing it would do; nothing is written."""
    kind = Kind(kind)
    table = read_table(data, filename)
    if kind == Kind.OUTPUT:
        stream = OutputStream(write=False)
        checked = check_table(kind, table, progress, stream)
        preview = Preview(kind=kind, problems=checked.problems)
        if preview.ok:
            changes = classify(SPECS[kind], stream.waiting, checked.citations)
            preview.created = stream.created + len(changes.created)
            preview.changed, preview.unchanged = len(changes.changed), changes.unchanged
        return preview
    checked = check_table(kind, table, progress)
    preview = Preview(kind=kind, problems=checked.problems)
    if preview.ok:
        changes = classify(SPECS[kind], checked.rows, checked.citations)
        preview.created, preview.changed = len(changes.created), len(changes.changed)
        preview.unchanged = changes.unchanged
    return preview


def import_file(
    *, actor, kind: Kind | str, data: bytes, filename: str = "", progress: Progress | None = None
) -> ImportResult:
    """Import every row of a file, or none: any bad row raises Invalid naming every problem."""
    require(actor, Right.PRODUCTION_IMPORT)
    digest = hashlib.sha256(data).hexdigest()
    table = read_table(data, filename)
    return _import(
        actor=actor,
        kind=Kind(kind),
        table=table,
        progress=progress,
        label=filename,
        digest=digest,
        data=data,
    )


def import_records(
    *,
    actor,
    kind: Kind | str,
    records: Iterable[dict],
    progress: Progress | None = None,
    label: str = "",
) -> ImportResult:
    """Import rows given as dicts of column → text (the demo loader's way in)."""
    require(actor, Right.PRODUCTION_IMPORT)
    kind = Kind(kind)
    header = list(SPECS[kind].names)
    lines = [(n, [r.get(h) or "" for h in header]) for n, r in enumerate(records, start=2)]
    table = Table(header, iter(lines), len(lines))
    return _import(actor=actor, kind=kind, table=table, progress=progress, label=label)


@transaction.atomic
def _import(
    *,
    actor,
    kind: Kind,
    table: Table,
    progress: Progress | None,
    label: str,
    digest: str = "",
    data: bytes | None = None,
) -> ImportResult:
    """Check and write a table in one transaction: every row, or none."""
    spec = SPECS[kind]
    report = progress or (lambda *_: None)
    staging = kind == Kind.OUTPUT and data is not None and progress is None
    if staging and staged.can_stage(data, table.header):
        done = staged.import_staged(data, table.header)
        if done is not None:
            months = aggregates.refresh_months(done.touched)
            result = ImportResult(kind.value, done.created, done.changed, done.unchanged, months)
            _audit(actor, kind, label, digest, result)
            return result
    streamed: list = []
    try:
        if kind == Kind.OUTPUT:
            with OutputStream(write=True) as stream:
                checked = check_table(kind, table, progress, stream)
                stream.close()
            waiting, created = stream.waiting, stream.created
            streamed = stream.days
        else:
            checked = check_table(kind, table, progress)
            waiting, created = checked.rows, 0
        if checked.problems:
            raise Invalid(problems=checked.problems)
        changes = classify(spec, waiting, checked.citations)
        total = len(changes.created) + len(changes.changed)
        report(0, total, "writing")
        key_length = spec.key_length
        plain = [r for r in changes.created if r[:key_length] not in checked.citations]
        cited = [r for r in changes.created if r[:key_length] in checked.citations]
        writing.insert(spec, plain, report, total)
        writing.insert_cited(spec, cited, checked.citations)
        writing.update(spec, changes.changed, checked.citations)
    except IntegrityError:
        raise Conflict(
            _("Another import wrote some of these rows at the same time; import the file again.")
        ) from None
    report(total, total, "writing")
    created += len(changes.created)
    months = writing.refresh_totals(kind, changes, total, streamed)
    result = ImportResult(kind.value, created, len(changes.changed), changes.unchanged, months)
    _audit(actor, kind, label, digest, result)
    return result


def _audit(actor, kind: Kind, label: str, digest: str, result: ImportResult) -> None:
    if result.created or result.changed:
        selectors.keep_for_the_first_view()
    audit(
        actor=actor,
        action=f"production.import.{kind.value}",
        changes={
            "file": label,
            "sha256": digest,
            "created": result.created,
            "changed": result.changed,
            "unchanged": result.unchanged,
        },
    )


def import_for_page(*, actor, kind: str, data: bytes, filename: str, token: str | None):
    """Import a file for the page, reporting progress under the page's token.

    The import checks and writes in one transaction, whose progress no other request can see;
    so with a token the file is first checked on its own, reported as it goes, then imported.
    """
    job = job_progress.start(actor, token, filename)
    if job is not None:
        preview_file(kind, data, filename, progress=job)
    return import_file(actor=actor, kind=kind, data=data, filename=filename, progress=job)
