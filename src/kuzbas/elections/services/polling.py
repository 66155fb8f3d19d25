"""The poll of an election: whether it may open, opening it with its roll, checking a ballot's
marks and casting a ballot."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kuzbas.audit.services import audit
from kuzbas.core.errors import Conflict, Invalid, NotNow, Problem, RefusedByStatute
from kuzbas.core.rights import Right, require
from kuzbas.elections import transitions
from kuzbas.elections.models import (
    Election,
    ElectionBallot,
    ElectionParticipation,
    ElectionRoll,
    ElectionStatus,
    Method,
    SealedElectionPaper,
)
from kuzbas.elections.services import agenda, authority, rows
from kuzbas.governance import ballot_box
from kuzbas.governance.voters import electorate_on
from kuzbas.meetings.models import Attendance, ItemStatus, MeetingStatus
from kuzbas.meetings.selectors import item_of_election
from kuzbas.members.access import person_of
from kuzbas.members.models import Person


def can_open(election: Election) -> tuple[bool, str]:
    """Return whether voting may open now, and why not."""
    allowed, reason = transitions.can_move(election, ElectionStatus.VOTING)
    if not allowed:
        return False, reason
    standing = election.candidates.count()
    if standing < election.seats:
        return False, ngettext(
            "%(n)s place needs at least %(n)s candidate; %(c)s stand.",
            "%(n)s places need at least %(n)s candidates; %(c)s stand.",
            election.seats,
        ) % {
            "n": election.seats,
            "c": standing,
        }
    return True, ""


@transaction.atomic
def open_election(*, actor, election: Election, as_of: dt.date) -> Election:
    """Open voting; the roll is the statute's electorate of the electing body on that date."""
    require(actor, Right.GOVERNANCE_CHAIR, as_of)
    election = rows.locked(election)
    agenda.require_the_chair(actor=actor, election=election)
    allowed, reason = can_open(election)
    if not allowed:
        raise NotNow(reason, rule=f"election.{election.status}")
    if as_of < election.created_on:
        raise rows.invalid(_("Voting cannot open before the election is called."), "as_of")
    item = item_of_election(election)
    if item is not None and item.meeting.status != MeetingStatus.OPEN:
        raise NotNow(
            _("The election is on the agenda of a meeting that is not open."),
            rule=f"meeting.{item.meeting.status}",
        )
    answer = authority.competence_for(election.matter, as_of=as_of)
    voters = electorate_on(
        answer.statute, body=answer.decided_by, matter=election.matter, as_of=as_of
    )
    # A whole number of votes is that many ballot papers (a proxy holder casts two); a fraction
    # of a vote has no paper to stand for it.
    unequal = [v.holder for v in voters.voters if v.weight.denominator != 1 or v.weight < 1]
    if unequal:
        raise RefusedByStatute(
            _("The statute gives %(who)s a fraction of a vote; a ballot paper counts whole.")
            % {"who": ", ".join(unequal)},
            rule=answer.rule,
        )
    papers = {v.holder: int(v.weight) for v in voters.voters}
    people = dict(
        Person.objects.filter(key__in=[v.holder for v in voters.voters]).values_list("key", "pk")
    )
    if not people:
        raise RefusedByStatute(
            _("Nobody may vote in the %(body)s on %(day)s.")
            % {"body": election.electing_body, "day": as_of.isoformat()},
            rule=answer.rule,
        )
    ElectionRoll.objects.bulk_create(
        ElectionRoll(election=election, person_id=pk, papers=papers[key])
        for key, pk in people.items()
    )
    transitions.move(election, ElectionStatus.VOTING)
    election.opened_on = as_of
    election.save(update_fields=["status", "opened_on"])
    ballot_box.make_key(ballot_box.box_of(election))
    agenda.move_item(actor=actor, election=election, to=ItemStatus.VOTING)
    audit(
        actor=actor,
        action="elections.election.open",
        obj=election,
        changes={"on": as_of, "roll": len(people)},
    )
    return election


def check_marks(election: Election, marks: object) -> list[str]:
    """Return the ballot's marks checked against the candidates and the method, or Invalid."""
    if not isinstance(marks, list | tuple) or not all(isinstance(m, str) for m in marks):
        raise rows.invalid(_("List the candidates by their registry keys."), "marks")
    marks = [m.strip() for m in marks]
    if not marks:
        if election.method == Method.STV:
            raise rows.invalid(_("Rank at least one candidate."), "marks")
        raise rows.invalid(_("Mark at least one candidate."), "marks")
    names = dict(election.candidates.values_list("person__key", "person__name_latin"))
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for n, key in enumerate(marks, 1):
        where = f"marks[{n}]"
        if key not in names:
            message = _("“%(k)s” does not stand in this election") % {"k": key}
            problems.append(Problem(message, where))
        elif key in seen:
            message = _("%(name)s is already your choice %(n)s") % {
                "name": names[key],
                "n": seen[key],
            }
            problems.append(Problem(message, where))
        else:
            seen[key] = n
    if election.method == Method.PLURALITY and len(marks) > election.seats:
        problems.append(
            Problem(
                ngettext(
                    "mark at most %(n)s candidate, one for each place",
                    "mark at most %(n)s candidates, one for each place",
                    election.seats,
                )
                % {"n": election.seats},
                "marks",
            )
        )
    if problems:
        raise Invalid(problems=problems)
    return marks


def cast_ballot(*, actor, election: Election, marks: Sequence[str]) -> ElectionBallot:
    """Cast the actor's ballot: only while voting is open, only from the roll, only once.

    A refused ballot leaves nothing behind, not even an audit entry. The ballot returned holds
    the receipt, which goes to the voter here and nowhere else; the paper goes into the box
    sealed (`_seal_paper`) and nothing stored links it to the voter.
    """
    try:
        return _cast_ballot(actor=actor, election=election, marks=marks)
    except IntegrityError:
        # The database's once-per-voter constraint caught what the check could not see.
        raise Conflict(_("You have already voted in this election."), rule="ballot.once") from None


@transaction.atomic
def _cast_ballot(*, actor, election: Election, marks: Sequence[str]) -> ElectionBallot:
    require(actor, Right.GOVERNANCE_VOTE)
    election = rows.locked(election)
    transitions.refuse_unless(transitions.can_cast_ballot(election), election)
    person = person_of(actor)
    entry = ElectionRoll.objects.filter(election=election, person=person).first()
    if entry is None:
        raise RefusedByStatute(
            _("%(person)s is not on the roll of this election (the %(body)s on %(day)s).")
            % {
                "person": person,
                "body": election.electing_body,
                "day": election.opened_on.isoformat(),
            },
            rule=f"body.{election.electing_body.key}",
        )
    item = item_of_election(election)
    if (
        item is not None
        and not Attendance.objects.filter(meeting=item.meeting, person=person).exists()
    ):
        raise NotNow(
            _("Check in to the meeting before voting in its election."),
            rule="attendance.required",
        )
    checked = check_marks(election, list(marks) if isinstance(marks, list | tuple) else marks)
    if ElectionParticipation.objects.filter(election=election, voter=person).exists():
        raise Conflict(_("You have already voted in this election."), rule="ballot.once")
    ElectionParticipation.objects.create(election=election, voter=person)
    ballot = _seal_paper(election, checked, papers=entry.papers)
    # The trail says that the person voted, as the participation does; never the marks, and
    # only the day, not the second.
    audit(
        actor=actor,
        action="elections.ballot.cast",
        obj=election,
        changes={"voter": person.key},
        day_only=True,
    )
    return ballot


# The most papers one voter may cast (the roll's field): the sealed paper is padded for it.
MOST_PAPERS = 32767


def _seal_paper(election: Election, marks: list[str], *, papers: int) -> ElectionBallot:
    """Seal the voter's marks into the box with the receipt the voter keeps and the number of
    papers they stand for (one for each vote held): the count opens it into that many papers,
    the others under receipts nobody receives. Every sealed paper is the size of a ranking of
    every candidate, whatever this one ranks."""
    receipt = secrets.token_hex(8)
    box = ballot_box.box_of(election)
    ballot_box.ensure_key(box)  # an election opened before boxes were sealed
    everyone = list(election.candidates.values_list("person__key", flat=True))
    widest = {"m": everyone, "r": receipt, "n": MOST_PAPERS}
    SealedElectionPaper.objects.create(
        election=election,
        sealed=ballot_box.seal(box, {"m": marks, "r": receipt, "n": papers}, widest=widest),
    )
    return ElectionBallot(receipt=receipt, election=election, marks=marks)
