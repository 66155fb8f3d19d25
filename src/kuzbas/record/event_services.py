"""Writes of events entered by hand and of periodizations (the record's other writes are in
`services.py`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.dates import parse_partial
from kuzbas.core.errors import Invalid, NotFound, NotPermitted, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.record.citable import citable_for_user
from kuzbas.record.models import Event, EventKind, EventLink, EventRole, Period, Periodization
from kuzbas.record.services import attach_citations

# What the `people` and `bodies` of an event name, as citable kinds (strings, not imports:
# the record sits below members and governance).
PERSON, BODY = "members.person", "governance.body"


def partial_date(text: object, *, field: str, end: bool = False) -> tuple[dt.date, str]:
    """Read a partial date ('1924', '1924-09', '1924-09-01'); Invalid naming `field`."""
    try:
        return parse_partial(str(text or ""), end=end, field=field)
    except ValueError:
        message = _("%(text)r is not a date; write YYYY, YYYY-MM or YYYY-MM-DD") % {"text": text}
        raise Invalid(problems=[Problem(message, field=field)]) from None


@transaction.atomic
def create_event(
    *,
    actor,
    key: str,
    title: str,
    kind: str,
    date: str,
    end: str = "",
    place: str = "",
    description: str = "",
    people: Iterable[str] = (),
    bodies: Iterable[str] = (),
    concerns: Iterable[tuple[str, str]] = (),
    version_of: str = "",
    citations: Iterable[Mapping[str, Any]] = (),
) -> Event:
    """Enter an event by hand: its partial date (or range), the people and bodies involved by
    their keys, the records it concerns as (kind, identifier), and its citations.

    `version_of` names the event whose account this one disputes (another date, another
    account of the same happening), each with its own sources. Nothing is stored on a refusal.
    """
    require(actor, Right.RECORD_EDIT)
    problems: list[Problem] = []
    if kind not in EventKind.values:
        problems.append(Problem(_("Choose a kind of event."), field="kind"))
    day = precision = None
    try:
        day, precision = partial_date(date, field="date")
    except Invalid as error:
        problems += error.problems
    last = last_precision = None
    if str(end or "").strip():
        try:
            last, last_precision = partial_date(end, field="end", end=True)
        except Invalid as error:
            problems += error.problems
    if day and last and last < day:
        problems.append(Problem(_("An event cannot end before it starts."), field="end"))
    original = None
    if version_of:
        original = Event.objects.filter(key=version_of.strip(), version_of=None).first()
        if original is None:
            problems.append(
                Problem(_("There is no event “%(key)s”.") % {"key": version_of}, field="version_of")
            )
    targets = _targets(actor, people, bodies, concerns, problems)
    if problems:
        raise Invalid(problems=problems)
    event = Event(
        key=key.strip(),
        title=title.strip(),
        kind=kind,
        description=description.strip(),
        date=day,
        precision=precision,
        end=last,
        end_precision=last_precision or "",
        place=place.strip(),
        version_of=original,
    )
    full_clean_or_invalid(event)
    event.save()
    for role, obj in targets:
        EventLink.objects.create(
            event=event,
            role=role,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=obj.pk,
        )
    attach_citations(actor=actor, obj=event, citations=citations)
    audit(
        actor=actor,
        action="record.event.add",
        obj=event,
        changes={
            "when": event.when,
            "kind": kind,
            "version_of": version_of or None,
            "links": [f"{role}:{obj._meta.label_lower}:{obj.pk}" for role, obj in targets],
        },
    )
    return event


def _targets(actor, people, bodies, concerns, problems: list[Problem]) -> list[tuple[str, Any]]:
    """Fetch what an event names through each app's scoped helper; a problem per unknown one."""
    wanted = [(EventRole.INVOLVED, PERSON, k, "people") for k in people if k.strip()]
    wanted += [(EventRole.INVOLVED, BODY, k, "bodies") for k in bodies if k.strip()]
    wanted += [(EventRole.CONCERNS, kind, ident, "concerns") for kind, ident in concerns]
    found = []
    for role, kind, ident, field in wanted:
        try:
            found.append((role, citable_for_user(actor, kind, ident)))
        except (NotFound, Invalid, NotPermitted):
            problems.append(
                Problem(_("There is no “%(id)s” to link here.") % {"id": ident}, field=field)
            )
    return found


@transaction.atomic
def add_periodization(
    *,
    actor,
    key: str,
    author: str,
    work: str,
    periods: Iterable[Mapping[str, Any]],
    note: str = "",
    citations: Iterable[Mapping[str, Any]] = (),
) -> Periodization:
    """Add an author's periodization with its ordered periods.

    Each period is a mapping of name, start and end (partial dates), number (as printed),
    track, bounds_as_printed, characterisation, wording and citations. Problems name
    `periods[n].<field>`; nothing is stored on a refusal."""
    require(actor, Right.RECORD_EDIT)
    periodization = Periodization(
        key=key.strip(), author=author.strip(), work=work.strip(), note=note
    )
    full_clean_or_invalid(periodization)
    periodization.save()
    attach_citations(actor=actor, obj=periodization, citations=citations)
    problems: list[Problem] = []
    rows = list(periods)
    if not rows:
        problems.append(Problem(_("A periodization needs at least one period."), field="periods"))
    for n, spec in enumerate(rows, 1):
        try:
            _add_period(actor, periodization, n, spec)
        except Invalid as error:
            problems += [
                Problem(p.message, field=f"periods[{n}].{p.field}" if p.field else f"periods[{n}]")
                for p in error.problems
            ]
    if problems:
        raise Invalid(problems=problems)
    audit(
        actor=actor,
        action="record.periodization.add",
        obj=periodization,
        changes={"periods": [p.get("name", "") for p in rows]},
    )
    return periodization


def _add_period(actor, periodization: Periodization, order: int, spec: Mapping[str, Any]) -> None:
    problems: list[Problem] = []
    bounds = {}
    for name, is_end in (("start", False), ("end", True)):
        try:
            bounds[name] = partial_date(spec.get(name), field=name, end=is_end)
        except Invalid as error:
            problems += error.problems
    if not problems and bounds["end"][0] < bounds["start"][0]:
        problems.append(Problem(_("A period cannot end before it starts."), field="end"))
    if problems:
        raise Invalid(problems=problems)
    period = Period(
        periodization=periodization,
        order=order,
        number=str(spec.get("number", "")).strip(),
        track=str(spec.get("track", "")).strip(),
        name=str(spec.get("name", "")).strip(),
        start=bounds["start"][0],
        start_precision=bounds["start"][1],
        end=bounds["end"][0],
        end_precision=bounds["end"][1],
        bounds_as_printed=str(spec.get("bounds_as_printed", "")).strip(),
        characterisation=str(spec.get("characterisation", "")).strip(),
        wording=str(spec.get("wording", "")).strip(),
    )
    full_clean_or_invalid(period)
    period.save()
    attach_citations(actor=actor, obj=period, citations=spec.get("citations", ()))
