"""The colony's two statutes loaded, and a Managing Board of three sitting from November 1922."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from kuzbas.audit.models import AuditEntry
from kuzbas.core.actor import Operator
from kuzbas.core.rights import Role
from kuzbas.governance.models import Ballot, Decision, Motion, Seat
from kuzbas.governance.services import ballots, founding, motions, statute_book
from kuzbas.governance.statute_templates import TEMPLATES
from kuzbas.members.models import MembershipCategory
from tests.factories import (
    MembershipFactory,
    PersonFactory,
    RoleGrantFactory,
    SeatHoldingFactory,
    UserFactory,
)
from tests.governance.coop import FOUNDED, coop_text
from tests.statute.examples import DEMO_STATUTES

BOARD_DAY = dt.date(1923, 5, 1)  # the Managing Board sits; the mass meeting's pumps question
COOP_TODAY = dt.date(2026, 3, 2)  # the cooperative template in force since January


@pytest.fixture
def colony(db):
    """Load the statutes of 1921 and October 1922 as the demo does."""
    actor = Operator("test")
    return [
        statute_book.load_statute_version(actor=actor, path_or_text=DEMO_STATUTES / name)
        for name in ("aick-1921.toml", "aick-1922-10.toml")
    ]


def seat(path: str) -> Seat:
    body, _, key = path.partition(".")
    return Seat.objects.get(body__key=body, key=key)


def sitter(key: str, seat_path: str, **dates):
    """Return an account whose person holds a seat (from 1 November 1922 unless told)."""
    person = PersonFactory(key=key, name_latin=key.capitalize())
    SeatHoldingFactory(person=person, seat=seat(seat_path), **dates)
    return UserFactory(username=key, person=person)


@dataclass
class Board:
    rutgers: object
    reese: object
    shatov: object


@pytest.fixture
def board(colony) -> Board:
    """The three members of the Managing Board, with accounts."""
    return Board(
        rutgers=sitter("rutgers", "managing-board.colony"),
        reese=sitter("reese", "managing-board.colony"),
        shatov=sitter("shatov", "managing-board.sto_representative"),
    )


@pytest.fixture
def pumps(board) -> Motion:
    """A technical motion filed with the Managing Board in May 1923."""
    return motions.file_motion(
        actor=board.rutgers,
        title="Install electric pumps in mine No. 1",
        text="",
        matter="technical",
        body="managing-board",
        as_of=BOARD_DAY,
    )


@pytest.fixture
def open_pumps(board, pumps) -> Motion:
    return ballots.open_vote(actor=board.rutgers, motion=pumps, as_of=BOARD_DAY)


def trace() -> tuple[int, int, int, int]:
    """Return how many motions, ballots, decisions and audit entries there are."""
    return (
        Motion.objects.count(),
        Ballot.objects.count(),
        Decision.objects.count(),
        AuditEntry.objects.count(),
    )


@pytest.fixture
def coop(db):
    """A cooperative founded on its template, with twelve members who have accounts."""
    actor = Operator("test")
    version = statute_book.load_statute_version(
        actor=actor, path_or_text=coop_text(), file="cooperative.toml"
    )
    founding.found(actor=actor, statute_version=version, on=FOUNDED)
    members = []
    for n in range(12):
        person = PersonFactory(key=f"m{n}")
        MembershipFactory(person=person, category=MembershipCategory.COLONIST, valid_from=FOUNDED)
        members.append(UserFactory(username=f"m{n}", person=person))
    chair = UserFactory(username="chair")
    RoleGrantFactory(user=chair, role="board_member")
    return members, chair


@pytest.fixture
def suspending(db):
    """The demo's statutes in a copy where an appeal to the STO suspends the decision."""
    from tests.governance.appeal_world import load_colony

    load_colony(suspending=True)


@pytest.fixture
def standing_meanwhile(db):
    """The demo's statutes as they are: a decision stands while it is appealed."""
    from tests.governance.appeal_world import load_colony

    load_colony(suspending=False)


@pytest.fixture
def cooperative(settings):
    """The cooperative template in force from 2026, three members, and a board member to chair."""
    settings.KUZBAS_TODAY = COOP_TODAY
    statute_book.load_statute_version(
        actor=Operator("test"), path_or_text=TEMPLATES["cooperative"].text()
    )
    for key in ("anna", "boris", "vera"):
        MembershipFactory(person=PersonFactory(key=key), valid_from=dt.date(2026, 1, 1))
    chair = UserFactory(username="chair")
    RoleGrantFactory(user=chair, role=Role.BOARD_MEMBER)
    return chair
