"""The statute book: load a version, read the history, ask whether a body may take a motion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import Conflict, Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.governance import statutes
from kuzbas.governance.conditions import conditions_met
from kuzbas.governance.models import Body, Seat, StatuteVersion
from kuzbas.governance.statutes import NoStatute, stored_history
from kuzbas.statute import (
    Competence,
    Refusal,
    Statute,
    StatuteHistory,
    StatuteInvalid,
    StatuteProblem,
    admit_motion,
    build_history,
    check_text,
)


def statute_invalid(problems: Iterable[StatuteProblem]) -> Invalid:
    """Return every problem of a statute text as one Invalid, each with its file and line."""
    return Invalid(
        problems=[Problem(f"{p.message} [{p.rule}]", field=p.file, line=p.line) for p in problems]
    )


def _read(path_or_text: str | Path, file: str | None) -> tuple[str, str]:
    """Return the text and the file name problems will cite."""
    if isinstance(path_or_text, Path) or (
        "\n" not in path_or_text and path_or_text.endswith(".toml")
    ):
        path = Path(path_or_text)
        try:
            return path.read_text(encoding="utf-8"), file or path.name
        except (OSError, UnicodeDecodeError) as error:
            raise Invalid(problems=[Problem(str(error), field=str(path))]) from None
    return str(path_or_text), file or "<statute>"


@transaction.atomic
def load_statute_version(
    *, actor, path_or_text: str | Path, file: str | None = None
) -> StatuteVersion:
    """Store a statute version the engine accepts, alone and as the next in its history.

    A file with any problem is not stored: Invalid lists every problem with its line. Bodies and
    seats the version defines are added to the record where missing.
    """
    require(actor, Right.GOVERNANCE_STATUTE)
    text, name = _read(path_or_text, file)
    return store_version(actor=actor, text=text, file=name)


def store_version(*, actor, text: str, file: str) -> StatuteVersion:
    """Store a version on the authority the caller has established (a right, or a decision)."""
    name = file
    report = check_text(text, file=name)
    if not report.ok or report.statute is None:
        raise statute_invalid(report.problems)
    statute = report.statute
    existing = StatuteVersion.objects.filter(statute_id=statute.id, version=statute.version)
    if existing.exists():
        raise Conflict(
            _("Version %(v)s of the statute “%(s)s” is already loaded.")
            % {"v": statute.version, "s": statute.id},
            rule="statute.version",
        )
    earlier = StatuteVersion.objects.filter(statute_id=statute.id)
    try:
        build_history([*(statutes.parsed(v) for v in earlier), statute])
    except StatuteInvalid as error:
        raise statute_invalid(error.problems) from None
    version = StatuteVersion.objects.create(
        statute_id=statute.id,
        version=statute.version,
        title=statute.title,
        effective=statute.effective,
        amends=statute.amends,
        text=text,
        content_hash=statutes.content_hash(text),
    )
    statutes.forget_reading()
    _record_bodies_and_seats(actor, statute)
    audit(
        actor=actor,
        action="governance.statute.load",
        obj=version,
        changes={
            "version": statute.version,
            "effective": statute.effective,
            "hash": version.content_hash,
        },
    )
    return version


def _record_bodies_and_seats(actor, statute: Statute) -> None:
    """Add the bodies and seats a statute version defines and the record does not hold yet."""
    for found in statute.bodies:
        if not Body.objects.filter(key=found.id).exists():
            body = Body.objects.create(
                key=found.id, name=found.name, kind=found.kind.value, description=found.description
            )
            audit(
                actor=actor, action="governance.body.create", obj=body, changes={"name": body.name}
            )
    keys = {b.id for b in statute.bodies} | {
        s.appointed_by for b in statute.bodies for s in b.seats if s.appointed_by
    }
    bodies = {b.key: b for b in Body.objects.filter(key__in=keys)}
    for found in statute.bodies:
        for seat in found.seats:
            row, created = Seat.objects.update_or_create(
                body=bodies[found.id],
                key=seat.id,
                defaults={
                    "name": seat.name,
                    "filled_by": seat.filled_by.value,
                    "appointed_by": bodies.get(seat.appointed_by),
                    "office": seat.office,
                },
            )
            if created:
                audit(
                    actor=actor,
                    action="governance.seat.create",
                    obj=row,
                    changes={"seat": seat.path},
                )


def statute_history() -> StatuteHistory:
    """Return the engine's history of the stored statute versions; NoStatute if none is loaded."""
    return stored_history()


def admissibility(*, matter: str, body: Body | str, as_of: dt.date) -> Competence | Refusal:
    """Return the statute's answer to "may this body take this motion on this date?"."""
    key = body.key if isinstance(body, Body) else body
    try:
        history = stored_history()
    except NoStatute as error:
        return Refusal("statute.none", error.message)
    return admit_motion(
        history, matter=matter, body=key, as_of=as_of, conditions_met=conditions_met(as_of)
    )
