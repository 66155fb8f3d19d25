"""A secret vote of 50 members cast from their phones, looked at as the issue's curious
administrator would: every table, the raw database file (PostgreSQL's relation files), the audit
trail, the log output and the size of every answer, during the vote and after it. Nothing links a
member to a choice. Below the application, transaction by transaction, on both databases:
test_secret_box_on_disk.py."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import Counter

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.utils import timezone

from kuzbas.audit.models import AuditEntry
from kuzbas.core.actor import Operator
from kuzbas.core.errors import Conflict
from kuzbas.governance import ballot_box
from kuzbas.governance.models import Ballot, Motion, SealedPaper, SecretBallot
from kuzbas.governance.services import statute_book
from kuzbas.meetings.models import Attendance, CheckIn
from kuzbas.meetings.services import agenda, votes
from kuzbas.meetings.services.chair import open_meeting
from kuzbas.members.models import Membership, MembershipCategory, MembershipStatus
from tests.factories import PersonFactory, UserFactory
from tests.meetings.storage import raw_bytes

pytestmark = pytest.mark.django_db
DAY = dt.date(1930, 3, 1)
VOTERS = 50
CHOICES = ("yes", "no", "abstain")
STATUTE = """\
[statute]
id = "secret"
title = "Statute of a cooperative that votes in secret"
version = "1"
effective = 1930-01-01

[[body]]
id = "meeting"
name = "General meeting"
kind = "general_meeting"
procedure = "meeting_vote"

[[procedure]]
id = "meeting_vote"
quorum = {{ more_than = "1/2", of = "members" }}
majority = "simple"
ballot = "{ballot}"

[[matter]]
id = "resolution"
name = "Resolution of the general meeting"
competent = "meeting"
"""


def choice_of(n: int) -> str:
    # An irregular sequence, so that reading it back in order would show.
    return CHOICES[(n * n + n // 3) % 3]


def _rows() -> dict[str, set[str]]:
    """Every row of every table, as text."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [c[0] for c in cursor.description]
            tables[table] = {
                json.dumps(dict(zip(columns, map(_text, row), strict=True)))
                for row in cursor.fetchall()
            }
    return tables


def _text(value) -> str:
    return bytes(value).hex() if isinstance(value, bytes | memoryview) else str(value)


@pytest.fixture
def vote(settings):
    return _world(settings, "secret")


@pytest.fixture
def hands(settings):
    return _world(settings, "counted")


def _world(settings, ballot: str):
    settings.KUZBAS_TODAY = DAY
    statute_book.load_statute_version(
        actor=Operator("test"), path_or_text=STATUTE.format(ballot=ballot), file="s.toml"
    )
    users = []
    for n in range(VOTERS):
        person = PersonFactory(key=f"m{n:03}", name_latin=f"Member {n}")
        Membership.objects.create(
            person=person,
            valid_from=dt.date(1930, 1, 1),
            status=MembershipStatus.MEMBER,
            category=MembershipCategory.COLONIST,
        )
        users.append(UserFactory(username=f"m{n:03}", person=person))
    chair = UserFactory(username="chair", is_superuser=True)
    meeting = agenda.convene(
        actor=chair,
        body="meeting",
        title="General meeting",
        convened_for=timezone.make_aware(dt.datetime(1930, 3, 1, 18)),
    )
    open_meeting(actor=chair, meeting=meeting)
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, person=u.person, method=CheckIn.CLERK) for u in users
    )
    item = agenda.add_item(
        actor=chair,
        meeting=meeting,
        kind="motion",
        title="A new winding engine",
        matter="resolution",
        as_of=DAY,
    )
    votes.open_item_vote(actor=chair, item=item, as_of=DAY)
    return chair, meeting, item, users


def _cast(meeting, users):
    """Every member votes from a phone; return the answers in the order of casting."""
    answers = []
    for n, user in enumerate(users):
        client = Client()
        client.force_login(user)
        response = client.post(
            f"/api/meetings/{meeting.pk}/ballot",
            {"choice": choice_of(n), "key": f"phone-key-of-member-{n:03}"},
            content_type="application/json",
        )
        assert response.status_code == 201, response.content
        answers.append(response)
    return answers


def test_every_choice_gets_an_answer_of_the_same_size(vote):
    _chair, meeting, _item, users = vote

    answers = _cast(meeting, users)

    sizes = {choice_of(n): len(a.content) for n, a in enumerate(answers)}
    assert set(sizes) == set(CHOICES)
    assert len(set(sizes.values())) == 1, sizes
    assert [a.json()["choice"] for a in answers] == [choice_of(n) for n in range(VOTERS)]


def test_while_the_vote_is_open_nothing_written_holds_a_choice(vote, caplog):
    _chair, meeting, item, users = vote
    before = _rows()
    caplog.set_level(logging.DEBUG)

    answers = _cast(meeting, users)

    receipts = [a.json()["receipt"] for a in answers]
    written = {t: rows - before.get(t, set()) for t, rows in _rows().items()}
    assert written[SealedPaper._meta.db_table], "the papers are in the box"
    for table, rows in written.items():
        for text in rows:
            values = set(json.loads(text).values())
            assert not values & set(CHOICES), (table, text)
            assert not any(r in text for r in receipts), (table, text)
    raw = raw_bytes()  # the SQLite file, or PostgreSQL's relation files
    assert not any(r.encode() in raw for r in receipts)
    assert not any(r in record.getMessage() for record in caplog.records for r in receipts)
    # Sealed papers are all of one size, whatever they hold.
    sizes = {len(bytes(s)) for s in SealedPaper.objects.values_list("sealed", flat=True)}
    assert len(sizes) == 1
    assert not SecretBallot.objects.filter(motion=item.motion).exists()


def test_the_audit_trail_says_who_voted_but_not_when(vote):
    _chair, meeting, _item, users = vote

    _cast(meeting, users)

    entries = AuditEntry.objects.filter(action="governance.ballot.cast")
    assert sorted(e.changes["voter"] for e in entries) == [f"m{n:03}" for n in range(VOTERS)]
    times = {e.at for e in entries}
    assert len(times) == 1
    assert next(iter(times)).time() == dt.time(0, 0)
    assert not any(set(map(str, e.changes.values())) & set(CHOICES) for e in entries)


def test_after_the_close_the_box_keeps_papers_in_no_order_and_the_key_is_gone(
    vote, settings, django_capture_on_commit_callbacks
):
    chair, meeting, item, users = vote
    answers = _cast(meeting, users)
    receipts = [a.json()["receipt"] for a in answers]
    key_files = list(settings.BALLOT_KEY_DIR.iterdir())
    assert [f.stat().st_mode & 0o777 for f in key_files] == [0o600]

    with django_capture_on_commit_callbacks(execute=True):
        votes.close_item_vote(actor=chair, item=item, as_of=DAY)

    motion = Motion.objects.get(pk=item.motion_id)
    expected = Counter(choice_of(n) for n in range(VOTERS))
    assert {c: int(motion.decision.counts[c]) for c in CHOICES} == dict(expected)
    assert not SealedPaper.objects.exists()
    assert list(settings.BALLOT_KEY_DIR.iterdir()) == []
    assert sorted(SecretBallot.objects.values_list("receipt", flat=True)) == sorted(receipts)
    cast_order = [choice_of(n) for n in range(VOTERS)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT receipt, choice FROM {SecretBallot._meta.db_table}"
            + (" ORDER BY rowid" if connection.vendor == "sqlite" else " ORDER BY ctid")
        )
        stored = cursor.fetchall()
    assert [c for _r, c in stored] != cast_order
    assert [r for r, _c in stored] != receipts
    raw = raw_bytes()  # the SQLite file, or PostgreSQL's relation files
    # Each receipt once in the table and once in each index of its key (PostgreSQL has two, the
    # primary key's and the pattern index Django adds to a text key): no copy in casting order.
    copies = 2 if connection.vendor == "sqlite" else 3
    assert all(raw.count(r.encode()) <= copies for r in receipts)
    by_place = sorted(receipts, key=lambda r: raw.index(r.encode()))
    assert by_place != receipts
    # Nothing outside the box holds a receipt; the audit trail holds no choice.
    for table, rows in _rows().items():
        if table != SecretBallot._meta.db_table:
            assert not any(r in text for r in receipts for text in rows), table
    decision_entries = AuditEntry.objects.exclude(action="governance.ballot.cast")
    assert not any(r in json.dumps(e.changes) for e in decision_entries for r in receipts)


def test_a_retry_while_the_box_is_sealed_gets_its_own_answer_back(vote):
    _chair, meeting, _item, users = vote
    first = _cast(meeting, users[:3])
    client = Client()
    client.force_login(users[1])

    again = client.post(
        f"/api/meetings/{meeting.pk}/ballot",
        {"choice": "yes", "key": "phone-key-of-member-001"},
        content_type="application/json",
    )

    assert again.status_code == 200
    assert again.json() == first[1].json()
    assert SealedPaper.objects.count() == 3


def test_a_box_whose_key_was_replaced_is_refused_at_the_close_and_nothing_changes(vote):
    chair, meeting, item, users = vote
    _cast(meeting, users[:2])
    ballot_box.make_key(f"motion-{item.motion_id}")  # the key the papers were sealed with is lost

    with pytest.raises(Conflict) as refused:
        votes.close_item_vote(actor=chair, item=item, as_of=DAY)

    assert refused.value.rule == "ballot.box_key"
    assert SealedPaper.objects.count() == 2
    assert Motion.objects.get(pk=item.motion_id).status == "voting"


def test_a_show_of_hands_from_phones_keeps_the_totals_only(
    hands, django_capture_on_commit_callbacks
):
    chair, meeting, item, users = hands
    answers = _cast(meeting, users[:30])

    with django_capture_on_commit_callbacks(execute=True):
        votes.close_item_vote(actor=chair, item=item, as_of=DAY)

    decision = Motion.objects.get(pk=item.motion_id).decision
    expected = Counter(choice_of(n) for n in range(30))
    assert {c: int(decision.counts[c]) for c in CHOICES} == dict(expected)
    assert "named" not in decision.payload
    assert [a.json()["receipt"] for a in answers] == [None] * 30
    assert len({len(a.content) for a in answers}) == 1
    assert not Ballot.objects.exists()
    assert not SecretBallot.objects.exists() and not SealedPaper.objects.exists()
