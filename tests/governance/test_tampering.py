"""Twenty-eight ways of rewriting the register behind the application's back, and `verify`
noticing each: by the chain, by the digests of what an entry rests on, by the heads' signatures
(the key is outside the database, so whoever recomputes the chain cannot sign it), by the head
row, or, for a truncation with the head rewound, by a head an outside witness kept.

Each tampering is done as someone who can write the database and read the code, but not the
key file: the append-only triggers dropped, the SQL run, the triggers put back.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.db import connection
from django.utils import timezone

from kuzbas.core.actor import Operator
from kuzbas.governance.models import (
    Ballot,
    CountedVote,
    Decision,
    Motion,
    RegisterHead,
    Seat,
    SecretBallot,
    StatuteVersion,
)
from kuzbas.governance.register import GENESIS, entry_hash_of, verify_register
from kuzbas.governance.register_grounds import grounds_for
from kuzbas.governance.register_key import signed_message
from kuzbas.governance.register_witness import read_witness, signed_head
from kuzbas.governance.services import ballots, decisions, motions, statute_book
from kuzbas.members.models import Person
from tests.factories import PersonFactory, SeatHoldingFactory, UserFactory
from tests.statute.examples import COOP

pytestmark = pytest.mark.django_db
DAY = dt.date(1930, 3, 1)
STATUTES = {
    "named": COOP,
    "secret": COOP.replace('ballot = "named"\ntie = "chair_decides"', 'ballot = "secret"'),
}
triggers = importlib.import_module(
    "kuzbas.governance.migrations.0004_register_refuses_update_and_delete"
)


@dataclass
class World:
    """A register of three entries: a count with named votes, a vote by ballots (named or
    secret), another count; and a motion filed but not decided, for forgeries."""

    entries: list[Decision]
    undecided: Motion
    chair: object


def _motion(chair, title: str) -> Motion:
    return motions.file_motion(
        actor=chair, title=title, text="Buy it.", matter="technical", body="board", as_of=DAY
    )


def _count(chair, title: str) -> Decision:
    return decisions.record_counted_vote(
        actor=chair,
        motion=_motion(chair, title),
        yes=2,
        no=1,
        abstain=0,
        present=3,
        named=[{"person": "anna", "choice": "yes"}],
        decided_on=DAY,
    )


def build(kind: str, settings) -> World:
    settings.KUZBAS_TODAY = DAY
    statute_book.load_statute_version(
        actor=Operator("test"), path_or_text=STATUTES[kind], file="coop.toml"
    )
    users = {}
    for key, seat_key in (("anna", "chair"), ("boris", "member"), ("vera", "member")):
        person = PersonFactory(key=key, name_latin=key.capitalize())
        SeatHoldingFactory(
            person=person,
            seat=Seat.objects.get(body__key="board", key=seat_key),
            valid_from=dt.date(1930, 1, 1),
        )
        users[key] = UserFactory(username=key, person=person)
    chair = users["anna"]
    first = _count(chair, "Pumps")
    voted = ballots.open_vote(actor=chair, motion=_motion(chair, "Winding engine"), as_of=DAY)
    ballots.cast_ballot(actor=chair, motion=voted, choice="yes")
    ballots.cast_ballot(actor=users["boris"], motion=voted, choice="no")
    if kind == "secret":
        ballots.cast_ballot(actor=users["vera"], motion=voted, choice="yes")
    # Two of three on a named vote tie: the chair's casting vote, where the statute gives one.
    casting = "yes" if kind == "named" else None
    second = decisions.close_vote(actor=chair, motion=voted, as_of=DAY, casting_vote=casting)
    third = _count(chair, "Boilers")
    return World([first, second, third], _motion(chair, "Baths"), chair)


@contextmanager
def triggers_dropped():
    """Drop the register's append-only triggers for the block, then put them back."""
    install, remove = triggers.STATEMENTS[connection.vendor]
    with connection.cursor() as cursor:
        for statement in remove:
            cursor.execute(statement)
    yield
    with connection.cursor() as cursor:
        for statement in install:
            cursor.execute(statement)


def rechain(*, signatures: str = "keep") -> None:
    """Recompute every entry's grounds, links and hash, and the head, as the code does:
    `signatures` kept as they were, "removed", or "forged" with a key of the tamperer's own."""
    forger = Ed25519PrivateKey.generate()
    prev, decision = GENESIS, None
    with triggers_dropped():
        for decision in Decision.objects.order_by("sequence"):
            if decision.payload.get("grounds"):
                decision.payload["grounds"] = grounds_for([decision.motion_id])[decision.motion_id]
            decision.prev_hash = prev
            decision.entry_hash = entry_hash_of(decision)
            if signatures == "removed":
                decision.head_signature = None
            elif signatures == "forged":
                message = signed_message(decision.sequence, decision.entry_hash)
                decision.head_signature = forger.sign(message).hex()
            Decision.objects.filter(pk=decision.pk).update(
                payload=decision.payload,
                prev_hash=decision.prev_hash,
                entry_hash=decision.entry_hash,
                head_signature=decision.head_signature,
            )
            prev = decision.entry_hash
    RegisterHead.objects.update(sequence=decision.sequence, entry_hash=prev)


def on_entry(sequence: int, **fields) -> None:
    with triggers_dropped():
        Decision.objects.filter(sequence=sequence).update(**fields)


def rehash_entry(sequence: int, **fields) -> None:
    """Change an entry and recompute its own hash, leaving the entries after it as they were."""
    on_entry(sequence, **fields)
    changed = Decision.objects.get(sequence=sequence)
    on_entry(sequence, entry_hash=entry_hash_of(changed))


def delete_entry(sequence: int) -> None:
    with triggers_dropped():
        Decision.objects.filter(sequence=sequence).delete()


def renumber_after(sequence: int) -> None:
    with triggers_dropped():
        for later in Decision.objects.filter(sequence__gt=sequence).order_by("sequence"):
            Decision.objects.filter(pk=later.pk).update(sequence=later.sequence - 1)


def rewind_head() -> None:
    last = Decision.objects.order_by("-sequence").first()
    RegisterHead.objects.update(sequence=last.sequence, entry_hash=last.entry_hash)


def forge(w: World, sequence: int, *, payload: dict | None = None) -> None:
    """Insert an entry for the undecided motion at `sequence`, linked to the entry before."""
    before = Decision.objects.filter(sequence=sequence - 1).first()
    like = w.entries[0]
    forged = Decision(
        sequence=sequence,
        motion=w.undecided,
        outcome="carried",
        counts=like.counts,
        arithmetic=like.arithmetic,
        statute_hash=like.statute_hash,
        rule=like.rule,
        decided_on=DAY,
        recorded_at=timezone.now(),
        payload=payload if payload is not None else like.payload,
        prev_hash=before.entry_hash if before else GENESIS,
    )
    forged.entry_hash = entry_hash_of(forged)
    forged.save(force_insert=True)


def forge_in_the_middle(w: World) -> None:
    with triggers_dropped():
        for later in Decision.objects.filter(sequence__gte=2).order_by("-sequence"):
            Decision.objects.filter(pk=later.pk).update(sequence=later.sequence + 1)
    forge(w, 2)
    rechain()


def change_statute_text(*, with_its_hash: bool) -> None:
    version = StatuteVersion.objects.get()
    text = version.text.replace("two_thirds", "simple")
    fields = {"text": text}
    if with_its_hash:
        import hashlib

        fields["content_hash"] = hashlib.sha256(text.encode()).hexdigest()
    StatuteVersion.objects.filter(pk=version.pk).update(**fields)


def change_counted(**fields) -> None:
    CountedVote.objects.filter(motion__decision__sequence=1).update(**fields)


def vera() -> Person:
    return Person.objects.get(key="vera")


def second_motion() -> Motion:
    return Motion.objects.get(decision__sequence=2)


@dataclass(frozen=True)
class Case:
    id: str
    world: str
    tamper: Callable[[World], None]
    reason: str  # what verify's report says
    witness: bool = False  # found only against a head an outside witness kept


CASES = [
    # Truncation.
    Case("truncated_head_untouched", "named", lambda w: delete_entry(3), "chain ends at entry 2"),
    Case(
        "truncated_head_rewound",
        "named",
        lambda w: (delete_entry(3), rewind_head()),
        "outside witness",
        witness=True,
    ),
    Case(
        "truncated_to_one_head_rewound",
        "named",
        lambda w: (delete_entry(3), delete_entry(2), rewind_head()),
        "outside witness",
        witness=True,
    ),
    Case(
        "truncated_head_deleted",
        "named",
        lambda w: (delete_entry(3), RegisterHead.objects.all().delete()),
        "head row is missing",
    ),
    Case("head_row_deleted", "named", lambda w: RegisterHead.objects.all().delete(), "missing"),
    # An entry changed.
    Case("entry_changed", "named", lambda w: on_entry(2, outcome="failed"), "was changed"),
    Case(
        "entry_changed_with_its_hash",
        "named",
        lambda w: rehash_entry(2, outcome="failed"),
        "signature does not hold",
    ),
    Case(
        "entry_changed_chain_and_head_recomputed",
        "named",
        lambda w: (on_entry(2, outcome="failed"), rechain()),
        "signature does not hold",
    ),
    Case(
        "entry_changed_chain_recomputed_signatures_removed",
        "named",
        lambda w: (on_entry(2, outcome="failed"), rechain(signatures="removed")),
        "signature does not hold",
    ),
    Case(
        "entry_changed_chain_recomputed_signed_by_another_key",
        "named",
        lambda w: (on_entry(2, outcome="failed"), rechain(signatures="forged")),
        "signature does not hold",
    ),
    Case(
        "signature_moved_from_another_entry",
        "named",
        lambda w: on_entry(2, head_signature=w.entries[2].head_signature),
        "signature does not hold",
    ),
    # An entry deleted.
    Case("middle_entry_deleted", "named", lambda w: delete_entry(2), "entry 2 is missing"),
    Case(
        "middle_entry_deleted_renumbered_chain_recomputed",
        "named",
        lambda w: (delete_entry(2), renumber_after(2), rechain()),
        "signature does not hold",
    ),
    # An entry forged.
    Case(
        "forged_at_the_end_head_untouched",
        "named",
        lambda w: forge(w, 4),
        "signature does not hold",
    ),
    Case(
        "forged_at_the_end_head_moved",
        "named",
        lambda w: (forge(w, 4), rewind_head()),
        "signature does not hold",
    ),
    Case(
        "forged_in_the_middle_chain_recomputed",
        "named",
        forge_in_the_middle,
        "signature does not hold",
    ),
    Case(
        "forged_in_the_old_unsigned_format",
        "named",
        lambda w: (forge(w, 4, payload={"kind": "counted"}), rewind_head()),
        "older format",
    ),
    # What the decisions rest on.
    Case(
        "motion_title_changed",
        "named",
        lambda w: Motion.objects.filter(decision__sequence=1).update(title="Pumps and baths"),
        "title or text",
    ),
    Case(
        "motion_text_changed",
        "named",
        lambda w: Motion.objects.filter(decision__sequence=3).update(text="Buy two."),
        "title or text",
    ),
    Case(
        "motion_text_changed_chain_recomputed",
        "named",
        lambda w: (Motion.objects.filter(decision__sequence=3).update(text="Two."), rechain()),
        "signature does not hold",
    ),
    Case(
        "statute_text_changed",
        "named",
        lambda w: change_statute_text(with_its_hash=False),
        "statute text",
    ),
    Case(
        "statute_text_and_its_stored_hash_changed",
        "named",
        lambda w: change_statute_text(with_its_hash=True),
        "statute text",
    ),
    Case(
        "named_ballot_changed",
        "named",
        lambda w: Ballot.objects.filter(voter__key="boris").update(choice="yes"),
        "named ballots",
    ),
    Case(
        "named_ballot_removed",
        "named",
        lambda w: Ballot.objects.filter(voter__key="boris").delete(),
        "named ballots",
    ),
    Case(
        "named_ballot_added",
        "named",
        lambda w: Ballot.objects.create(motion=second_motion(), voter=vera(), choice="yes"),
        "named ballots",
    ),
    Case(
        "box_paper_changed",
        "secret",
        lambda w: SecretBallot.objects.filter(choice="no").update(choice="yes"),
        "ballot box",
    ),
    Case(
        "box_paper_added",
        "secret",
        lambda w: SecretBallot.objects.create(
            receipt="FORGED0000000000", motion=second_motion(), choice="no"
        ),
        "ballot box",
    ),
    Case(
        "box_paper_removed",
        "secret",
        lambda w: SecretBallot.objects.filter(choice="no").delete(),
        "ballot box",
    ),
    Case("counted_totals_changed", "named", lambda w: change_counted(yes=1, no=2), "totals"),
    Case(
        "counted_named_votes_changed",
        "secret",
        lambda w: change_counted(named=[{"person": "anna", "choice": "no"}]),
        "totals",
    ),
]


@pytest.mark.parametrize("kind", ["named", "secret"])
def test_an_untouched_register_verifies_with_its_witnessed_head(kind, settings):
    build(kind, settings)
    kept = read_witness(signed_head().line())

    report = verify_register(witnessed=kept)

    assert report.ok, report.first_bad
    assert report.count == 3


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_verify_notices_the_register_rewritten(case, settings):
    world = build(case.world, settings)
    kept = read_witness(signed_head().line()) if case.witness else []

    case.tamper(world)
    report = verify_register(witnessed=kept)

    assert not report.ok
    assert case.reason in report.first_bad.reason
