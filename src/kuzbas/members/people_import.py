"""CSV import of people: every bad row is reported with its line, and nothing is half-done.

Columns (header row required; only `name_latin` is required in each row):
key, name_latin, name_original, nationality, languages (separated by ";"), trade,
home_site (a site key), description, email, membership_status, membership_category,
member_from, member_to (YYYY, YYYY-MM or YYYY-MM-DD), source (a source key), source_locator.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuzbas.core import formats
from kuzbas.core.dates import parse_partial
from kuzbas.core.errors import Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import control_problem, problems_from
from kuzbas.members import services
from kuzbas.members.models import MembershipCategory, MembershipStatus, Person, Site
from kuzbas.record.models import Evidence, Source

COLUMNS = (
    "key",
    "name_latin",
    "name_original",
    "nationality",
    "languages",
    "trade",
    "home_site",
    "description",
    "email",
    "membership_status",
    "membership_category",
    "member_from",
    "member_to",
    "source",
    "source_locator",
)
MAX_MB = 20
MAX_BYTES = MAX_MB * 1024 * 1024
# Each person is written through the services, with its audit entry. A file of more than
# `people_jobs.INLINE_ROWS` rows is imported by the background worker rather than in the request;
# past MAX_ROWS even that would hold the database for minutes, so the file is refused up front.
MAX_ROWS = 50_000
MAX_CELL = 10_000


@dataclass
class Row:
    line: int
    person: dict = field(default_factory=dict)
    key: str = ""
    membership: dict | None = None
    citation: dict | None = None


@dataclass(frozen=True)
class ImportResult:
    created: int
    memberships: int


def read_limits(data: bytes) -> list[Problem]:
    """Return what makes the file too large or unreadable to check at all (before any row)."""
    if len(data) > MAX_BYTES:
        return [Problem(_("the file is larger than %(mb)s MB") % {"mb": MAX_MB})]
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return [Problem(_("the file is not UTF-8 text (byte %(pos)s)") % {"pos": error.start})]
    if count_rows(data) > MAX_ROWS:
        return [
            Problem(
                ngettext(
                    "the file has more than %(n)s row; split it into files of at most %(n)s rows",
                    "the file has more than %(n)s rows; split it into files of at most %(n)s rows",
                    MAX_ROWS,
                )
                % {"n": formats.number(MAX_ROWS)}
            )
        ]
    return []


def read_rows(data: bytes) -> tuple[list[Row], list[Problem]]:
    """Parse and check every row without writing anything."""
    limits = read_limits(data)
    if limits:
        return [], limits
    text = data.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
    except csv.Error:
        return [], [_too_long(reader.reader.line_num)]
    if not header:
        return [], [Problem(_("the file is empty; the first line must name the columns"), line=1)]
    reader.fieldnames = header
    problems: list[Problem] = []
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        problems.append(
            Problem(_("unknown columns: %(cols)s") % {"cols": ", ".join(unknown)}, line=1)
        )
    if "name_latin" not in header:
        problems.append(Problem(_("the column name_latin is missing"), line=1))
    if problems:
        return [], problems

    sites = {s.key: s for s in Site.objects.all()}
    sources = {s.key: s for s in Source.objects.all()}
    existing_keys = set(Person.objects.values_list("key", flat=True))
    seen: dict[str, int] = {}
    rows: list[Row] = []
    for record in _records(reader, problems):
        line = reader.line_num
        if None in record:
            problems.append(Problem(_("more values than columns"), line=line))
            continue
        values = {k: (v or "").strip() for k, v in record.items()}
        if not any(values.values()):
            continue
        cell_problems = _cell_problems(line, values)
        if cell_problems:
            problems.extend(cell_problems)
            continue
        row_problems, row = _check_row(line, values, sites, sources)
        if row.key:
            if row.key in services.RESERVED_KEYS:
                row_problems.append(
                    Problem(
                        _("“%(key)s” names a page of the registry; choose another key.")
                        % {"key": row.key},
                        field="key",
                        line=line,
                    )
                )
            elif row.key in existing_keys:
                row_problems.append(
                    Problem(_("a person with this key already exists"), field="key", line=line)
                )
            elif row.key in seen:
                row_problems.append(
                    Problem(
                        _("the key is used again (first on line %(n)s)") % {"n": seen[row.key]},
                        field="key",
                        line=line,
                    )
                )
            else:
                seen[row.key] = line
        problems.extend(row_problems)
        rows.append(row)
    if not rows and not problems:
        problems.append(Problem(_("the file has a header but no rows"), line=2))
    return rows, problems


def count_rows(data: bytes) -> int:
    """Return about how many rows a file has below its header (its lines, less one)."""
    return max(0, data.count(b"\n") - (1 if data.endswith(b"\n") else 0))


def _records(reader: csv.DictReader, problems: list[Problem]):
    """Yield the reader's rows; one the reader cannot take ends the file with its problem."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error:
            problems.append(_too_long(reader.reader.line_num))
            return


def _too_long(line: int, column: str | None = None) -> Problem:
    return Problem(
        _("a cell is longer than %(n)s characters") % {"n": formats.number(MAX_CELL)},
        field=column,
        line=line,
    )


def _cell_problems(line: int, values: dict[str, str]) -> list[Problem]:
    """Name each cell that is too long or holds a control character."""
    problems = []
    for name, value in values.items():
        if len(value) > MAX_CELL:
            problems.append(_too_long(line, name))
        elif problem := control_problem(
            value, field=name, line=line, multiline=name == "description"
        ):
            problems.append(problem)
    return problems


def _check_row(line, values, sites, sources) -> tuple[list[Problem], Row]:
    problems: list[Problem] = []
    row = Row(line=line, key=values.get("key", ""))
    langs = [x.strip() for x in values.get("languages", "").split(";") if x.strip()]
    person = {
        "name_latin": values.get("name_latin", ""),
        "name_original": values.get("name_original", ""),
        "nationality": values.get("nationality", ""),
        "languages": langs,
        "trade": values.get("trade", ""),
        "description": values.get("description", ""),
        "email": values.get("email", ""),
        "home_site": None,
    }
    site_key = values.get("home_site", "")
    if site_key:
        if site_key not in sites:
            problems.append(
                Problem(_("no site with key %(k)r") % {"k": site_key}, field="home_site", line=line)
            )
        person["home_site"] = sites.get(site_key)
    candidate = Person(key=row.key or "placeholder", **person)
    try:
        candidate.full_clean(validate_unique=False)
    except ValidationError as error:
        problems.extend(problems_from(error, line=line))
    row.person = person

    status = values.get("membership_status", "")
    start = values.get("member_from", "")
    if status or start or values.get("membership_category") or values.get("member_to"):
        problems.extend(_check_membership(line, values, row))

    source_key = values.get("source", "")
    if source_key:
        if source_key not in sources:
            problems.append(
                Problem(
                    _("no source with key %(k)r") % {"k": source_key}, field="source", line=line
                )
            )
        row.citation = {
            "source": sources.get(source_key),
            "locator": values.get("source_locator", ""),
            "status": Evidence.DOCUMENTED,
        }
    elif values.get("source_locator"):
        problems.append(Problem(_("a locator needs a source"), field="source", line=line))
    return problems, row


def _check_membership(line: int, values: dict, row: Row) -> list[Problem]:
    problems = []
    status = values.get("membership_status", "")
    category = values.get("membership_category", "") or MembershipCategory.COLONIST
    if status not in MembershipStatus.values:
        problems.append(
            Problem(
                _("must be one of %(v)s") % {"v": ", ".join(MembershipStatus.values)},
                field="membership_status",
                line=line,
            )
        )
    if category not in MembershipCategory.values:
        problems.append(
            Problem(
                _("must be one of %(v)s") % {"v": ", ".join(MembershipCategory.values)},
                field="membership_category",
                line=line,
            )
        )
    start = end = None
    if not values.get("member_from"):
        problems.append(
            Problem(_("a membership needs its first day"), field="member_from", line=line)
        )
    else:
        try:
            start = parse_partial(values["member_from"])
        except ValueError:
            problems.append(
                Problem(_("write YYYY, YYYY-MM or YYYY-MM-DD"), field="member_from", line=line)
            )
    if values.get("member_to"):
        try:
            end = parse_partial(values["member_to"], end=True)
        except ValueError:
            problems.append(
                Problem(_("write YYYY, YYYY-MM or YYYY-MM-DD"), field="member_to", line=line)
            )
    if start and end and end[0] < start[0]:
        problems.append(Problem(_("ends before it starts"), field="member_to", line=line))
    if not problems and start:
        row.membership = {
            "status": status,
            "category": category,
            "valid_from": start[0],
            "from_precision": start[1],
            "valid_to": end[0] if end else None,
            "to_precision": end[1] if end else "day",
        }
    return problems


def import_people(
    *, actor, data: bytes, progress: Callable[[int, int], None] | None = None
) -> ImportResult:
    """Import every row, or none: any bad row raises Invalid listing every problem.

    `progress(done, total)` is told of each row written (done 0: the rows are being checked).
    """
    require(actor, Right.MEMBERS_IMPORT)
    if progress:
        progress(0, count_rows(data))
    rows, problems = read_rows(data)
    if problems:
        raise Invalid(problems=problems)
    memberships = 0
    with transaction.atomic():
        for n, row in enumerate(rows, start=1):
            citations = [row.citation] if row.citation else []
            person = services.create_person(
                actor=actor, key=row.key, citations=citations, **row.person
            )
            if row.membership:
                services.add_membership(
                    actor=actor, person=person, citations=citations, **row.membership
                )
                memberships += 1
            if progress:
                progress(n, len(rows))
    return ImportResult(created=len(rows), memberships=memberships)
