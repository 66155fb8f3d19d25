"""The statute changes only through itself: a proposed version is checked, compared clause by
clause with the version in force, and put as a motion to the body that version names for
amendments, under its procedure and its entrenched clauses. When the vote carries, the
decision adopts the version: the register entry records its hash and first day, and the
version is stored from the decision's authority, not from anyone's right to load statutes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from django.db import transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.errors import Invalid, NotNow, Problem, RefusedByStatute
from kuzbas.core.rights import Right, require
from kuzbas.governance import effects, statutes
from kuzbas.governance.models import Decision, Motion, StatuteAmendment, StatuteVersion
from kuzbas.governance.services import authority, motions, statute_book
from kuzbas.statute import Outcome, Result, Statute
from kuzbas.statute.amending import (
    ClauseChange,
    adopted_text,
    clause_changes,
    entrenchments_touched,
    hold_to_entrenchments,
    parse_proposal,
    read_proposal,
)
from kuzbas.statute.model import Entrenchment, Matter, MatterKind
from kuzbas.statute.versions import history_problems

KIND = "statute_amendment"
ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Proposal:
    """A proposed version checked against the version in force on the day it is proposed."""

    statute: Statute
    text: str
    file: str
    in_force: StatuteVersion
    before: Statute
    matter: Matter
    changes: tuple[ClauseChange, ...]
    entrenched: tuple[Entrenchment, ...]


def _problem(file: str, line: int, message: str) -> Invalid:
    return Invalid(problems=[Problem(message, field=file, line=line)])


def examine(text: str, *, file: str, as_of: dt.date) -> Proposal:
    """Check a proposed version against the version in force; store nothing.

    Invalid names every problem with its line: the statute's own, and those of a version that
    does not follow the one in force (it must amend it, take effect later, carry a new
    version label, and leave its `[amendment]` to the register).
    """
    proposed, problems = read_proposal(text, file)
    if problems or proposed is None:
        raise statute_book.statute_invalid(problems)
    in_force = statutes.version_in_force(as_of)
    if in_force is None:
        raise statutes.NoStatute(_("No statute is in force on that day."), rule="statute.none")
    pending = StatuteVersion.objects.filter(effective__gt=as_of).first()
    if pending is not None:
        raise NotNow(
            _(
                "Version %(v)s has been adopted and takes effect on %(d)s: propose amendments "
                "to it from that day."
            )
            % {"v": pending.version, "d": pending.effective.isoformat()},
            rule="amendment.pending",
        )
    before = statutes.parsed(in_force)
    at = proposed.at
    if proposed.amendment is not None:
        raise _problem(
            file,
            proposed.amendment.at.line,
            _(
                "remove the [amendment] table: the register writes it when the vote carries, "
                "with the body, the day and the votes"
            ),
        )
    if StatuteVersion.objects.filter(statute_id=proposed.id, version=proposed.version).exists():
        raise _problem(
            file,
            at.of("version"),
            _("version “%(v)s” exists already: give the proposal a new version label")
            % {"v": proposed.version},
        )
    if proposed.effective <= as_of:
        raise _problem(
            file,
            at.of("effective"),
            _("a proposal takes effect after the day it is proposed (%(d)s), not on %(e)s")
            % {"d": as_of.isoformat(), "e": proposed.effective.isoformat()},
        )
    follows = list(history_problems((before, proposed)))
    if follows:
        raise statute_book.statute_invalid(follows)
    if statutes.content_hash(text) == in_force.content_hash:
        raise _problem(file, 1, _("the proposal is the version in force, unchanged"))
    matter = next((m for m in before.matters if m.kind is MatterKind.AMENDMENT), None)
    if matter is None:
        raise RefusedByStatute(
            _("Version %(v)s names no matter of kind “amendment”: it cannot be amended.")
            % {"v": before.version},
            rule="amendment.matter",
        )
    return Proposal(
        statute=proposed,
        text=text,
        file=file,
        in_force=in_force,
        before=before,
        matter=matter,
        changes=clause_changes(before, in_force.text, proposed, text),
        entrenched=entrenchments_touched(before, proposed),
    )


@transaction.atomic
def propose(
    *, actor, text: str, file: str, as_of: dt.date, title: str = "", reason: str = ""
) -> StatuteAmendment:
    """File a proposed version as a motion with the body the version in force names for it.

    Nothing is stored when the text has a problem or the statute refuses the filing.
    """
    require(actor, Right.GOVERNANCE_FILE_MOTION, as_of)
    proposal = examine(text, file=file, as_of=as_of)
    proposed = proposal.statute
    motion = motions.file_motion(
        actor=actor,
        title=title.strip()
        or _("Amendment of the statute: version %(new)s in place of %(old)s")
        % {"new": proposed.version, "old": proposal.before.version},
        text=reason,
        matter=proposal.matter.id,
        body=proposal.matter.competent,
        as_of=as_of,
        proposal={
            "kind": KIND,
            "version": proposed.version,
            "amends": proposal.before.version,
            "hash": statutes.content_hash(text),
            "changes": [c.rule for c in proposal.changes],
        },
    )
    amendment = StatuteAmendment.objects.create(
        motion=motion,
        amends=proposal.in_force,
        version=proposed.version,
        effective=proposed.effective,
        text=text,
        content_hash=statutes.content_hash(text),
        file=file,
    )
    audit(
        actor=actor,
        action="governance.statute.propose",
        obj=amendment,
        changes={
            "motion": motion.number,
            "version": proposed.version,
            "amends": proposal.before.version,
            "hash": amendment.content_hash,
            "entrenched": [e.clause for e in proposal.entrenched],
        },
    )
    return amendment


def changes_of(amendment: StatuteAmendment) -> tuple[ClauseChange, ...]:
    """Return the clause-by-clause changes of a proposal against the version it amends."""
    before = statutes.parsed(amendment.amends)
    proposed = _proposed(amendment)
    return clause_changes(before, amendment.amends.text, proposed, amendment.text)


def _proposed(amendment: StatuteAmendment) -> Statute:
    return parse_proposal(amendment.text, amendment.file)


def _stale(amendment: StatuteAmendment) -> StatuteVersion | None:
    """Return the version adopted since the proposal was filed, if one was."""
    return (
        StatuteVersion.objects.filter(statute_id=amendment.amends.statute_id)
        .filter(effective__gt=amendment.amends.effective)
        .order_by("effective")
        .first()
    )


def _review(motion: Motion, statute: Statute, result: Result) -> Result:
    """Hold a carried vote to the entrenched clauses it changes, and to the version in force."""
    amendment = motion.statute_amendment
    newer = _stale(amendment)
    if newer is not None:
        line = (
            f"amendment.previous: version {newer.version} was adopted after this proposal was "
            f"filed; the proposal amends {amendment.amends.version}, so it cannot be adopted"
        )
        return dataclasses.replace(
            result,
            outcome=Outcome.FAILED,
            arithmetic=(*result.arithmetic[:-1], line, "outcome: failed"),
        )
    before = statutes.parsed(amendment.amends)
    procedure = authority.procedure_of(statute, motion)
    return hold_to_entrenchments(
        result,
        entrenchments_touched(before, _proposed(amendment)),
        abstentions=procedure.abstentions,
    )


def _text_adopted(
    amendment: StatuteAmendment, *, decided_on: dt.date, yes, no, abstain
) -> tuple[str, dt.date]:
    """Return the text the register adopts and its first day (never before the day after)."""
    motion = amendment.motion
    effective = max(amendment.effective, decided_on + ONE_DAY)
    text = adopted_text(
        amendment.text,
        _proposed(amendment),
        effective=effective,
        adopted_by=motion.body.key,
        matter=motion.matter,
        adopted_on=decided_on,
        yes=Fraction(yes),
        no=Fraction(no),
        abstain=Fraction(abstain),
        source=f"Motion No. {motion.number}, carried on {decided_on.isoformat()}",
    )
    return text, effective


def _record(motion: Motion, statute: Statute, result: Result, decided_on: dt.date) -> dict:
    """What the register entry records of the adoption: the version, its hash, its first day."""
    amendment = motion.statute_amendment
    text, effective = _text_adopted(
        amendment, decided_on=decided_on, yes=result.yes, no=result.no, abstain=result.abstain
    )
    return {
        "kind": "statute_adopted",
        "statute": amendment.amends.statute_id,
        "version": amendment.version,
        "amends": amendment.amends.version,
        "effective": effective.isoformat(),
        "hash": statutes.content_hash(text),
    }


def _carry(*, actor, decision: Decision) -> None:
    """Store the adopted version, exactly as the register entry hashed it."""
    amendment = StatuteAmendment.objects.select_related("motion__body", "amends").get(
        motion=decision.motion
    )
    counts = decision.counts
    text, _effective = _text_adopted(
        amendment,
        decided_on=decision.decided_on,
        yes=counts["yes"],
        no=counts["no"],
        abstain=counts["abstain"],
    )
    act = decision.payload["act"]
    if statutes.content_hash(text) != act["hash"]:
        raise RuntimeError(f"the adopted text of motion {decision.motion.number} changed")
    version = statute_book.store_version(actor=actor, text=text, file=amendment.file)
    amendment.adopted = version
    amendment.save(update_fields=["adopted"])
    audit(
        actor=actor,
        action="governance.statute.adopt",
        obj=version,
        changes={
            "decision": decision.sequence,
            "version": version.version,
            "effective": version.effective,
            "hash": version.content_hash,
        },
    )


effects.register(effects.Effect(kind=KIND, carry=_carry, review=_review, record=_record))
