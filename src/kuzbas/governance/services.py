"""Every write to governance: bodies, statute versions, seats, motions, votes, decisions, appeals.

The statute engine (`kuzbas.statute`) answers every question of the statute; these functions
ask it, refuse with its reason and rule, and record what it allowed.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from django.db import IntegrityError, connection, models, transaction
from django.db.models import Max
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from kuzbas.audit.services import audit
from kuzbas.core.dates import Precision
from kuzbas.core.errors import Conflict, Invalid, NotFound, Problem, Refused
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import full_clean_or_invalid
from kuzbas.governance import register, statutes, transitions
from kuzbas.governance.models import (
    Appeal,
    Ballot,
    Body,
    Choice,
    CountedVote,
    Counter,
    Decision,
    Motion,
    MotionStatus,
    Participation,
    Proxy,
    RollEntry,
    Seat,
    SeatHolding,
    SecretBallot,
    StatuteVersion,
)
from kuzbas.governance.statutes import stored_history, stored_version
from kuzbas.governance.voters import electorate_on
from kuzbas.members.models import Person
from kuzbas.record.services import attach_citations
from kuzbas.statute import Ballot as EngineBallot
from kuzbas.statute import Choice as EngineChoice
from kuzbas.statute import (
    Competence,
    NotInForce,
    Refusal,
    Statute,
    StatuteHistory,
    StatuteInvalid,
    StatuteProblem,
    admit_motion,
    appeal_routes,
    build_history,
    check_text,
    may_appeal,
    statute_as_of,
    tally_ballots,
    tally_counts,
)
from kuzbas.statute import Decision as EngineDecision
from kuzbas.statute import Proxy as EngineProxy
from kuzbas.statute.model import BallotKind, Procedure

# A body that decides alone (an office, a single seat, an outside authority) has no procedure
# in the statute; its one vote is counted as a simple majority of one, with no quorum.
DECIDES_ALONE = Procedure(id="decides_alone")
MOTION_COUNTER = "motion"


@transaction.atomic
def create_body(
    *, actor, key: str, name: str, kind: str, citations: Iterable[Mapping] = (), **fields: Any
) -> Body:
    """Add a body to the record of the colony's institutions."""
    require(actor, Right.RECORD_EDIT)
    body = Body(key=key, name=name, kind=kind, **fields)
    full_clean_or_invalid(body)
    body.save()
    attach_citations(actor=actor, obj=body, citations=citations)
    audit(actor=actor, action="governance.body.create", obj=body, changes={"name": name})
    return body


# --- The statute ------------------------------------------------------------------------------


def _invalid(problems: Iterable[StatuteProblem]) -> Invalid:
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
    report = check_text(text, file=name)
    if not report.ok or report.statute is None:
        raise _invalid(report.problems)
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
        raise _invalid(error.problems) from None
    version = StatuteVersion.objects.create(
        statute_id=statute.id,
        version=statute.version,
        title=statute.title,
        effective=statute.effective,
        amends=statute.amends,
        text=text,
        content_hash=statutes.content_hash(text),
    )
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
    """Return the engine's history of the stored statute versions; NotFound if none is loaded."""
    return stored_history()


def admissibility(*, matter: str, body: Body | str, as_of: dt.date) -> Competence | Refusal:
    """Return the statute's answer to "may this body take this motion on this date?"."""
    key = body.key if isinstance(body, Body) else body
    try:
        history = stored_history()
    except NotFound as error:
        return Refusal("statute.none", error.message)
    return admit_motion(history, matter=matter, body=key, as_of=as_of)


# --- Seats ------------------------------------------------------------------------------------


@transaction.atomic
def add_seat_holding(
    *,
    actor,
    seat: Seat,
    person: Person,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    from_precision: str = Precision.DAY,
    to_precision: str = Precision.DAY,
    citations: Iterable[Mapping] = (),
) -> SeatHolding:
    """Record that a person held a seat for a span of days (both ends inclusive)."""
    require(actor, Right.MEMBERS_EDIT)
    holding = SeatHolding(
        seat=seat,
        person=person,
        valid_from=valid_from,
        valid_to=valid_to,
        from_precision=from_precision,
        to_precision=to_precision,
    )
    full_clean_or_invalid(holding)
    overlap = models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=valid_from)
    if valid_to is not None:
        overlap &= models.Q(valid_from__lte=valid_to)
    if SeatHolding.objects.filter(overlap, seat=seat, person=person).exists():
        raise Conflict(
            _("%(person)s already holds this seat for part of that time.") % {"person": person},
            field="valid_from",
        )
    holding.save()
    attach_citations(actor=actor, obj=holding, citations=citations)
    audit(
        actor=actor,
        action="governance.seat.hold",
        obj=holding,
        changes={"seat": seat.path, "person": person.key, "from": valid_from, "to": valid_to},
    )
    return holding


# --- Motions ----------------------------------------------------------------------------------


# --- Proxies ------------------------------------------------------------------------------------


def _statute_on(day: dt.date) -> Statute:
    try:
        return statute_as_of(stored_history(), day)
    except NotInForce as error:
        raise Conflict(error.message, field="valid_from") from None


@transaction.atomic
def give_proxy(
    *,
    actor,
    giver: Person,
    holder: Person,
    body: Body | str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
) -> Proxy:
    """Record that `giver` gives their vote in a body to `holder` for a span of days.

    The giver records it themself; a meeting clerk may record a proxy given in writing. The
    statute decides whether it may be given: the electorate is weighed with it on its first
    day, and any refusal it causes (no proxies in this body, too many held, a giver with no vote
    to give) refuses it, with the statute's reason.
    """
    if getattr(actor, "person_id", None) == giver.pk:
        require(actor, Right.GOVERNANCE_VOTE, valid_from)
    else:
        require(actor, Right.MEETINGS_CLERK, valid_from)
    target = _body(body)
    problems = []
    if holder.pk == giver.pk:
        problems.append(Problem(_("A proxy is given to someone else."), field="holder"))
    if valid_to is not None and valid_to < valid_from:
        problems.append(Problem(_("A proxy cannot end before it starts."), field="valid_to"))
    if problems:
        raise Invalid(problems=problems)
    proxy = Proxy(giver=giver, holder=holder, body=target, valid_from=valid_from, valid_to=valid_to)
    full_clean_or_invalid(proxy)
    overlap = models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=valid_from)
    if valid_to is not None:
        overlap &= models.Q(valid_from__lte=valid_to)
    if Proxy.objects.filter(overlap, giver=giver, body=target).exists():
        raise Conflict(
            _("%(person)s has already given a proxy in the %(body)s for part of that time.")
            % {"person": giver, "body": target},
            field="valid_from",
        )
    statute = _statute_on(valid_from)
    before = set(electorate_on(statute, body=target.key, matter="", as_of=valid_from).refused)
    engine_proxy = EngineProxy(
        giver=giver.key, holder=holder.key, body=target.key, since=valid_from
    )
    after = electorate_on(
        statute, body=target.key, matter="", as_of=valid_from, extra_proxies=(engine_proxy,)
    ).refused
    refused = [r for r in after if r not in before]
    if refused:
        raise refused[0].as_error()
    proxy.save()
    audit(
        actor=actor,
        action="governance.proxy.give",
        obj=proxy,
        changes={"giver": giver.key, "holder": holder.key, "body": target.key},
    )
    return proxy


@transaction.atomic
def end_proxy(*, actor, proxy: Proxy, on: dt.date) -> Proxy:
    """End a proxy on a day (its last): by its giver, or by a meeting clerk."""
    proxy = Proxy.objects.select_for_update().select_related("giver", "body").get(pk=proxy.pk)
    if getattr(actor, "person_id", None) != proxy.giver_id:
        require(actor, Right.MEETINGS_CLERK, on)
    if on < proxy.valid_from:
        raise Invalid(problems=[Problem(_("A proxy cannot end before it starts."), field="on")])
    if proxy.valid_to is not None and proxy.valid_to <= on:
        raise Conflict(_("This proxy has already ended."), field="on")
    proxy.valid_to = on
    proxy.save(update_fields=["valid_to"])
    audit(actor=actor, action="governance.proxy.end", obj=proxy, changes={"on": on})
    return proxy


@transaction.atomic
def withdraw_proxy(*, actor, proxy: Proxy) -> None:
    """Take back a proxy on the day it starts, as if never given (a vote already opened keeps
    the weights on its roll); the trail keeps what it was. Its giver, or a meeting clerk."""
    locked = Proxy.objects.select_for_update().select_related("giver", "holder", "body")
    proxy = locked.get(pk=proxy.pk)
    if getattr(actor, "person_id", None) != proxy.giver_id:
        require(actor, Right.MEETINGS_CLERK, proxy.valid_from)
    audit(
        actor=actor,
        action="governance.proxy.withdraw",
        obj=proxy,
        changes={
            "giver": proxy.giver.key,
            "holder": proxy.holder.key,
            "body": proxy.body.key,
            "from": proxy.valid_from,
            "to": proxy.valid_to,
        },
    )
    proxy.delete()


def _filer(actor) -> dict[str, Any]:
    user = actor if isinstance(actor, models.Model) else None
    person_id = getattr(actor, "person_id", None)
    label = actor.get_username() if hasattr(actor, "get_username") else str(actor)
    return {"filed_by_id": person_id, "filed_by_user": user, "filed_by_label": label}


def _next_number() -> int:
    """Return the next motion number, holding the counter's row until the transaction ends.

    The lock makes concurrent filers take numbers in turn (PostgreSQL); SQLite serialises
    writers already. A rolled-back filing gives its number back.
    """
    Counter.objects.bulk_create([Counter(name=MOTION_COUNTER)], ignore_conflicts=True)
    counter = Counter.objects.select_for_update().get(name=MOTION_COUNTER)
    # A flushed or hand-filled table may be ahead of the counter; never reuse a number.
    highest = Motion.objects.aggregate(highest=Max("number"))["highest"] or 0
    number = max(counter.value, highest) + 1
    Counter.objects.filter(name=MOTION_COUNTER).update(value=number)
    return number


def _body(body: Body | str) -> Body:
    if isinstance(body, Body):
        return body
    found = Body.objects.filter(key=body).first()
    if found is None:
        raise NotFound(_("There is no body “%(key)s”.") % {"key": body}, field="body")
    return found


@transaction.atomic
def file_motion(
    *, actor, title: str, text: str, matter: str, body: Body | str, as_of: dt.date
) -> Motion:
    """File a motion with the body the statute makes competent; refuse it with the rule if not."""
    require(actor, Right.GOVERNANCE_FILE_MOTION, as_of)
    target = _body(body)
    answer = admissibility(matter=matter, body=target, as_of=as_of)
    if isinstance(answer, Refusal):
        raise answer.as_error()
    motion = Motion(
        number=_next_number(),
        title=title.strip(),
        text=text.strip(),
        matter=matter,
        body=target,
        filed_on=as_of,
        statute_version=stored_version(answer.statute),
        **_filer(actor),
    )
    full_clean_or_invalid(motion, exclude=["number"])
    motion.save(force_insert=True)
    audit(
        actor=actor,
        action="governance.motion.file",
        obj=motion,
        changes={"matter": matter, "body": target.key, "rule": answer.rule, "filed_on": as_of},
    )
    return motion


def _locked(motion: Motion) -> Motion:
    """Return the motion re-read under a row lock, so votes on it are taken one at a time."""
    return Motion.objects.select_for_update().select_related("body").get(pk=motion.pk)


def _check(allowed_reason: tuple[bool, str], motion: Motion) -> None:
    allowed, reason = allowed_reason
    if not allowed:
        raise transitions.IllegalTransition(reason, current=motion.status, wanted="")


@transaction.atomic
def withdraw_motion(*, actor, motion: Motion) -> Motion:
    """Withdraw a motion that has not been voted on."""
    require(actor, Right.GOVERNANCE_FILE_MOTION)
    motion = _locked(motion)
    is_filer = motion.filed_by_user_id is not None and motion.filed_by_user_id == getattr(
        actor, "pk", None
    )
    if not is_filer:
        require(actor, Right.GOVERNANCE_CHAIR)
    transitions.move(motion, MotionStatus.WITHDRAWN)
    motion.save(update_fields=["status"])
    audit(actor=actor, action="governance.motion.withdraw", obj=motion)
    return motion


@transaction.atomic
def open_vote(*, actor, motion: Motion, as_of: dt.date) -> Motion:
    """Open the vote on a motion; the electorate is the body's on that date."""
    require(actor, Right.GOVERNANCE_CHAIR, as_of)
    motion = _locked(motion)
    if as_of < motion.filed_on:
        raise Invalid(
            problems=[Problem(_("A vote cannot open before the motion is filed."), field="as_of")]
        )
    # Refuses if the body is no longer competent on that date.
    statute, _rule, _steps, procedure = _authority(motion, on=as_of)
    transitions.move(motion, MotionStatus.VOTING)
    motion.vote_opened_on = as_of
    motion.ballot_kind = procedure.ballot.value
    motion.save(update_fields=["status", "vote_opened_on", "ballot_kind"])
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


KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,64}")


def _keyed(purpose: str, motion: Motion, person_id: int, key: str) -> str:
    """A digest of the voter's idempotency key for one purpose, keyed with the server's secret.

    The participation keeps one purpose's digest and the receipt is another's: without the
    key (which only the voter's device holds) nothing in one table matches the other.
    """
    return salted_hmac(f"kuzbas.ballot.{purpose}", f"{motion.pk}:{person_id}:{key}").hexdigest()


def cast_ballot(*, actor, motion: Motion, choice: str, key: str = "") -> Ballot | SecretBallot:
    """Cast the actor's ballot: only while the vote is open, only from the roll, only once.

    Being on the vote's roll (the statute's electorate, fixed when the vote opened) is the
    right to vote; no other role is asked for. A refused ballot leaves nothing behind, not even
    an audit entry. `key` makes casting idempotent: the same key from the same voter returns
    the ballot already cast (with its receipt) instead of a second one, so a client may retry
    after a lost reply. The returned ballot's `replayed` is True then.
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
        ballot = _cast_ballot(actor=actor, motion=motion, choice=choice, key=key)
    except transitions.IllegalTransition:
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


# The motion's vote state and the voter's roll entry in one round trip. On PostgreSQL the motion
# row is held with a shared lock: ballots hold it together and never wait for each other, while
# closing the vote takes the exclusive lock (`_locked`), so it waits for the ballots in flight and
# every ballot after it sees the vote closed. SQLite takes the whole database for every write.
_VOTE_STATE = (
    "SELECT m.id, m.number, m.title, m.status, m.ballot_kind, m.vote_opened_on, m.body_id,"
    " m.matter, m.appeal_of_id, r.weight AS roll_weight, p.key AS roll_key"
    " FROM governance_motion m"
    " LEFT JOIN governance_rollentry r ON r.motion_id = m.id AND r.person_id = %s"
    " LEFT JOIN members_person p ON p.id = r.person_id"
    " WHERE m.id = %s"
)
_VOTE_STATE_SHARED = _VOTE_STATE + " FOR SHARE OF m"


def _vote_state(motion: Motion, person_id: int) -> Motion:
    """Re-read the motion's vote state under a shared lock, with the voter's roll entry."""
    query = _VOTE_STATE_SHARED if connection.features.has_select_for_update else _VOTE_STATE
    found = list(Motion.objects.raw(query, [person_id, motion.pk]))
    if not found:
        raise NotFound(_("There is no motion No. %(n)s.") % {"n": motion.number})
    return found[0]


@transaction.atomic
def _cast_ballot(*, actor, motion: Motion, choice: str, key: str) -> Ballot | SecretBallot:
    person_id = getattr(actor, "person_id", None)
    if person_id is None:
        require(actor, Right.GOVERNANCE_VOTE)
        raise Refused(_("Only a person can vote; this account is not linked to one."))
    motion = _vote_state(motion, person_id)
    entry = None
    if motion.status == MotionStatus.VOTING and motion.roll_weight is not None:
        entry = (motion.roll_weight, motion.roll_key)
    if entry is None:
        # Off the fast path: say first whether the account may vote at all, then why not now.
        require(actor, Right.GOVERNANCE_VOTE)
        _check(transitions.can_cast_ballot(motion), motion)
        person = Person.objects.get(pk=person_id)
        raise Refused(
            _("%(person)s may not vote in the %(body)s on %(day)s.")
            % {"person": person, "body": motion.body, "day": motion.vote_opened_on.isoformat()},
            rule=f"body.{motion.body.key}",
        )
    if choice not in Choice.values:
        raise Invalid(problems=[Problem(_("Choose yes, no or abstain."), field="choice")])
    weight, voter_key = entry
    key = key or secrets.token_urlsafe(16)
    if _ballot_kind(motion) == BallotKind.SECRET.value:
        Participation.objects.create(
            motion=motion,
            voter_id=person_id,
            key_digest=_keyed("participation", motion, person_id, key),
        )
        ballot = _secret_papers(motion, person_id, key, choice, weight)
    else:
        ballot = Ballot.objects.create(
            motion=motion,
            voter_id=person_id,
            choice=choice,
            key_digest=_keyed("ballot", motion, person_id, key),
        )
    # The trail records that the person voted, as the participation does; never a secret choice.
    audit(actor=actor, action="governance.ballot.cast", obj=motion, changes={"voter": voter_key})
    ballot.replayed = False
    return ballot


def _secret_papers(motion: Motion, person_id: int, key: str, choice: str, weight: str):
    """Put the choice in the box as one paper for each whole vote the voter holds (two for a
    proxy holder), each of weight one, so that no paper shows its voter held more than one;
    a fraction of a vote stays one paper of that weight. The voter keeps the first receipt."""
    votes = Fraction(weight)
    whole = votes.denominator == 1 and votes >= 1
    papers = [
        SecretBallot(
            receipt=_keyed("receipt", motion, person_id, key)[:16]
            if n == 0
            else secrets.token_hex(8),
            motion=motion,
            choice=choice,
            weight="1" if whole else weight,
        )
        for n in range(int(votes) if whole else 1)
    ]
    SecretBallot.objects.bulk_create(papers)
    return papers[0]


def _ballot_kind(motion: Motion) -> str:
    """The ballot kind fixed when the vote opened (read from the statute for older votes)."""
    if motion.ballot_kind:
        return motion.ballot_kind
    statute, *_rest = _authority(motion, on=motion.vote_opened_on)
    return _procedure(statute, motion).ballot.value


def _replay(*, actor, motion: Motion, key: str) -> Ballot | SecretBallot | None:
    """Return the ballot this voter already cast with this key, or None."""
    person_id = getattr(actor, "person_id", None)
    if not key or person_id is None:
        return None
    if _ballot_kind(motion) == BallotKind.SECRET.value:
        digest = _keyed("participation", motion, person_id, key)
        if not Participation.objects.filter(
            motion=motion, voter_id=person_id, key_digest=digest
        ).exists():
            return None
        ballot = SecretBallot.objects.filter(
            motion=motion, receipt=_keyed("receipt", motion, person_id, key)[:16]
        ).first()
    else:
        ballot = Ballot.objects.filter(
            motion=motion, voter_id=person_id, key_digest=_keyed("ballot", motion, person_id, key)
        ).first()
    if ballot is not None:
        ballot.replayed = True
    return ballot


def _secret_result(procedure: Procedure, motion: Motion, voters, casting_vote):
    """Count a secret vote from the ballot box, then shuffle the box."""
    totals = {c: Fraction(0) for c in Choice.values}
    box = list(SecretBallot.objects.filter(motion=motion).values("receipt", "choice", "weight"))
    for row in box:
        totals[row["choice"]] += Fraction(row["weight"])
    present = sum(
        (
            voters.weight_of(key)
            for key in motion.participations.values_list("voter__key", flat=True)
        ),
        Fraction(0),
    )
    # Write the box again in random order, so that no row number follows the order of casting.
    secrets.SystemRandom().shuffle(box)
    SecretBallot.objects.filter(motion=motion).delete()
    SecretBallot.objects.bulk_create(SecretBallot(motion=motion, **row) for row in box)
    return tally_counts(
        procedure,
        yes=totals[Choice.YES],
        no=totals[Choice.NO],
        abstain=totals[Choice.ABSTAIN],
        present=present,
        members=voters.total,
        casting_vote=EngineChoice(casting_vote) if casting_vote else None,
    )


# --- Decisions --------------------------------------------------------------------------------


def _authority(motion: Motion, *, on: dt.date) -> tuple[Statute, str, tuple[dict, ...], Procedure]:
    """Return what authorises the motion's body to decide it on a date, or refuse.

    An appellate motion is authorised by the appeal route; any other by the statute's
    competence on the date.
    """
    history = stored_history()
    if motion.appeal_of_id is not None:
        original = motion.appeal_of
        old = statute_as_of(history, original.decided_on)
        route = next(
            (
                r
                for r in appeal_routes(old, decision=_engine_decision(original))
                if r.to == motion.body.key
            ),
            None,
        )
        if route is None:
            raise Refused(_("The statute gives no appeal route to this body."), rule="appeal.none")
        version = statute_as_of(history, on)
        steps = ({"rule": route.rule, "text": route.explanation},)
        return version, route.rule, steps, _procedure(version, motion)
    answer = admit_motion(history, matter=motion.matter, body=motion.body.key, as_of=on)
    if isinstance(answer, Refusal):
        raise answer.as_error()
    steps = tuple({"rule": s.rule, "text": s.text} for s in answer.rule_path)
    return answer.statute, answer.rule, steps, _procedure(answer.statute, motion)


def _procedure(statute: Statute, motion: Motion) -> Procedure:
    found = statute.body(motion.body.key)
    procedure = statute.procedure_for_body(found, motion.matter) if found else None
    return procedure or DECIDES_ALONE


def _engine_decision(decision: Decision) -> EngineDecision:
    motion = decision.motion
    return EngineDecision(
        body=motion.body.key, matter=motion.matter, decided_on=decision.decided_on
    )


def _show(value: Fraction) -> str:
    return str(Fraction(value))


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
    """Move the motion to its outcome and append the decision to the register."""
    transitions.move(motion, result.outcome.value)
    motion.save(update_fields=["status"])
    version = stored_version(statute)
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
        **extra,
    }
    decision = register.append_decision(
        motion=motion,
        outcome=result.outcome.value,
        counts=counts,
        arithmetic=result.explain(),
        statute_hash=version.content_hash,
        rule=rule,
        decided_on=decided_on,
        payload=payload,
    )
    audit(
        actor=actor,
        action="governance.decision.record",
        obj=decision,
        changes={"outcome": decision.outcome, "rule": rule, "entry_hash": decision.entry_hash},
    )
    return decision


@transaction.atomic
def close_vote(
    *, actor, motion: Motion, as_of: dt.date, casting_vote: str | None = None
) -> Decision:
    """Close the vote, count the ballots with the statute, and append the decision."""
    require(actor, Right.GOVERNANCE_CHAIR, as_of)
    motion = _locked(motion)
    _check(transitions.can_close_vote(motion), motion)
    if as_of < motion.vote_opened_on:
        raise Invalid(problems=[Problem(_("A vote cannot close before it opened."), field="as_of")])
    statute, rule, steps, procedure = _authority(motion, on=as_of)
    opened = motion.vote_opened_on
    voters = electorate_on(statute, body=motion.body.key, matter=motion.matter, as_of=opened)
    if procedure.ballot is BallotKind.SECRET:
        result = _secret_result(procedure, motion, voters, casting_vote)
        extra = {"kind": "secret", "vote_opened_on": opened.isoformat()}
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
) -> Decision:
    """Record the totals of a vote a chair counted (or the record reports), and append the decision.

    `named` lists who voted how where the record says so: [{"person": key, "choice": "yes"}].
    """
    # The chair recording an old vote acts today; the statute is asked about the day of the vote.
    require(actor, Right.GOVERNANCE_CHAIR)
    motion = _locked(motion)
    _check(transitions.can_record_count(motion), motion)
    if decided_on < motion.filed_on:
        raise Invalid(
            problems=[
                Problem(_("A motion cannot be decided before it is filed."), field="decided_on")
            ]
        )
    statute, rule, steps, procedure = _authority(motion, on=decided_on)
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
        recorded_by_label=actor.get_username() if hasattr(actor, "get_username") else str(actor),
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


# --- Appeals ----------------------------------------------------------------------------------


@transaction.atomic
def file_appeal(*, actor, decision: Decision, to_body: Body | str, filed_on: dt.date) -> Appeal:
    """Appeal a decision: within the statute's deadline, to the body its route names.

    Creates the appellate motion in that body; its decision, when taken, is the appeal's outcome.
    """
    require(actor, Right.GOVERNANCE_APPEAL, filed_on)
    target = _body(to_body)
    history = stored_history()
    decided_under = statute_as_of(history, decision.decided_on)
    route = may_appeal(
        decided_under, decision=_engine_decision(decision), to=target.key, filed_on=filed_on
    )
    if isinstance(route, Refusal):
        raise route.as_error()
    original = decision.motion
    version = statutes.version_in_force(filed_on) or original.statute_version
    motion = Motion(
        number=_next_number(),
        title=_("Appeal against decision %(n)s: %(title)s")
        % {"n": decision.sequence, "title": original.title},
        text=route.explanation,
        matter=original.matter,
        body=target,
        filed_on=filed_on,
        statute_version=version,
        appeal_of=decision,
        **_filer(actor),
    )
    motion.save(force_insert=True)
    appeal = Appeal.objects.create(
        decision=decision,
        filed_by_id=getattr(actor, "person_id", None),
        filed_by_user=actor if isinstance(actor, models.Model) else None,
        filed_on=filed_on,
        to_body=target,
        motion=motion,
        rule=route.rule,
        deadline=route.deadline,
        suspends=route.suspends,
    )
    audit(
        actor=actor,
        action="governance.appeal.file",
        obj=appeal,
        changes={
            "decision": decision.sequence,
            "to": target.key,
            "rule": route.rule,
            "motion": motion.number,
        },
    )
    return appeal
