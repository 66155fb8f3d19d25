"""Rights in governance follow from the seats a person holds on the date, not from a list."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzbas.core.rights import Right, Role, has_right, roles_of
from tests.governance.conftest import BOARD_DAY, sitter

pytestmark = pytest.mark.django_db


def test_a_seat_on_the_managing_board_makes_a_board_member(board):
    assert roles_of(board.reese, BOARD_DAY) == {Role.BOARD_MEMBER}
    assert has_right(board.reese, Right.GOVERNANCE_CHAIR, BOARD_DAY)


def test_a_seat_the_sto_appoints_makes_its_representative(board):
    assert roles_of(board.shatov, BOARD_DAY) == {Role.BOARD_MEMBER, Role.AUTHORITY_REP}


def test_the_role_goes_with_the_seat(colony):
    user = sitter(
        "haywood",
        "organization-committee.member",
        valid_from=dt.date(1921, 10, 21),
        valid_to=dt.date(1922, 10, 31),
    )

    assert roles_of(user, dt.date(1922, 10, 31)) == {Role.BOARD_MEMBER}
    assert roles_of(user, dt.date(1922, 11, 1)) == set()


def test_a_seat_on_a_bureau_gives_no_board_role(colony):
    user = sitter(
        "barker", "american-organization-committee.member", valid_from=dt.date(1922, 1, 2)
    )

    assert roles_of(user, dt.date(1922, 6, 1)) == set()
