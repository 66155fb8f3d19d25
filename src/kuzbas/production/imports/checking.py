"""Checking a file's rows against its kind's specification: every problem with its line and
column, a row seen twice named with the line it was first on, and the evidence each row cites.

Output rows in the usual shape go through `fast_path` first; any row it does not fully accept
comes back here (`Checker.slow`), so both accept the same rows and name the same problems.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

from django.utils.translation import gettext as _

from kuzbas.core.errors import Problem
from kuzbas.production import quantities
from kuzbas.production.imports import cells, fast_path
from kuzbas.production.imports.copy_format import copy_text
from kuzbas.production.imports.matching import Catalogue
from kuzbas.production.imports.progress import Progress, reporting
from kuzbas.production.imports.reading import Table
from kuzbas.production.imports.rows import SPECS, CitationSpec, Kind
from kuzbas.production.models.catalogue import Product
from kuzbas.production.periods import period_end
from kuzbas.record.models import Evidence

_EVIDENCE = frozenset(Evidence.values)


@dataclass
class Checked:
    """Every row of a file, checked: the typed rows (see `rows`), and every problem."""

    kind: Kind
    rows: list[tuple] = field(default_factory=list)
    # Evidence by row key, for the rows that have any.
    citations: dict[tuple, CitationSpec] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def check_table(
    kind: Kind,
    table: Table,
    progress: Progress | None = None,
    stream: Callable[[list[tuple], Checked], None] | None = None,
) -> Checked:
    """Parse and check every row of a table.

    Nothing is written here; `stream`, if given, is handed the output rows checked so far, a
    few thousand at a time, so that writing them overlaps with checking the rest.
    """
    checked = Checked(kind=kind, problems=_header_problems(kind, table.header))
    if checked.problems:
        return checked
    checker = Checker(kind, table.header, Catalogue())
    records = table.records
    if progress is not None:
        records = reporting(records, table.lines, progress)
    if kind == Kind.OUTPUT:
        fast_path.output_rows(checker, records, checked, stream)
    else:
        for line, values in records:
            checker.slow(line, values, checked)
    spec = SPECS[kind]
    if spec.check_rows is not None and checked.rows:
        checked.problems.extend(spec.check_rows(checked.rows, checker.seen))
    if not checked.rows and not checked.problems:
        checked.problems.append(Problem(_("the file has a header but no rows"), line=2))
    return checked


def _header_problems(kind: Kind, header: list[str]) -> list[Problem]:
    if not header or not any(header):
        return [Problem(_("the file is empty; the first line must name the columns"), line=1)]
    spec = SPECS[kind]
    problems = []
    unknown = [h for h in header if h not in spec.names]
    if unknown:
        problems.append(Problem(_("unknown columns: %(c)s") % {"c": ", ".join(unknown)}, line=1))
    missing = [c for c in spec.required if c not in header]
    if missing:
        problems.append(Problem(_("missing columns: %(c)s") % {"c": ", ".join(missing)}, line=1))
    return problems


class Checker:
    """Checks rows of one file; caches what repeats (dates, units of measure) as it goes."""

    IDENTITY = Fraction(1)  # the factor of a quantity entered in the product's own unit

    def __init__(self, kind: Kind, header: list[str], catalogue: Catalogue) -> None:
        self.kind = kind
        self.spec = SPECS[kind]
        self.header = header
        self.catalogue = catalogue
        self.columns = [c for c in self.spec.columns if c.parse is not None]
        self.seen: dict[tuple, int] = {}
        self.periods: dict[tuple[str, str], tuple[dt.date, dt.date, str, str] | None] = {}
        self.factors: dict[tuple[str, int], tuple[Fraction, str, str] | None] = {}

    def slow(self, line: int, values: list[str], checked: Checked) -> None:
        """Check a row field by field, naming every problem."""
        if len(values) > len(self.header):
            checked.problems.append(Problem(_("more values than columns"), line=line))
            return
        record = {h: (v or "").strip() for h, v in zip(self.header, values, strict=False)}
        if not any(record.values()):
            return
        parsing = cells.Cells(line, record, self.catalogue)
        for column in self.columns:
            parsing.parsed[column.name] = column.parse(parsing, column.name)
        problems = parsing.problems
        row = None if problems else self.spec.build(parsing.parsed)
        citation, cite_problems = citation_of(line, record, self.catalogue)
        problems.extend(cite_problems)
        if row is not None and not problems:
            key = row[: self.spec.key_length]
            if key in self.seen:
                problems.append(
                    Problem(
                        _("the same row again (first on line %(n)s)") % {"n": self.seen[key]},
                        line=line,
                    )
                )
            else:
                self.seen[key] = line
                checked.rows.append(row)
                if citation:
                    checked.citations[key] = citation
        checked.problems.extend(problems)

    def period(self, kind: str, text: str) -> tuple | None:
        """Return start, end and both as text for a valid period, or None.

        Cached: a file repeats its days.
        """
        key = (kind, text)
        if key not in self.periods:
            parsing = cells.Cells(0, {"period_kind": kind, "period_start": text}, None)
            parsing.parsed["period_kind"] = found = cells.period_kind(parsing, "period_kind")
            start = cells.period_start(parsing, "period_start")
            if parsing.problems:
                self.periods[key] = None
            else:
                end = period_end(found, start)
                self.periods[key] = (start, end, start.isoformat(), end.isoformat())
        return self.periods[key]

    def factor(self, entered: str, product: Product) -> tuple[Fraction, str, str] | None:
        """Return the factor from the entered unit to the product's, and the unit as stored
        (plain, and escaped for COPY)."""
        key = (entered, product.pk)
        if key not in self.factors:
            name = entered.strip() or product.unit_of_measure
            try:
                if name == product.unit_of_measure.strip():
                    self.factors[key] = (self.IDENTITY, name, copy_text(name))
                else:
                    factor = quantities.product_factor(name, product)
                    self.factors[key] = (factor, name, copy_text(name))
            except quantities.UnknownUnit:
                self.factors[key] = None
        return self.factors[key]


def citation_of(
    line: int, values: dict[str, str], catalogue: Catalogue
) -> tuple[CitationSpec | None, list[Problem]]:
    """Return the evidence a row cites (None if it cites none) and its problems."""
    problems: list[Problem] = []
    source_key = values.get("source", "")
    evidence = values.get("evidence", "") or (Evidence.DOCUMENTED if source_key else "")
    source_id = None
    if evidence and evidence not in _EVIDENCE:
        problems.append(
            Problem(
                _("must be one of %(v)s") % {"v": ", ".join(Evidence.values)},
                field="evidence",
                line=line,
            )
        )
    if source_key:
        source_id = catalogue.sources.get(source_key)
        if source_id is None:
            problems.append(
                Problem(
                    _("no source with key %(k)r") % {"k": source_key}, field="source", line=line
                )
            )
    elif evidence == Evidence.DOCUMENTED:
        problems.append(Problem(_("a documented figure needs a source"), field="source", line=line))
    elif values.get("locator"):
        problems.append(Problem(_("a locator needs a source"), field="source", line=line))
    if not evidence or problems:
        return None, problems
    return CitationSpec(source_id, values.get("locator", ""), evidence, values.get("note", "")), []
