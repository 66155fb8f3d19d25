"""A secret vote of 50 members, a motion's and an election's, looked at from below the
application, on SQLite and on PostgreSQL: every table, every tuple of every table's pages (on
PostgreSQL dead ones too, through `pageinspect`, with the transaction that wrote each), the raw
database or relation files, the log output and the audit trail. Nothing links a member to a
choice: while the vote is open nothing stored holds a receipt or a choice in the clear, and
after the close the only rows a voter's transaction wrote are sealed papers whose key is gone.

The cast and the close each commit (a transactional test), as they do in production: inside
one test transaction every row would carry the same transaction id and the check would prove
nothing. See docs/secret-ballot.md.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.utils import timezone

from kuzbas.audit.models import AuditEntry
from kuzbas.core.actor import Operator
from kuzbas.core.rights import Role
from kuzbas.elections.models import (
    ElectionBallot,
    ElectionParticipation,
    SealedElectionPaper,
)
from kuzbas.elections.services import calling, count, polling
from kuzbas.governance import ballot_box
from kuzbas.governance.models import Participation, SealedPaper, SecretBallot
from kuzbas.governance.services import statute_book
from kuzbas.meetings.models import Attendance, CheckIn
from kuzbas.meetings.services import agenda, votes
from kuzbas.meetings.services.chair import open_meeting
from tests.factories import MembershipFactory, PersonFactory, RoleGrantFactory, UserFactory
from tests.meetings import storage
from tests.meetings.storage import Tuple, relation_files, sqlite_file
from tests.meetings.test_secret_vote_unlinkable import VOTERS, _world, choice_of
from tests.statute.examples import DEMO_STATUTES

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("register_emptied_afterwards"),
]
ELECTION_DAY = dt.date(1922, 9, 15)
CANDIDATES = ("v000", "v001", "v002")
RANKINGS = (
    ["v000", "v001"],
    ["v001"],
    ["v002", "v000", "v001"],
    ["v001", "v002"],
    ["v000"],
    ["v002", "v001"],
)


def ranking_of(n: int) -> list[str]:
    return RANKINGS[(n * n + n // 3) % len(RANKINGS)]


@dataclass
class Vote:
    """A secret vote at a meeting, with everything the checks need to know of its tables."""

    kind: str
    chair: object
    users: list
    post: object  # (client, n) -> response
    close: object  # () -> None
    box: str  # the ballot box's name: its key file's
    box_table: str  # the opened papers, written at the close
    sealed_table: str  # the sealed papers, while the vote is open
    participation_table: str
    cast_action: str
    answers: list = field(default_factory=list)
    # PostgreSQL: the first transaction of the casting; the pages may still hold tuples of
    # earlier tests' rolled-back transactions, which are not this vote's.
    since: int = 0

    @property
    def receipts(self) -> list[str]:
        return [a.json()["receipt"] for a in self.answers]


@pytest.fixture(params=["motion", "election"])
def vote(request, settings) -> Vote:
    return _motion(settings) if request.param == "motion" else _election(settings)


def _motion(settings) -> Vote:
    chair, meeting, item, users = _world(settings, "secret")

    def post(client, n):
        return client.post(
            f"/api/meetings/{meeting.pk}/ballot",
            {"choice": choice_of(n), "key": f"phone-key-of-member-{n:03}"},
            content_type="application/json",
        )

    return Vote(
        kind="motion",
        chair=chair,
        users=users,
        post=post,
        close=lambda: votes.close_item_vote(actor=chair, item=item, as_of=settings.KUZBAS_TODAY),
        box=f"motion-{item.motion_id}",
        box_table=SecretBallot._meta.db_table,
        sealed_table=SealedPaper._meta.db_table,
        participation_table=Participation._meta.db_table,
        cast_action="governance.ballot.cast",
    )


def _election(settings) -> Vote:
    settings.KUZBAS_TODAY = ELECTION_DAY
    statute_book.load_statute_version(
        actor=Operator("test"), path_or_text=DEMO_STATUTES / "aick-1921.toml", file="aick-1921.toml"
    )
    users = []
    for n in range(VOTERS):
        person = PersonFactory(key=f"v{n:03}", name_latin=f"Voter {n}")
        MembershipFactory(person=person, valid_from=dt.date(1922, 1, 1))
        users.append(UserFactory(username=f"v{n:03}", person=person))
    chair = UserFactory(username="chair", person=PersonFactory(key="chair", name_latin="Chair"))
    RoleGrantFactory(user=chair, role=Role.BOARD_MEMBER)
    meeting = agenda.convene(
        actor=chair,
        body="general-meeting",
        title="General meeting",
        convened_for=timezone.make_aware(dt.datetime(1922, 9, 15, 18)),
    )
    open_meeting(actor=chair, meeting=meeting)
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, person=u.person, method=CheckIn.CLERK) for u in users
    )
    election = calling.create_election(
        actor=chair,
        title="Election to the Organization Committee",
        seat="organization-committee.member",
        seats=2,
        method="stv",
        candidates=list(CANDIDATES),
        as_of=ELECTION_DAY,
        meeting=meeting,
    )
    polling.open_election(actor=chair, election=election, as_of=ELECTION_DAY)

    def post(client, n):
        return client.post(
            f"/api/elections/{election.pk}/ballot",
            {"marks": ranking_of(n)},
            content_type="application/json",
        )

    return Vote(
        kind="election",
        chair=chair,
        users=users,
        post=post,
        close=lambda: count.close_election(actor=chair, election=election, as_of=ELECTION_DAY),
        box=ballot_box.box_of(election),
        box_table=ElectionBallot._meta.db_table,
        sealed_table=SealedElectionPaper._meta.db_table,
        participation_table=ElectionParticipation._meta.db_table,
        cast_action="elections.ballot.cast",
    )


def _cast_all(vote: Vote) -> None:
    """Every member votes from a phone, each ballot its own committed transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_current_xact_id()::text::bigint")
            (vote.since,) = cursor.fetchone()
    for n, user in enumerate(vote.users):
        client = Client()
        client.force_login(user)
        response = vote.post(client, n)
        assert response.status_code == 201, response.content
        vote.answers.append(response)


def _table_rows() -> dict[str, list[str]]:
    """Every live row of every table, as text."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [c[0] for c in cursor.description]
            tables[table] = [
                json.dumps(dict(zip(columns, map(_text, row), strict=True)))
                for row in cursor.fetchall()
            ]
    return tables


def _text(value) -> str:
    return bytes(value).hex() if isinstance(value, bytes | memoryview) else str(value)


def _voter_transactions(tuples: list[Tuple], vote: Vote) -> set[int]:
    """The transactions that cast a ballot: those that wrote a participation or its audit."""
    audit_table = AuditEntry._meta.db_table
    return {
        t.xmin
        for t in tuples
        if t.table == vote.participation_table
        or (t.table == audit_table and vote.cast_action.encode() in t.data)
    }


def test_while_the_vote_is_open_nothing_stored_holds_a_receipt(vote, caplog):
    caplog.set_level(logging.DEBUG)

    _cast_all(vote)

    receipts = [r.encode() for r in vote.receipts]
    for table, rows in _table_rows().items():
        assert not any(r.decode() in text for r in receipts for text in rows), table
    if connection.vendor == "sqlite":
        raw = sqlite_file()
        assert not any(r in raw for r in receipts)
    else:
        holding = {t.table for t in storage.tuples() if any(r in t.data for r in receipts)}
        assert holding == set()
        files = relation_files()
        assert files, "the relation files were read"
        assert not [name for name, data in files.items() if any(r in data for r in receipts)]
    assert not any(r.decode() in rec.getMessage() for rec in caplog.records for r in receipts)
    assert len({len(a.content) for a in vote.answers}) == 1, "every answer is of one size"


def test_after_the_close_nothing_stored_links_a_voter_to_a_paper(vote, caplog, settings):
    caplog.set_level(logging.DEBUG)
    _cast_all(vote)
    _no_vacuum(vote)

    vote.close()

    # Below the application first: a query would let PostgreSQL prune the pages it reads.
    if connection.vendor == "sqlite":
        _sqlite_file_links_nothing(vote)
    else:
        _pages_link_nothing(vote)
        _relation_files_link_nothing(vote)
    receipts = vote.receipts
    rows = _table_rows()
    assert sorted(json.loads(r)["receipt"] for r in rows[vote.box_table]) == sorted(receipts)
    for table, texts in rows.items():
        if table != vote.box_table:
            assert not any(r in text for r in receipts for text in texts), table
    assert not rows[vote.sealed_table]
    assert not (settings.BALLOT_KEY_DIR / f"{vote.box}.key").exists(), "the key is destroyed"
    _no_timed_ballot(vote)
    assert not any(r in rec.getMessage() for rec in caplog.records for r in receipts)


def _no_vacuum(vote: Vote) -> None:
    """Keep autovacuum off the vote's tables, so that the dead tuples are still there to read
    (as they are in a copy of the files taken before a vacuum)."""
    if connection.vendor == "postgresql":
        tables = (vote.box_table, vote.sealed_table, vote.participation_table)
        with connection.cursor() as cursor:
            for table in (*tables, AuditEntry._meta.db_table):
                cursor.execute(f'ALTER TABLE "{table}" SET (autovacuum_enabled = off)')


def _no_timed_ballot(vote: Vote) -> None:
    """The audit trail says who voted, on which day, never when to the second nor how."""
    entries = AuditEntry.objects.filter(action=vote.cast_action)
    assert entries.count() == VOTERS
    assert {e.at.time() for e in entries} == {dt.time(0, 0)}
    everything = json.dumps([e.changes for e in AuditEntry.objects.all()])
    assert not any(r in everything for r in vote.receipts)


def _sqlite_file_links_nothing(vote: Vote) -> None:
    raw = sqlite_file()
    places = {r: raw.find(r.encode()) for r in vote.receipts}
    # Each receipt once in the box and once in its index, nowhere else (no copy in casting order).
    assert all(raw.count(r.encode()) <= 2 for r in vote.receipts)
    assert sorted(vote.receipts, key=places.get) != vote.receipts
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT receipt FROM "{vote.box_table}" ORDER BY rowid')
        stored = [r for (r,) in cursor.fetchall()]
    assert [r for r in stored if r in places] != vote.receipts


def _pages_link_nothing(vote: Vote) -> None:
    tuples = [t for t in storage.tuples() if t.xmin >= vote.since]
    receipts = [r.encode() for r in vote.receipts]
    voters = _voter_transactions(tuples, vote)
    assert len(voters) == VOTERS, "each ballot was its own transaction"
    # Every tuple that holds a receipt, live or dead, in any table, was written by one
    # transaction, the close's, which no voter's transaction is.
    readable = [t for t in tuples if any(r in t.data for r in receipts)]
    assert {t.table for t in readable} == {vote.box_table}
    closing = {t.xmin for t in readable}
    assert len(closing) == 1 and not closing & voters
    # What the voters' transactions wrote besides who voted: sealed papers, all deleted by the
    # close, none holding a receipt, and their key destroyed.
    written = {t.table for t in tuples if t.xmin in voters}
    assert written <= {vote.participation_table, AuditEntry._meta.db_table, vote.sealed_table}
    sealed = [t for t in tuples if t.table == vote.sealed_table]
    assert sealed, "the sealed papers' dead tuples were read"
    assert all(t.xmax in closing for t in sealed)
    assert not (ballot_box.key_dir() / f"{vote.box}.key").exists()
    # The box's tuples lie in an order that is not the casting's.
    on_page = [t for t in sorted(readable, key=lambda t: t.place)]
    order = [next(r.decode() for r in receipts if r in t.data) for t in on_page]
    assert order != vote.receipts


def _relation_files_link_nothing(vote: Vote) -> None:
    files = relation_files()
    box_files = {
        name for name, data in files.items() if any(r.encode() in data for r in vote.receipts)
    }
    # The box's table and its indexes (the receipt is its key), nothing else.
    assert vote.box_table in box_files
    assert all(name.startswith(vote.box_table) for name in box_files), box_files
    data = files[vote.box_table]
    places = {r: data.find(r.encode()) for r in vote.receipts}
    assert sorted(vote.receipts, key=places.get) != vote.receipts
