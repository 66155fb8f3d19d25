"""Which body decides a matter on a date, and why; a motion put to another body is refused."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kuzbas.statute.appeals import applicable_appeals
from kuzbas.statute.bodies import Body
from kuzbas.statute.errors import NotInForce, Refusal
from kuzbas.statute.model import AppealRule, Matter, Statute, Transfer
from kuzbas.statute.procedures import Procedure
from kuzbas.statute.transfers import ConditionsMet, describe_transfer, transfers_in_force
from kuzbas.statute.versions import StatuteHistory, statute_as_of


@dataclass(frozen=True)
class Step:
    """One clause on the way to an answer, with the words that say what it does."""

    rule: str
    text: str


@dataclass(frozen=True)
class Competence:
    """The statute's answer to "who decides this?" on a date."""

    statute: Statute = field(repr=False)
    matter: Matter
    body: Body  # the body the statute makes competent
    decided_by: str  # who actually votes: the body, or the holder of its transferred vote
    transfer: Transfer | None
    concurrence: tuple[Body, ...]
    procedure: Procedure | None
    appeals: tuple[AppealRule, ...]
    rule_path: tuple[Step, ...]
    explanation: str

    @property
    def rule(self) -> str:
        """Return the rule that authorises a decision: the transfer, else the matter."""
        return self.transfer.rule if self.transfer else self.matter.rule


def _a(phrase: str) -> str:
    lowered = phrase[:1].lower() + phrase[1:]
    return f"{'an' if lowered[:1] in 'aeiou' else 'a'} {lowered}"


def _the(statute: Statute, holder: str) -> str:
    return f"the {statute.name_of(holder)}"


def competence(
    statute: Statute | StatuteHistory,
    *,
    matter: str,
    as_of: dt.date,
    conditions_met: ConditionsMet | None = None,
) -> Competence | Refusal:
    """Return who is competent for a matter on a date and the rule path, or why none is."""
    try:
        version = statute_as_of(statute, as_of)
    except NotInForce as error:
        return Refusal("statute.in_force", error.message)
    found = version.matter(matter)
    if found is None:
        known = ", ".join(m.id for m in version.matters)
        return Refusal(
            "matter.unknown",
            f'version {version.version} of the statute knows no matter "{matter}" '
            f"(it knows: {known})",
        )
    body = version.body(found.competent)
    assert body is not None, "a checked statute resolves every competent body"
    steps = [
        Step(f"statute.{version.version}", version.label),
        Step(found.rule, f"{_a(found.name)} is decided by the {body.name}"),
    ]
    transfer = next(
        iter(
            transfers_in_force(
                version, holder=body.id, matter=found.id, as_of=as_of, conditions_met=conditions_met
            )
        ),
        None,
    )
    if transfer is not None:
        steps.append(Step(transfer.rule, describe_transfer(version, transfer)))
    concurrence = tuple(b for b in (version.body(c) for c in found.concurrence) if b is not None)
    if concurrence:
        names = " and ".join(f"the {b.name}" for b in concurrence)
        steps.append(Step(found.rule, f"the decision also needs the concurrence of {names}"))
    procedure = version.procedure_for(found)
    if procedure is not None:
        steps.append(Step(procedure.rule, _procedure_words(procedure)))
    appeals = applicable_appeals(version, body=body.id, matter=found.id)
    steps += [
        Step(
            a.rule,
            f"its decision may be appealed to {_the(version, a.to)} within {a.within_days} days",
        )
        for a in appeals
    ]
    decided_by = transfer.to if transfer else body.id
    return Competence(
        statute=version,
        matter=found,
        body=body,
        decided_by=decided_by,
        transfer=transfer,
        concurrence=concurrence,
        procedure=procedure,
        appeals=appeals,
        rule_path=tuple(steps),
        explanation=_explain(version, found, body, transfer, appeals),
    )


def _procedure_words(procedure: Procedure) -> str:
    quorum = procedure.quorum
    if quorum.is_none:
        needed = "no quorum"
    elif quorum.count is not None:
        needed = f"a quorum of {quorum.count}"
    else:
        words = "more than" if quorum.strict else "at least"
        needed = f"a quorum of {words} {quorum.fraction} of the {quorum.of.value}"
    return f"{needed}; {procedure.majority.describe()} carries; {procedure.ballot.value} ballot"


def _explain(
    statute: Statute,
    matter: Matter,
    body: Body,
    transfer: Transfer | None,
    appeals: tuple[AppealRule, ...],
) -> str:
    text = f"This is {_a(matter.name)}: the {body.name} decides it."
    concurring = [statute.name_of(c) for c in matter.concurrence]
    if concurring:
        text += f" It also needs the concurrence of the {' and the '.join(concurring)}."
    if transfer is not None:
        text += f" For now {describe_transfer(statute, transfer)}."
    decided_by = transfer.to if transfer else body.id
    for appeal in (a for a in appeals if a.to != decided_by):
        text += (
            f" You may appeal its decision to {_the(statute, appeal.to)} within "
            f"{appeal.within_days} days."
        )
    return text


def admit_motion(
    statute: Statute | StatuteHistory,
    *,
    matter: str,
    body: str,
    as_of: dt.date,
    conditions_met: ConditionsMet | None = None,
) -> Competence | Refusal:
    """Return the competence that admits a motion to a body, or the refusal that says why not."""
    answer = competence(statute, matter=matter, as_of=as_of, conditions_met=conditions_met)
    if isinstance(answer, Refusal):
        return answer
    version = answer.statute
    asked = version.body(body)
    if asked is None:
        return Refusal(
            "body.unknown", f'version {version.version} of the statute has no body "{body}"'
        )
    if asked.id == answer.decided_by:
        return answer
    if answer.transfer is not None and asked.id == answer.body.id:
        return Refusal(
            answer.transfer.rule,
            f"{answer.explanation} So the {asked.name} cannot decide it now.",
        )
    if asked in answer.concurrence:
        return Refusal(
            answer.matter.rule,
            f"{answer.explanation} The {asked.name} concurs only after the {answer.body.name} "
            f"has decided; put the motion to the {answer.body.name} first.",
        )
    return Refusal(
        answer.matter.rule,
        f"{answer.explanation} The {asked.name} cannot decide it.",
    )


def matters_of(statute: Statute, *, body: str) -> tuple[Matter, ...]:
    """Return the matters a body is competent for in a version."""
    return tuple(m for m in statute.matters if m.competent == body)
