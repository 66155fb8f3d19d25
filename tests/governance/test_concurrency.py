"""Ballots cast at the same moment never produce a duplicate (PostgreSQL, real threads)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from kuzbas.core.errors import DomainError
from kuzbas.governance.models import Ballot, Decision
from kuzbas.governance.services import ballots, decisions, motions, statute_book
from kuzbas.members.models import User
from tests.governance.conftest import BOARD_DAY

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite lets one writer in at a time, so only PostgreSQL can race two ballots",
    ),
]

THREADS = 8


def _race(work) -> list[object]:
    """Run `work(i)` in THREADS threads released together; return each result or error."""
    start = threading.Barrier(THREADS)
    results: list[object] = [None] * THREADS

    def run(i: int) -> None:
        try:
            start.wait()
            results[i] = work(i)
        except Exception as error:  # the test inspects every outcome, errors included
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_one_voter_casting_at_once_from_many_threads_leaves_one_ballot(board, open_pumps):
    user_id = board.reese.pk

    results = _race(
        lambda i: ballots.cast_ballot(
            actor=User.objects.get(pk=user_id), motion=open_pumps, choice="yes" if i % 2 else "no"
        )
    )

    assert Ballot.objects.filter(voter__key="reese").count() == 1
    assert sum(isinstance(r, Ballot) for r in results) == 1
    assert all(isinstance(r, Ballot | DomainError) for r in results)


def test_decisions_appended_at_once_form_one_unbroken_chain(board):
    user_id = board.rutgers.pk

    def decide(i: int) -> Decision:
        actor = User.objects.get(pk=user_id)
        motion = motions.file_motion(
            actor=actor,
            title=f"Motion {i}",
            text="",
            matter="technical",
            body="managing-board",
            as_of=BOARD_DAY,
        )
        return decisions.record_counted_vote(
            actor=actor, motion=motion, yes=2, no=1, abstain=0, present=3, decided_on=BOARD_DAY
        )

    results = _race(decide)

    assert [type(r) for r in results] == [Decision] * THREADS, [str(r) for r in results]
    assert sorted(Decision.objects.values_list("sequence", flat=True)) == list(range(1, 9))


def test_a_ballot_retried_at_once_from_many_threads_returns_one_ballot_to_all(board, open_pumps):
    user_id = board.reese.pk

    results = _race(
        lambda i: ballots.cast_ballot(
            actor=User.objects.get(pk=user_id),
            motion=open_pumps,
            choice="yes",
            key="same-key-from-a-retrying-phone",
        )
    )

    assert Ballot.objects.filter(voter__key="reese").count() == 1
    assert {r.pk for r in results} == {Ballot.objects.get(voter__key="reese").pk}, results


def test_a_vote_closed_while_ballots_arrive_counts_every_ballot_it_acknowledged(settings):
    """Ballots share the motion's lock and closing takes it alone: a ballot is either in the
    count or refused as late, never acknowledged and left out."""
    import datetime as dt
    from fractions import Fraction

    from kuzbas.core.actor import Operator
    from kuzbas.core.lifecycle import IllegalTransition
    from kuzbas.governance.models import Motion, SecretBallot
    from tests.factories import MembershipFactory, PersonFactory, UserFactory
    from tests.statute.examples import COOP

    day = dt.date(1930, 3, 1)
    settings.KUZBAS_TODAY = day
    secret = COOP.replace('ballot = "counted"\nproxies = 1', 'ballot = "secret"')
    statute_book.load_statute_version(actor=Operator("test"), path_or_text=secret, file="c.toml")
    users = []
    for n in range(THREADS - 1):
        person = PersonFactory(key=f"m{n}", name_latin=f"Member {n}")
        MembershipFactory(person=person, valid_from=dt.date(1930, 1, 1))
        users.append(UserFactory(username=f"m{n}", person=person).pk)
    motion = motions.file_motion(
        actor=Operator("test"),
        title="Admit",
        text="",
        matter="admission",
        body="meeting",
        as_of=day,
    )
    ballots.open_vote(actor=Operator("test"), motion=motion, as_of=day)

    def work(i: int):
        if i == THREADS - 1:
            return decisions.close_vote(actor=Operator("test"), motion=motion, as_of=day)
        return ballots.cast_ballot(
            actor=User.objects.get(pk=users[i]),
            motion=Motion.objects.get(pk=motion.pk),
            choice="yes",
        )

    results = _race(work)

    decision = results[-1]
    cast = [r for r in results[:-1] if not isinstance(r, Exception)]
    late = [r for r in results[:-1] if isinstance(r, IllegalTransition)]
    assert isinstance(decision, Decision), decision
    assert len(cast) + len(late) == THREADS - 1, results
    assert Fraction(decision.counts["yes"]) == len(cast) == SecretBallot.objects.count()
