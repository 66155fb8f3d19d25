"""Decisions: close a vote and count it, record a vote a chair counted, and append the
result to the register."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.actor import label
from kuzbas.core.errors import Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.governance import ballot_box, effects, register, sittings, transitions
from kuzbas.governance.models import (
    Choice,
    CountedVote,
    Decision,
    Motion,
    SealedPaper,
    SecretBallot,
    StatuteVersion,
)
from kuzbas.governance.services import authority, motions
from kuzbas.governance.statutes import stored_version
from kuzbas.governance.voters import electorate_on
from kuzbas.statute import Ballot as EngineBallot
from kuzbas.statute import Choice as EngineChoice
from kuzbas.statute import Outcome, Statute, tally_ballots, tally_counts
from kuzbas.statute.model import BallotKind, Procedure


def _box_result(procedure: Procedure, motion: Motion, voters, casting_vote, *, keep: bool):
    """Open the sealed box at the close, count it, and keep the papers (`keep`, a secret vote)
    or the totals only (a show of hands).

    In one transaction: the papers are opened with the vote's key, written in random order under
    their random receipts, and the sealed rows deleted; the key is destroyed once this commits.
    """
    totals = {c: Fraction(0) for c in Choice.values}
    box = ballot_box.box_of(motion)
    # Papers of a vote that opened before boxes were sealed are in the box unsealed already.
    papers = list(SecretBallot.objects.filter(motion=motion).values("receipt", "choice", "weight"))
    for sealed in SealedPaper.objects.filter(motion=motion).values_list("sealed", flat=True):
        paper = ballot_box.unseal(box, sealed)
        receipts = paper["r"] or [None] * paper["n"]
        papers.extend({"receipt": r, "choice": paper["c"], "weight": paper["w"]} for r in receipts)
    for row in papers:
        totals[row["choice"]] += Fraction(row["weight"])
    present = sum(
        (
            voters.weight_of(key)
            for key in motion.participations.values_list("voter__key", flat=True)
        ),
        Fraction(0),
    )
    SealedPaper.objects.filter(motion=motion).delete()
    SecretBallot.objects.filter(motion=motion).delete()
    if keep:
        # Written in random order, so that no row number follows the order of casting.
        ballot_box.in_random_order(papers)
        SecretBallot.objects.bulk_create(SecretBallot(motion=motion, **row) for row in papers)
    ballot_box.destroy_key_on_commit(box)
    return tally_counts(
        procedure,
        yes=totals[Choice.YES],
        no=totals[Choice.NO],
        abstain=totals[Choice.ABSTAIN],
        present=present,
        members=voters.total,
        casting_vote=EngineChoice(casting_vote) if casting_vote else None,
    )


def _show(value: Fraction) -> str:
    return str(Fraction(value))


def _upholds(motion: Motion, result) -> bool:
    """Return whether the result upholds an appeal: an appellate motion carried."""
    return motion.appeal_of_id is not None and result.outcome is Outcome.CARRIED


def _decide(
    *,
    actor,
    motion: Motion,
    result,
    statute: Statute,
    rule: str,
    steps,
    decided_on: dt.date,
    extra: dict,
) -> Decision:
    """Record the engine's result of a vote on the motion as its decision."""
    result = effects.review(motion, statute, result)
    counts = {
        "yes": _show(result.yes),
        "no": _show(result.no),
        "abstain": _show(result.abstain),
        "present": _show(result.present),
        "members": _show(result.members),
    }
    payload = {
        "motion": {
            "number": motion.number,
            "title": motion.title,
            "matter": motion.matter,
            "body": motion.body.key,
            "filed_on": motion.filed_on.isoformat(),
        },
        "statute": {"id": statute.id, "version": statute.version},
        "procedure": result.rule,
        "rule_path": list(steps),
        "appeal_of": motion.appeal_of.sequence if motion.appeal_of_id else None,
        # An appeal upheld overturns the entry appealed against; that entry stays as it was.
        **({"overturns": motion.appeal_of.sequence} if _upholds(motion, result) else {}),
        **({"proposal": motion.proposal} if motion.proposal else {}),
        **extra,
    }
    act = effects.record(motion, statute, result, decided_on)
    if act:
        payload["act"] = act
    return record_decision(
        actor=actor,
        motion=motion,
        outcome=result.outcome.value,
        counts=counts,
        arithmetic=result.explain(),
        statute_version=stored_version(statute),
        rule=rule,
        decided_on=decided_on,
        payload=payload,
    )


@transaction.atomic
def record_decision(
    *,
    actor,
    motion: Motion,
    outcome: str,
    counts: Mapping[str, Any],
    arithmetic: str,
    statute_version: StatuteVersion,
    rule: str,
    decided_on: dt.date,
    payload: Mapping[str, Any],
    noted: Mapping[str, Any] | None = None,
) -> Decision:
    """Move a motion to its outcome and append the decision to the register, with its audit entry.

    The one way a decision enters the register: a vote counted here, or a count made by another
    app (an election's) that files its motion here. The caller's service has checked the chair's
    right for the day and established the outcome by the statute `rule`. `noted` is what the
    audit entry records besides the outcome and the rule (by default, the entry's hash).
    """
    transitions.move(motion, outcome)
    motion.save(update_fields=["status"])
    decision = register.append_decision(
        motion=motion,
        outcome=outcome,
        counts=counts,
        arithmetic=arithmetic,
        statute_hash=statute_version.content_hash,
        rule=rule,
        decided_on=decided_on,
        payload=payload,
    )
    if noted is None:
        noted = {"entry_hash": decision.entry_hash}
    audit(
        actor=actor,
        action="governance.decision.record",
        obj=decision,
        changes={"outcome": decision.outcome, "rule": rule, **noted},
    )
    effects.carry(actor=actor, decision=decision)
    return decision


@transaction.atomic
def close_vote(
    *,
    actor,
    motion: Motion,
    as_of: dt.date,
    casting_vote: str | None = None,
    at: object | None = None,
) -> Decision:
    """Close the vote, count the ballots with the statute, and append the decision.

    A vote opened at a meeting is closed there, by its chair (`at`: `governance/sittings.py`).
    """
    require(actor, Right.GOVERNANCE_CHAIR, as_of)
    motion = motions.locked(motion)
    sittings.require_conduct(actor=actor, motion=motion, at=at)
    motions.refuse_unless(transitions.can_close_vote(motion), motion)
    if as_of < motion.vote_opened_on:
        raise Invalid(problems=[Problem(_("A vote cannot close before it opened."), field="as_of")])
    statute, rule, steps, procedure = authority.authority_for(motion, on=as_of)
    opened = motion.vote_opened_on
    voters = electorate_on(statute, body=motion.body.key, matter=motion.matter, as_of=opened)
    secret = procedure.ballot is BallotKind.SECRET
    # A show of hands cast from phones went into a box too, unless it opened before that did.
    hands = procedure.ballot is BallotKind.COUNTED and not motion.ballots.exists()
    if secret or hands:
        result = _box_result(procedure, motion, voters, casting_vote, keep=secret)
        extra = {"kind": procedure.ballot.value, "vote_opened_on": opened.isoformat()}
        return _decide(
            actor=actor,
            motion=motion,
            result=result,
            statute=statute,
            rule=rule,
            steps=steps,
            decided_on=as_of,
            extra=extra,
        )
    ballots = list(motion.ballots.select_related("voter").order_by("cast_at", "pk"))
    result = tally_ballots(
        procedure,
        ballots=[EngineBallot(b.voter.key, EngineChoice(b.choice)) for b in ballots],
        electorate=voters,
        casting_vote=EngineChoice(casting_vote) if casting_vote else None,
    )
    roll = [
        {"person": r.voter, "choice": r.choice.value, "weight": _show(r.weight)}
        for r in result.roll
    ]
    extra = {"kind": "ballots", "vote_opened_on": opened.isoformat(), "named": roll}
    return _decide(
        actor=actor,
        motion=motion,
        result=result,
        statute=statute,
        rule=rule,
        steps=steps,
        decided_on=as_of,
        extra=extra,
    )


def _named_problems(
    named: list[Mapping[str, str]], voters, totals: Mapping[str, int]
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    tallied = dict.fromkeys(Choice.values, Fraction(0))
    for n, entry in enumerate(named, 1):
        person, choice = entry.get("person", ""), entry.get("choice", "")
        where = f"named[{n}]"
        if choice not in Choice.values:
            problems.append(Problem(_("choose yes, no or abstain"), field=where))
            continue
        if person not in voters:
            problems.append(
                Problem(
                    _("%(p)s may not vote in this body on that date") % {"p": person}, field=where
                )
            )
            continue
        if person in seen:
            problems.append(Problem(_("%(p)s is named twice") % {"p": person}, field=where))
            continue
        seen.add(person)
        tallied[choice] += voters.weight_of(person)
    for choice, weight in tallied.items():
        if weight > totals[choice]:
            problems.append(
                Problem(
                    _("the named votes give %(c)s %(w)s, more than the total of %(t)s")
                    % {"c": choice, "w": _show(weight), "t": totals[choice]},
                    field=choice,
                )
            )
    return problems


@transaction.atomic
def record_counted_vote(
    *,
    actor,
    motion: Motion,
    yes: int,
    no: int,
    abstain: int,
    present: int,
    named: list[Mapping[str, str]] | None = None,
    decided_on: dt.date,
    casting_vote: str | None = None,
    at: object | None = None,
) -> Decision:
    """Record the totals of a vote a chair counted (or the record reports), and append the decision.

    `named` lists who voted how where the record says so: [{"person": key, "choice": "yes"}].
    A motion on a meeting's agenda is counted there, by its chair (`at`: `governance/sittings.py`).
    """
    # The chair recording an old vote acts today; the statute is asked about the day of the vote.
    require(actor, Right.GOVERNANCE_CHAIR)
    motion = motions.locked(motion)
    sittings.require_conduct(actor=actor, motion=motion, at=at)
    motions.refuse_unless(transitions.can_record_count(motion), motion)
    if decided_on < motion.filed_on:
        raise Invalid(
            problems=[
                Problem(_("A motion cannot be decided before it is filed."), field="decided_on")
            ]
        )
    statute, rule, steps, procedure = authority.authority_for(motion, on=decided_on)
    voters = electorate_on(statute, body=motion.body.key, matter=motion.matter, as_of=decided_on)
    totals = {"yes": yes, "no": no, "abstain": abstain}
    problems = _named_problems(list(named or []), voters, totals)
    if problems:
        raise Invalid(problems=problems)
    result = tally_counts(
        procedure,
        yes=yes,
        no=no,
        abstain=abstain,
        present=present,
        members=voters.total,
        casting_vote=EngineChoice(casting_vote) if casting_vote else None,
    )
    counted = CountedVote(
        motion=motion,
        yes=yes,
        no=no,
        abstain=abstain,
        present=present,
        named=[{"person": n["person"], "choice": n["choice"]} for n in named or []],
        decided_on=decided_on,
        recorded_by=actor if isinstance(actor, models.Model) else None,
        recorded_by_label=label(actor),
    )
    full_clean_or_invalid(counted)
    counted.save()
    extra = {"kind": "counted", "named": counted.named}
    return _decide(
        actor=actor,
        motion=motion,
        result=result,
        statute=statute,
        rule=rule,
        steps=steps,
        decided_on=decided_on,
        extra=extra,
    )
