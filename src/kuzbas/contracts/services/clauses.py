"""Sections and clauses of a draft version: added, changed, moved, removed.

A version's text is written only while it is a draft (`transitions.can_edit`): what the body
votes on is what comes into force.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.contracts import transitions
from kuzbas.contracts.models.versions import Clause, Section, Version
from kuzbas.core.errors import Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.record.services import attach_citations

CLAUSE_FIELDS = ("number", "text", "translation", "illustrative", "section")


def _editable(version: Version) -> None:
    transitions.refuse_unless(transitions.can_edit(version), version)


def _next_order(rows) -> int:
    return (rows.aggregate(highest=Max("order"))["highest"] or 0) + 1


@transaction.atomic
def add_section(
    *, actor, version: Version, heading: str, number: str = "", heading_translation: str = ""
) -> Section:
    """Add a section at the end of a draft version."""
    require(actor, Right.CONTRACTS_EDIT)
    _editable(version)
    section = Section(
        version=version,
        number=number.strip(),
        heading=heading.strip(),
        heading_translation=heading_translation.strip(),
        order=_next_order(version.sections.all()),
    )
    full_clean_or_invalid(section)
    section.save()
    audit(
        actor=actor,
        action="contracts.section.add",
        obj=version,
        changes={"section": section.pk, "number": section.number, "heading": section.heading},
    )
    return section


def _section_of(version: Version, section: Section | None) -> Section | None:
    if section is not None and section.version_id != version.pk:
        raise Invalid(problems=[Problem(_("That section is of another version."), field="section")])
    return section


@transaction.atomic
def add_clause(
    *,
    actor,
    version: Version,
    number: str,
    text: str,
    translation: str = "",
    section: Section | None = None,
    illustrative: bool = False,
    citations: Iterable[Mapping[str, Any]] = (),
) -> Clause:
    """Add a clause at the end of a draft version (in a section, if one is named)."""
    require(actor, Right.CONTRACTS_EDIT)
    _editable(version)
    clause = Clause(
        version=version,
        section=_section_of(version, section),
        number=number.strip(),
        text=text.strip(),
        translation=translation.strip(),
        illustrative=illustrative,
        order=_next_order(version.clauses.all()),
    )
    full_clean_or_invalid(clause)
    clause.save()
    attach_citations(actor=actor, obj=clause, citations=citations)
    audit(
        actor=actor,
        action="contracts.clause.add",
        obj=version,
        changes={"clause": clause.pk, "number": clause.number, "illustrative": illustrative},
    )
    return clause


@transaction.atomic
def change_clause(*, actor, clause: Clause, **changes: Any) -> Clause:
    """Change a draft's clause: its number, text, translation, section or illustrative mark."""
    require(actor, Right.CONTRACTS_EDIT)
    _editable(clause.version)
    unknown = set(changes) - set(CLAUSE_FIELDS)
    if unknown:
        raise Invalid(
            problems=[
                Problem(_("A clause has no field %(f)s.") % {"f": f}, field=f) for f in unknown
            ]
        )
    before = {name: getattr(clause, name) for name in changes}
    if "section" in changes:
        changes["section"] = _section_of(clause.version, changes["section"])
    for name, value in changes.items():
        setattr(clause, name, value.strip() if isinstance(value, str) else value)
    full_clean_or_invalid(clause)
    clause.save()
    audit(
        actor=actor,
        action="contracts.clause.change",
        obj=clause.version,
        changes={
            "clause": clause.pk,
            **{
                name: [str(before[name]), str(getattr(clause, name))]
                for name in changes
                if before[name] != getattr(clause, name)
            },
        },
    )
    return clause


@transaction.atomic
def remove_clause(*, actor, clause: Clause) -> None:
    """Take a clause out of a draft version (an amendment that drops it shows it removed)."""
    require(actor, Right.CONTRACTS_EDIT)
    version = clause.version
    _editable(version)
    if clause.obligations.exists():
        raise Invalid(
            problems=[
                Problem(
                    _("Clause %(n)s creates obligations; remove them first.")
                    % {"n": clause.number},
                    field="clause",
                )
            ]
        )
    audit(
        actor=actor,
        action="contracts.clause.remove",
        obj=version,
        changes={"clause": clause.pk, "number": clause.number, "text": clause.text},
    )
    clause.delete()
