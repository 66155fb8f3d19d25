"""Which body decides a matter on a date, and why; a motion put to another body is refused."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kuzbas.statute.appeals import applicable_appeals
from kuzbas.statute.bodies import Body
from kuzbas.statute.errors import NotInForce, Refusal
from kuzbas.statute.model import AppealRule, Matter, Statute, Transfer
from kuzbas.statute.phrases import Phrase
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


def _an(name: str) -> tuple[bool, str]:
    """Return whether a matter's name takes "an", and the name as it stands inside a sentence."""
    lowered = name[:1].lower() + name[1:]
    return lowered[:1] in "aeiou", lowered


UNKNOWN_MATTER = Phrase(
    'version {version} of the statute knows no matter "{matter}" (it knows: {known})'
)
UNKNOWN_BODY = Phrase('version {version} of the statute has no body "{body}"')
DECIDED_BY = {
    False: Phrase("a {matter} is decided by the {body}"),
    True: Phrase("an {matter} is decided by the {body}"),
}
CONCURRENCE_STEP = Phrase("the decision also needs the concurrence of the {names}")
APPEAL_STEP = Phrase("its decision may be appealed to the {body} within {days} days")
NO_QUORUM_WORDS = Phrase("no quorum")
QUORUM_OF = Phrase("a quorum of {count}")
QUORUM_WORDS = {
    (True, "members"): Phrase("a quorum of more than {fraction} of the members"),
    (True, "present"): Phrase("a quorum of more than {fraction} of the present"),
    (False, "members"): Phrase("a quorum of at least {fraction} of the members"),
    (False, "present"): Phrase("a quorum of at least {fraction} of the present"),
}
PROCEDURE_WORDS = {
    "counted": Phrase(
        "{needed}; {majority} carries; counted ballot", nested=("needed", "majority")
    ),
    "named": Phrase("{needed}; {majority} carries; named ballot", nested=("needed", "majority")),
    "secret": Phrase("{needed}; {majority} carries; secret ballot", nested=("needed", "majority")),
}
THIS_IS = {
    False: Phrase("This is a {matter}: the {body} decides it."),
    True: Phrase("This is an {matter}: the {body} decides it."),
}
ALSO_NEEDS = Phrase("It also needs the concurrence of the {names}.")
FOR_NOW = Phrase("For now {transfer}.", nested=("transfer",))
YOU_MAY_APPEAL = Phrase("You may appeal its decision to the {body} within {days} days.")
NOT_NOW = Phrase("So the {body} cannot decide it now.")
CONCURS_AFTER = Phrase(
    "The {asked} concurs only after the {body} has decided; put the motion to the {body} first."
)
CANNOT_DECIDE = Phrase("The {body} cannot decide it.")


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
            "matter.unknown", UNKNOWN_MATTER(version=version.version, matter=matter, known=known)
        )
    body = version.body(found.competent)
    assert body is not None, "a checked statute resolves every competent body"
    steps = [
        Step(f"statute.{version.version}", version.label),
        Step(found.rule, DECIDED_BY[_an(found.name)[0]](matter=_an(found.name)[1], body=body.name)),
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
        names = " and the ".join(b.name for b in concurrence)
        steps.append(Step(found.rule, CONCURRENCE_STEP(names=names)))
    procedure = version.procedure_for(found)
    if procedure is not None:
        steps.append(Step(procedure.rule, _procedure_words(procedure)))
    appeals = applicable_appeals(version, body=body.id, matter=found.id)
    steps += [
        Step(a.rule, APPEAL_STEP(body=version.name_of(a.to), days=a.within_days)) for a in appeals
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
        needed = NO_QUORUM_WORDS()
    elif quorum.count is not None:
        needed = QUORUM_OF(count=quorum.count)
    else:
        needed = QUORUM_WORDS[(quorum.strict, quorum.of.value)](fraction=quorum.fraction)
    return PROCEDURE_WORDS[procedure.ballot.value](
        needed=needed, majority=procedure.majority.describe()
    )


def _explain(
    statute: Statute,
    matter: Matter,
    body: Body,
    transfer: Transfer | None,
    appeals: tuple[AppealRule, ...],
) -> str:
    an, name = _an(matter.name)
    sentences = [THIS_IS[an](matter=name, body=body.name)]
    concurring = [statute.name_of(c) for c in matter.concurrence]
    if concurring:
        sentences.append(ALSO_NEEDS(names=" and the ".join(concurring)))
    if transfer is not None:
        sentences.append(FOR_NOW(transfer=describe_transfer(statute, transfer)))
    decided_by = transfer.to if transfer else body.id
    sentences += [
        YOU_MAY_APPEAL(body=statute.name_of(a.to), days=a.within_days)
        for a in appeals
        if a.to != decided_by
    ]
    return " ".join(sentences)


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
        return Refusal("body.unknown", UNKNOWN_BODY(version=version.version, body=body))
    if asked.id == answer.decided_by:
        return answer
    if answer.transfer is not None and asked.id == answer.body.id:
        return Refusal(
            answer.transfer.rule,
            f"{answer.explanation} {NOT_NOW(body=asked.name)}",
        )
    if asked in answer.concurrence:
        return Refusal(
            answer.matter.rule,
            f"{answer.explanation} {CONCURS_AFTER(asked=asked.name, body=answer.body.name)}",
        )
    return Refusal(
        answer.matter.rule,
        f"{answer.explanation} {CANNOT_DECIDE(body=asked.name)}",
    )


def matters_of(statute: Statute, *, body: str) -> tuple[Matter, ...]:
    """Return the matters a body is competent for in a version."""
    return tuple(m for m in statute.matters if m.competent == body)
