"""The minutes of a meeting, written from its record and the decision register.

They state the register head they were written against, so a reader can check that no entry
was added or changed since: `kuzbas verify` walks the chain up to that hash.

Apps above meetings add to an item's record without meetings knowing them: each registers a
contributor (`register_section`), asked for every item when the minutes are written, and elections
answer with an election's count (`kuzbas.elections.minutes`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from kuzbas.governance.models import Appeal, Decision, Motion, RegisterHead
from kuzbas.governance.register import GENESIS
from kuzbas.governance.register_witness import signed_head
from kuzbas.meetings.models import AgendaItem, Meeting
from kuzbas.meetings.quorum import LiveQuorum, live_quorum
from kuzbas.meetings.selectors import agenda_of


@dataclass(frozen=True)
class MotionRecord:
    motion: Motion
    decision: Decision | None
    amends: int | None = None  # the number of the motion an amendment amends


@dataclass(frozen=True)
class ItemSection:
    """What another app records under an agenda item (an election's count), in plain words."""

    name: str  # names the section on the page (its data-testid)
    url: str  # the page the section comes from
    label: str  # the link to that page ("Election")
    outcome: str  # in bold after the link ("Vera, Dora")
    verb: str  # after the outcome ("elected")
    summary: str  # the section's line in the PDF
    text: str  # its arithmetic, set as written
    decision: Decision | None = None  # its entry in the decision register


@dataclass(frozen=True)
class ItemRecord:
    item: AgendaItem
    motions: list[MotionRecord]
    sections: list[ItemSection] = field(default_factory=list)


@dataclass(frozen=True)
class Minutes:
    meeting: Meeting
    present: list[str]
    quorum: LiveQuorum
    items: list[ItemRecord]
    appeals: list[Appeal]
    head_sequence: int
    head_hash: str
    written_at: dt.datetime
    decisions: list[Decision] = field(default_factory=list)
    # The register's head signed by the key outside the database: the line outside witnesses keep.
    head_witness: str = ""
    chair: str = ""  # the chair by name (the account's login only where it names nobody)


Contributor = Callable[[AgendaItem], ItemSection | None]

_contributors: list[Contributor] = []


def register_section(contributor: Contributor) -> None:
    """Have `contributor` asked, for every agenda item, what section it adds (None: nothing)."""
    if contributor not in _contributors:
        _contributors.append(contributor)


def _sections(item: AgendaItem) -> list[ItemSection]:
    return [section for ask in _contributors if (section := ask(item)) is not None]


def named(text: str, names: dict[str, str]) -> str:
    """Return the text with each registry key in `names` written as the person's name.

    The statute engine explains a count with candidates' keys ("elected: haywood, reese"); the
    minutes are read by people, who know them by name. A key is replaced only where it stands
    alone, never inside a rule's path or another word.
    """
    if not names:
        return text
    keys = "|".join(re.escape(key) for key in sorted(names, key=len, reverse=True))
    return re.sub(rf"(?<![\w.-])({keys})(?![\w.-])", lambda m: names[m.group(1)], text)


def minutes_of(meeting: Meeting) -> Minutes:
    """Return the minutes of a meeting from its attendance, agenda, votes and the register."""
    present = [
        str(a.person) for a in meeting.attendances.select_related("person").order_by("person")
    ]
    items = []
    decisions = []
    for item in agenda_of(meeting):
        records = []
        for motion in item.motions:
            decision = getattr(motion, "decision", None)
            records.append(MotionRecord(motion, decision, item.amends.get(motion.pk)))
            if decision is not None:
                decisions.append(decision)
        sections = _sections(item)
        decisions += [s.decision for s in sections if s.decision is not None]
        items.append(ItemRecord(item, records, sections))
    appeals = list(
        Appeal.objects.filter(decision__in=decisions).select_related(
            "decision", "to_body", "motion"
        )
    )
    head = RegisterHead.objects.first()
    signed = signed_head()
    return Minutes(
        meeting=meeting,
        present=present,
        quorum=live_quorum(meeting),
        items=items,
        appeals=appeals,
        head_sequence=head.sequence if head else 0,
        head_hash=(head.entry_hash if head and head.entry_hash else GENESIS),
        written_at=timezone.now(),
        decisions=decisions,
        head_witness=signed.line() if signed else "",
        chair=meeting.chair_name,
    )


def minutes_pdf(minutes: Minutes) -> bytes:
    """Return the minutes as a PDF document, in the active language."""
    from kuzbas.meetings.minutes_pdf import write

    return write(minutes)
