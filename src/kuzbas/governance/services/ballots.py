"""Votes on a motion: open one with its roll, cast a ballot (named or secret, idempotent by
the voter's key), and find a ballot already cast."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import re
import secrets
from fractions import Fraction

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit, audit_entry
from kuzbas.core.errors import (
    Conflict,
    DomainError,
    Invalid,
    NotFound,
    NotPermitted,
    Problem,
    RefusedByStatute,
)
from kuzbas.core.guarded_write import write_if
from kuzbas.core.lifecycle import IllegalTransition
from kuzbas.core.rights import Right, require
from kuzbas.governance import ballot_box, sittings, transitions
from kuzbas.governance.models import (
    Ballot,
    Choice,
    Motion,
    MotionStatus,
    Participation,
    RollEntry,
    SealedPaper,
    SecretBallot,
)
from kuzbas.governance.services import authority, motions
from kuzbas.governance.statutes import stored_history
from kuzbas.governance.voters import electorate_on, outside_electorate
from kuzbas.members.models import Person
from kuzbas.statute import statute_as_of
from kuzbas.statute.model import BallotKind


@transaction.atomic
def open_vote(*, actor, motion: Motion, as_of: dt.date, at: object | None = None) -> Motion:
    """Open the vote on a motion; the electorate is the body's on that date.

    `at` is the sitting that opens it (see `governance/sittings.py`): a motion on a meeting's
    agenda is opened there, by its chair, and through no other path.
    """
    require(actor, Right.GOVERNANCE_CHAIR, as_of)
    motion = motions.locked(motion)
    sittings.require_conduct(actor=actor, motion=motion, at=at)
    if as_of < motion.filed_on:
        raise Invalid(
            problems=[Problem(_("A vote cannot open before the motion is filed."), field="as_of")]
        )
    # Refuses if the body is no longer competent on that date.
    statute, _rule, _steps, procedure = authority.authority_for(motion, on=as_of)
    transitions.move(motion, MotionStatus.VOTING)
    motion.vote_opened_on = as_of
    motion.ballot_kind = procedure.ballot.value
    motion.save(update_fields=["status", "vote_opened_on", "ballot_kind"])
    if motion.ballot_kind in BOX_KINDS:
        ballot_box.make_key(ballot_box.box_of(motion))
    voters = electorate_on(statute, body=motion.body.key, matter=motion.matter, as_of=as_of)
    people = dict(
        Person.objects.filter(key__in=[v.holder for v in voters.voters]).values_list("key", "pk")
    )
    RollEntry.objects.bulk_create(
        RollEntry(motion=motion, person_id=people[v.holder], weight=str(v.weight))
        for v in voters.voters
        if v.holder in people
    )
    audit(actor=actor, action="governance.vote.open", obj=motion, changes={"on": as_of})
    return motion


# The ballots that go into a sealed box without a name: the secret ones, and a show of hands
# cast from phones, which keeps its totals only.
BOX_KINDS = (BallotKind.SECRET.value, BallotKind.COUNTED.value)

KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")
CHOICES = frozenset(Choice.values)  # `Choice.values` builds its list anew at every call


def _keyed(purpose: str, motion: Motion, person_id: int, key: str) -> str:
    """A digest of the voter's idempotency key for one purpose, keyed with the server's secret.

    The participation keeps one purpose's digest and the receipt is another's: without the
    key (which only the voter's device holds) nothing in one table matches the other. It is
    Django's `salted_hmac` with the key it derives from the salt and the secret made once.
    """
    derived = _derived_key(f"kuzbas.ballot.{purpose}", settings.SECRET_KEY)
    return hmac.new(derived, f"{motion.pk}:{person_id}:{key}".encode(), hashlib.sha1).hexdigest()


@functools.lru_cache(maxsize=16)
def _derived_key(salt: str, secret: str) -> bytes:
    """The key `salted_hmac(salt, …)` derives from the secret (sha1 of salt and secret)."""
    return hashlib.sha1((salt + secret).encode()).digest()  # noqa: S324 - Django's derivation


def cast_ballot(
    *, actor, motion: Motion, choice: str, key: str = "", at: object | None = None
) -> Ballot | SecretBallot:
    """Cast the actor's ballot: only while the vote is open, only from the roll, only once.

    Being on the vote's roll (the statute's electorate, fixed when the vote opened) is the
    right to vote; no other role is asked for. A refused ballot leaves nothing behind, not even
    an audit entry. `key` makes casting idempotent: the same key from the same voter returns
    the ballot already cast (with its receipt) instead of a second one, so a client may retry
    after a lost reply. The returned ballot's `replayed` is True then. A motion voted at a
    meeting takes ballots only from those checked in to it, whichever path casts them (`at`,
    the meeting, where its own service casts; see `governance/sittings.py`).
    """
    if key and not KEY_PATTERN.fullmatch(key):
        raise Invalid(
            problems=[
                Problem(
                    _("The key must be 16 to 64 letters, digits, “-” or “_”, chosen at random."),
                    field="key",
                )
            ]
        )
    try:
        ballot = _cast_ballot(actor=actor, motion=motion, choice=choice, key=key, at=at)
    except IllegalTransition:
        # A retry that arrives after the vote closed still gets its ballot back.
        ballot = _replay(actor=actor, motion=motion, key=key)
        if ballot is None:
            raise
    except IntegrityError:
        # The database's one-ballot constraint caught a second ballot the check could not see:
        # a retry racing its original, or a second ballot.
        ballot = _replay(actor=actor, motion=motion, key=key)
        if ballot is None:
            raise Conflict(
                _("You have already voted on this motion."), rule="ballot.once"
            ) from None
    return ballot


# The motion's vote state and the voter's roll entry, read where a ballot is refused. On
# PostgreSQL the motion row is held with a shared lock: ballots hold it together and never wait
# for each other, while closing the vote takes the exclusive lock (`_locked`), so it waits for
# the ballots in flight and every ballot after it sees the vote closed. SQLite takes the whole
# database for every write.
_VOTE_STATE = (
    "SELECT m.id, m.number, m.title, m.status, m.ballot_kind, m.vote_opened_on, m.body_id,"
    " m.matter, m.appeal_of_id, r.weight AS roll_weight, p.key AS roll_key"
    " FROM governance_motion m"
    " LEFT JOIN governance_rollentry r ON r.motion_id = m.id AND r.person_id = %s"
    " LEFT JOIN members_person p ON p.id = r.person_id"
    " WHERE m.id = %s"
)

# What a ballot's rows are written under, in the same statement (`core.guarded_write`): the
# vote is open, and the voter is on its roll with the weight the sealed paper carries. The lock
# is the one above: closing waits for the ballots in flight and sees every one of them.
_MAY_CAST = (
    "SELECT m.status, r.weight, (m.status = %s AND r.weight = %s) AS ok"
    " FROM governance_motion m"
    " LEFT JOIN governance_rollentry r ON r.motion_id = m.id AND r.person_id = %s"
    " WHERE m.id = %s"
)


def _shared(query: str) -> str:
    return query + " FOR SHARE OF m" if connection.features.has_select_for_update else query


def _vote_state(motion: Motion, person_id: int) -> Motion:
    """Re-read the motion's vote state under a shared lock, with the voter's roll entry."""
    found = list(Motion.objects.raw(_shared(_VOTE_STATE), [person_id, motion.pk]))
    if not found:
        raise NotFound(_("There is no motion No. %(n)s.") % {"n": motion.number})
    return found[0]


def _cast_ballot(
    *, actor, motion: Motion, choice: str, key: str, at: object | None
) -> Ballot | SecretBallot:
    """Write the ballot's rows in one statement, under the roll and the vote's state.

    The common voter holds one vote, so the paper is sealed for a weight of one and written
    only if the roll says so; a proxy holder's ballot learns its weight from the first try and
    is sealed again. Whatever else stopped the write is said by `_refuse`.
    """
    person_id = getattr(actor, "person_id", None)
    if person_id is None:
        require(actor, Right.GOVERNANCE_VOTE)
        raise NotPermitted(_("Only a person can vote; this account is not linked to one."))
    try:
        # At a meeting, only those checked in vote (the meeting says, whichever path this is).
        sittings.require_ballot(actor=actor, motion=motion, at=at)
    except DomainError:
        _refuse(actor, motion, person_id)  # the vote's own refusal comes first
        raise
    if choice not in CHOICES:
        raise Invalid(problems=[Problem(_("Choose yes, no or abstain."), field="choice")])
    key = key or secrets.token_urlsafe(16)
    if motion.status != MotionStatus.VOTING:
        # Read before the vote opened, or the vote is over: read it again (`_refuse` says why).
        motion = _vote_state(motion, person_id)
        if motion.status != MotionStatus.VOTING:
            _refuse(actor, motion, person_id)
    kind = _ballot_kind(motion)
    weight = "1"
    for _try in range(2):
        ballot, rows = _rows(actor, motion, person_id, key, choice, weight, kind)
        state = write_if(
            _shared(_MAY_CAST), [MotionStatus.VOTING, weight, person_id, motion.pk], rows
        )
        if state is not None and state["ok"]:
            ballot.replayed = False
            return ballot
        if state is None or state["status"] != MotionStatus.VOTING or state["weight"] is None:
            break
        weight = state["weight"]  # on the roll with another weight: seal for that one
    _refuse(actor, motion, person_id)
    raise Conflict(_("The roll of this vote changed; try again."), rule="ballot.roll")


def _rows(actor, motion: Motion, person_id: int, key: str, choice: str, weight: str, kind: str):
    """The ballot the voter gets back and the rows that record it, unsaved."""
    if kind in BOX_KINDS:
        ballot, paper = _seal_papers(motion, person_id, key, choice, weight, kind)
        voted = Participation(
            motion=motion,
            voter_id=person_id,
            key_digest=_keyed("participation", motion, person_id, key),
        )
        rows = [voted, paper]
    else:
        ballot = Ballot(
            motion=motion,
            voter_id=person_id,
            choice=choice,
            key_digest=_keyed("ballot", motion, person_id, key),
        )
        rows = [ballot]
    # The trail records that the person voted, as the participation does; never a choice, and
    # for a box only the day, not the second.
    trail = audit_entry(
        actor=actor,
        action="governance.ballot.cast",
        obj=motion,
        changes={"voter": actor.person.key},
        day_only=kind in BOX_KINDS,
    )
    return ballot, [*rows, trail]


def _refuse(actor, motion: Motion, person_id: int) -> None:
    """Raise why this voter may not vote on the motion now; return if nothing in the vote
    itself stands in the way (being on the roll while the vote is open)."""
    motion = _vote_state(motion, person_id)
    if motion.status == MotionStatus.VOTING and motion.roll_weight is not None:
        return
    # Say first whether the account may vote at all, then why not now.
    require(actor, Right.GOVERNANCE_VOTE)
    motions.refuse_unless(transitions.can_cast_ballot(motion), motion)
    person = Person.objects.get(pk=person_id)
    _refuse_outside_electorate(motion, person)
    raise RefusedByStatute(
        _("%(person)s may not vote in the %(body)s on %(day)s.")
        % {"person": person, "body": motion.body, "day": motion.vote_opened_on.isoformat()},
        rule=f"body.{motion.body.key}",
    )


def _refuse_outside_electorate(motion: Motion, person: Person) -> None:
    """Refuse under the electorate clause a member whose category has no vote in the body."""
    day = motion.vote_opened_on
    statute = statute_as_of(stored_history(), day)
    voters = electorate_on(statute, body=motion.body.key, matter=motion.matter, as_of=day)
    refusal = outside_electorate(voters, statute, person)
    if refusal is not None:
        raise refusal


def _seal_papers(
    motion: Motion, person_id: int, key: str, choice: str, weight: str, kind: str
) -> tuple[SecretBallot, SealedPaper]:
    """Seal the choice into the box as one paper for each whole vote the voter holds (two for a
    proxy holder), each of weight one, so that no paper shows its voter held more than one;
    a fraction of a vote stays one paper of that weight. A secret ballot's papers carry
    receipts and the voter keeps the first; a show of hands keeps totals only, so none.

    The papers of one voter are sealed together under a random id: what the box shows until the
    close is a sealed row, of one size whatever it holds. Return the voter's ballot and the
    paper, unsaved.
    """
    if weight == "1":  # the common voter: one vote, one paper
        whole, count = True, 1
    else:
        votes = Fraction(weight)
        whole = votes.denominator == 1 and votes >= 1
        count = int(votes) if whole else 1
    receipts: list[str] = []
    if kind == BallotKind.SECRET.value:
        first = _keyed("receipt", motion, person_id, key)[:16]
        receipts = [first, *(secrets.token_hex(8) for _n in range(count - 1))]
    paper = {"c": choice, "w": "1" if whole else weight, "n": count, "r": receipts}
    box = ballot_box.box_of(motion)
    sealed = SealedPaper(
        motion=motion,
        tag=_keyed("paper", motion, person_id, key),
        sealed=ballot_box.seal(box, paper),
    )
    ballot = SecretBallot(receipt=receipts[0] if receipts else None, motion=motion, choice=choice)
    return ballot, sealed


def _ballot_kind(motion: Motion) -> str:
    """The ballot kind fixed when the vote opened (read from the statute for older votes)."""
    if motion.ballot_kind:
        return motion.ballot_kind
    statute, *_rest = authority.authority_for(motion, on=motion.vote_opened_on)
    return authority.procedure_of(statute, motion).ballot.value


def _replay(*, actor, motion: Motion, key: str) -> Ballot | SecretBallot | None:
    """Return the ballot this voter already cast with this key, or None."""
    person_id = getattr(actor, "person_id", None)
    if not key or person_id is None:
        return None
    if _ballot_kind(motion) in BOX_KINDS:
        digest = _keyed("participation", motion, person_id, key)
        if not Participation.objects.filter(
            motion=motion, voter_id=person_id, key_digest=digest
        ).exists():
            return None
        ballot = _sealed_again(motion, person_id, key)
    else:
        ballot = Ballot.objects.filter(
            motion=motion, voter_id=person_id, key_digest=_keyed("ballot", motion, person_id, key)
        ).first()
    if ballot is not None:
        ballot.replayed = True
    return ballot


def _sealed_again(motion: Motion, person_id: int, key: str) -> SecretBallot | None:
    """The paper a retry asks for: still sealed in the box while the vote is open, among the
    opened papers under its receipt after the close (a show of hands keeps none)."""
    sealed = SealedPaper.objects.filter(
        motion=motion, tag=_keyed("paper", motion, person_id, key)
    ).first()
    if sealed is not None:
        paper = ballot_box.unseal(ballot_box.box_of(motion), sealed.sealed)
        receipt = paper["r"][0] if paper["r"] else None
        return SecretBallot(receipt=receipt, motion=motion, choice=paper["c"])
    return SecretBallot.objects.filter(
        motion=motion, receipt=_keyed("receipt", motion, person_id, key)[:16]
    ).first()
