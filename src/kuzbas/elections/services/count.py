"""The count: close voting, check the quorum, draw the lot, count the box with the engine, seat
the elected through governance and register the result; publish the receipts."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Sequence
from fractions import Fraction

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import NotNow
from kuzbas.core.rights import Right, require
from kuzbas.elections import counting, transitions
from kuzbas.elections.models import (
    Election,
    ElectionBallot,
    ElectionResult,
    ElectionStatus,
    SealedElectionPaper,
)
from kuzbas.elections.services import agenda, authority, rows
from kuzbas.governance import ballot_box
from kuzbas.governance.models import Outcome
from kuzbas.governance.seat_places import term_end
from kuzbas.governance.selectors import holdings_running_into
from kuzbas.governance.services import decisions, motions, seat_holdings
from kuzbas.governance.statutes import stored_version
from kuzbas.meetings.models import ItemStatus
from kuzbas.members.models import Person
from kuzbas.statute import Competence, Statute
from kuzbas.statute.quorum import QuorumCheck, check_quorum


def _fill_seats(actor, election: Election, elected: Sequence[str], statute: Statute, on: dt.date):
    """Seat the elected from the day of the count, for the statute's term where it sets one."""
    found = statute.seat(election.seat.path)
    term = found.term_months if found is not None else None
    until = term_end(on, term) if term else None
    people = {p.key: p for p in Person.objects.filter(key__in=elected)}
    places = found.count if found is not None else None
    grounds = {"election": election.pk}
    if places is not None and election.seats >= places:
        _end_terms(actor, election, keep=set(elected), on=on)
    filled = []
    for key in elected:
        holding = seat_holdings.take_seat(
            actor=actor,
            seat=election.seat,
            person=people[key],
            valid_from=on,
            valid_to=until,
            grounds=grounds,
        )
        if holding is not None:  # None: re-elected while still sitting, the holding runs on
            filled.append(holding)
    return filled


def _end_terms(actor, election: Election, *, keep: set[str], on: dt.date) -> None:
    """An election to every place of a seat replaces those sitting in it: the terms of those
    not re-elected end the day before the count (the re-elected sit on)."""
    for holding in holdings_running_into(election.seat, on):
        if holding.person.key not in keep:
            seat_holdings.end_holding(
                actor=actor, holding=holding, on=on, grounds={"election": election.pk}
            )


def _quorum(answer: Competence, election: Election, *, papers: int, roll: int) -> QuorumCheck:
    """The electing body's quorum, counted from the ballot papers cast and the voters on the
    roll (an election's votes all weigh one)."""
    procedure = answer.statute.procedure_for_body(answer.body, election.matter)
    if procedure is None:
        return QuorumCheck(True, Fraction(0), Fraction(papers), "quorum: none required")
    return check_quorum(
        procedure.quorum,
        present=Fraction(papers),
        cast=Fraction(papers),
        members=Fraction(roll),
    )


def _lot(lot: Sequence[str] | None, candidates: Sequence[str]):
    """Return the lot source for the engine and how it was drawn."""
    if lot:
        if isinstance(lot, str) or sorted(lot) != sorted(candidates):
            raise rows.invalid(_("The order drawn by lot must name every candidate once."), "lot")
        return list(lot), _("drawn in the hall and entered by the chair")
    seed = secrets.randbits(64)
    # The engine shuffles with it once; the seed is published so the draw can be repeated.
    source = random.Random(seed)  # noqa: S311 - reproducible by design, seeded from secrets
    return source, _("drawn by the system when the count began (seed %(s)s)") % {"s": seed}


def _register(actor, election: Election, answer: Competence, result: ElectionResult, names):
    """File the election's motion with governance and append its result to the register."""
    elected = ", ".join(names[k] for k in result.elected)
    motion = motions.file_motion(
        actor=actor,
        title=_("Result of the election: %(t)s") % {"t": election.title},
        text=_("Elected: %(e)s.") % {"e": elected}
        if result.quorum_met
        else _("No quorum: nobody is elected."),
        matter=election.matter,
        body=election.electing_body,
        as_of=election.closed_on,
    )
    # Linked before the entry is appended: its grounds cover the election's box.
    Election.objects.filter(pk=election.pk).update(motion=motion)
    outcome = Outcome.CARRIED if result.quorum_met else Outcome.NO_QUORUM
    decisions.record_decision(
        actor=actor,
        motion=motion,
        outcome=outcome,
        counts={
            "ballots": str(result.ballots),
            "valid": str(result.valid),
            "blank": str(result.blank),
            "members": str(result.roll),
            "places": str(election.seats),
            **({"quota": result.quota} if result.quota else {}),
        },
        arithmetic=result.explanation,
        statute_version=stored_version(answer.statute),
        rule=answer.rule,
        decided_on=election.closed_on,
        payload={
            "kind": "election",
            "election": {
                "id": election.pk,
                "title": election.title,
                "seat": election.seat.path,
                "places": election.seats,
                "method": election.method,
                "opened_on": election.opened_on.isoformat(),
            },
            "statute": {"id": answer.statute.id, "version": answer.statute.version},
            "rule_path": [{"rule": s.rule, "text": s.text} for s in answer.rule_path],
            "elected": list(result.elected),
            "lot_order": list(result.lot_order),
            "box_hash": result.box_hash,
        },
        noted={"election": election.pk},
    )
    return motion


def _open_box(election: Election) -> list[tuple[str, list[str]]]:
    """Open the sealed box at the count: every paper as (receipt, marks), in random order.

    A voter's sealed paper opens into as many papers as votes they held, the first under the
    receipt they keep, the others under new ones. The sealed rows (and the papers of an election
    opened before boxes were sealed, read here) are deleted, so that the box is written again
    only in this order, in this transaction; the key is destroyed once it commits.
    """
    name = ballot_box.box_of(election)
    box = list(ElectionBallot.objects.filter(election=election).values_list("receipt", "marks"))
    sealed = SealedElectionPaper.objects.filter(election=election).values_list("sealed", flat=True)
    for paper in ballot_box.open_box(name, sealed):
        receipts = [paper["r"], *(secrets.token_hex(8) for _n in range(paper["n"] - 1))]
        box.extend((receipt, paper["m"]) for receipt in receipts)
    ballot_box.in_random_order(box)
    SealedElectionPaper.objects.filter(election=election).delete()
    ElectionBallot.objects.filter(election=election).delete()
    ballot_box.destroy_key_on_commit(name)
    return box


@transaction.atomic
def close_election(
    *, actor, election: Election, as_of: dt.date, lot: Sequence[str] | None = None
) -> ElectionResult:
    """Close voting, count the box with the engine, seat the elected, and register the result.

    `lot` is an order of the candidates drawn by lot in the hall (luckiest first); without one
    the system draws it, and the seed is recorded. The lot decides only ties the count cannot
    break; the result says whether it did.
    """
    require(actor, Right.GOVERNANCE_CHAIR, as_of)
    election = rows.locked(election)
    agenda.require_the_chair(actor=actor, election=election)
    transitions.refuse_unless(
        transitions.can_move(election, ElectionStatus.CLOSED), election, ElectionStatus.CLOSED
    )
    if as_of < election.opened_on:
        raise rows.invalid(_("Voting cannot close before it opened."), "as_of")
    answer = authority.competence_for(election.matter, as_of=as_of)
    standing = list(election.candidates.select_related("person").order_by("position"))
    keys = [c.person.key for c in standing]
    names = {c.person.key: str(c.person) for c in standing}
    source, drawn = _lot(lot, keys)
    box = _open_box(election)
    roll = election.roll.aggregate(papers=Sum("papers"))["papers"] or 0
    quorum = _quorum(answer, election, papers=len(box), roll=roll)
    if quorum.met:
        count = counting.count(
            election.method,
            candidates=keys,
            seats=election.seats,
            box=[marks for _receipt, marks in box],
            lot=source,
        )
    else:
        count = counting.void([marks for _receipt, marks in box], quorum.text)
    ElectionBallot.objects.bulk_create(
        ElectionBallot(receipt=receipt, election=election, marks=marks) for receipt, marks in box
    )
    transitions.move(election, ElectionStatus.CLOSED)
    election.closed_on = as_of
    result = ElectionResult.objects.create(
        election=election,
        elected=count.elected,
        quota=count.quota,
        stages=count.stages,
        totals=count.totals,
        ballots=len(box),
        valid=count.valid,
        blank=count.blank,
        roll=roll,
        quorum_met=quorum.met,
        quorum=quorum.text,
        lot_order=count.lot_order,
        lot_drawn=drawn,
        decided_by_lot=count.decided_by_lot,
        explanation=count.explanation,
        box_hash=counting.box_hash(box),
    )
    if quorum.met:
        _fill_seats(actor, election, count.elected, answer.statute, as_of)
    election.motion = _register(actor, election, answer, result, names)
    election.save(update_fields=["status", "closed_on", "motion"])
    agenda.move_item(actor=actor, election=election, to=ItemStatus.DONE)
    audit(
        actor=actor,
        action="elections.election.close",
        obj=election,
        changes={"on": as_of, "elected": count.elected, "ballots": len(box)},
    )
    return result


def published_receipts(election: Election) -> list[ElectionBallot]:
    """Return the ballot box by receipt once the count is made; before, nothing is published."""
    # The status as stored now, not as the caller's copy remembers it.
    stored = Election.objects.filter(pk=election.pk).only("status").first()
    allowed, reason = transitions.can_publish_receipts(stored or Election(status=""))
    if not allowed:
        raise NotNow(reason, rule="receipts.closed")
    return list(ElectionBallot.objects.filter(election=election).order_by("receipt"))
