"""A member's own page and `GET /api/me`: rights today and why, seats, proxies, named votes,
secret ballots that never show their choice, the account; a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kuzbas.core.rights import Role, reasons_of, roles_of
from kuzbas.governance.models import Motion, Seat
from kuzbas.governance.services import ballots, decisions, motions, proxies
from kuzbas.members import acts
from kuzbas.members.models import Membership, Person
from tests.factories import RoleGrantFactory, SeatHoldingFactory, SourceFactory, UserFactory
from tests.governance.conftest import COOP_TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(cooperative):
    """Anna: a member with an account, on the board now, on the audit committee before."""
    person = Person.objects.get(key="anna")
    SeatHoldingFactory(
        person=person,
        seat=Seat.objects.get(body__key="board", key="member"),
        valid_from=dt.date(2026, 1, 15),
    ).citations.create(source=SourceFactory(key="gm-2026-01"), locator="item 3")
    SeatHoldingFactory(
        person=person,
        seat=Seat.objects.get(body__key="audit-committee", key="member"),
        valid_from=dt.date(2026, 1, 1),
        valid_to=dt.date(2026, 1, 14),
    )
    user = UserFactory(username="anna", person=person)
    return user


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def plan_motion(chair, title: str) -> Motion:
    return motions.file_motion(
        actor=chair,
        title=title,
        text="",
        matter="plan_and_budget",
        body="general-meeting",
        as_of=COOP_TODAY,
    )


def named_history(chair, anna, count: int) -> None:
    """`count` motions anna voted on by named ballot, and `count` counted votes naming her."""
    for n in range(count):
        motion = ballots.open_vote(
            actor=chair, motion=plan_motion(chair, f"Ballot {n}"), as_of=COOP_TODAY
        )
        ballots.cast_ballot(actor=anna, motion=motion, choice="yes")
        decisions.record_counted_vote(
            actor=chair,
            motion=plan_motion(chair, f"Counted {n}"),
            yes=2,
            no=1,
            abstain=0,
            present=3,
            named=[{"person": "anna", "choice": "no"}],
            decided_on=COOP_TODAY,
        )


def secret_vote(chair, clerk, anna) -> tuple[Motion, str]:
    """Vera's expulsion put to a secret vote, and anna's receipt for her ballot in it."""
    vera = Membership.objects.get(person__key="vera")
    referred = acts.expel(actor=clerk.user, membership=vera, valid_to=dt.date(2026, 3, 31))
    motion = Motion.objects.get(number=referred.number)
    ballots.open_vote(actor=chair, motion=motion, as_of=COOP_TODAY)
    return motion, ballots.cast_ballot(actor=anna, motion=motion, choice="no").receipt


# Rights and why


def test_each_right_names_the_seat_or_membership_that_gives_it(anna):
    page = client_of(anna).get(reverse("me")).content.decode()

    rights = page[page.index('data-testid="my-rights"') : page.index('data-testid="my-seats"')]
    assert "governance.chair" in rights
    assert "the seat Board member on the Board" in rights
    assert "member (colonist)" in rights


def test_the_reasons_give_exactly_the_roles_the_rights_come_from(anna):
    RoleGrantFactory(user=anna, role=Role.CLERK, note="minutes of 2 March")

    reasons = reasons_of(anna, COOP_TODAY)

    assert {r.role for r in reasons} == roles_of(anna, COOP_TODAY)
    assert {r.source for r in reasons} == {"grant", "membership", "seat"}


# Seats, proxies, votes


def test_my_seats_are_current_and_past_with_their_sources(anna):
    page = client_of(anna).get("/api/me").json()

    assert [(s["seat"], s["state"]) for s in page["seats"]] == [
        ("board.member", "current"),
        ("audit-committee.member", "past"),
    ]
    assert page["seats"][0]["citations"][0]["locator"] == "item 3"


def test_my_proxies_given_and_held(anna, cooperative):
    boris = UserFactory(username="boris", person=Person.objects.get(key="boris"))
    proxies.give_proxy(
        actor=boris,
        giver=boris.person,
        holder=anna.person,
        body="general-meeting",
        valid_from=COOP_TODAY,
    )

    mine = client_of(anna).get("/api/me").json()
    his = client_of(boris).get("/api/me").json()

    assert [(p["giver"], p["body"]) for p in mine["proxies_held"]] == [("boris", "general-meeting")]
    assert mine["proxies_given"] == []
    assert [p["holder"] for p in his["proxies_given"]] == ["anna"]


def test_my_named_votes_come_from_ballots_and_named_counts(anna, cooperative):
    named_history(cooperative, anna, 1)

    votes = client_of(anna).get("/api/me").json()["named_votes"]

    assert sorted((v["title"], v["choice"], v["how"]) for v in votes) == [
        ("Ballot 0", "yes", "ballot"),
        ("Counted 0", "no", "counted"),
    ]


def test_a_counted_vote_naming_someone_else_is_not_mine(anna, cooperative):
    decisions.record_counted_vote(
        actor=cooperative,
        motion=plan_motion(cooperative, "Boris's vote"),
        yes=1,
        no=0,
        abstain=0,
        present=3,
        named=[{"person": "boris", "choice": "yes"}],
        decided_on=COOP_TODAY,
    )

    assert client_of(anna).get("/api/me").json()["named_votes"] == []


# Secret ballots


def test_a_secret_ballot_shows_it_is_in_the_box_and_never_its_choice(anna, cooperative, clerk):
    motion, _receipt = secret_vote(cooperative, clerk, anna)

    api = client_of(anna).get("/api/me").json()
    page = client_of(anna).get(reverse("me")).content.decode()

    assert api["secret_votes"] == [
        {
            "motion": motion.number,
            "title": motion.title,
            "body": "general-meeting",
            "status": "voting",
            "in_box": True,
        }
    ]
    assert "choice" not in str(api["secret_votes"])
    assert api["named_votes"] == []
    section = page[page.index('data-testid="my-receipts"') : page.index('data-testid="my-account"')]
    assert f"No. {motion.number}" in section
    assert "your ballot is in the box" in section
    assert ">no<" not in section.lower() and "no</td>" not in section.lower()


def test_a_kept_receipt_is_found_in_the_box_without_its_choice(anna, cooperative, clerk):
    motion, receipt = secret_vote(cooperative, clerk, anna)
    sealed = client_of(anna).get("/api/me/receipt", {"receipt": receipt}).json()
    # The box is sealed until the close; then the paper is there under its receipt.
    decisions.close_vote(actor=cooperative, motion=motion, as_of=COOP_TODAY)

    page = client_of(anna).get(reverse("me"), {"receipt": receipt}).content.decode()
    api = client_of(anna).get("/api/me/receipt", {"receipt": receipt}).json()
    wrong = client_of(anna).get("/api/me/receipt", {"receipt": "0" * 16}).json()

    assert f"Receipt {receipt} is in the ballot box of motion No. {motion.number}." in page
    assert sealed["motion"] is None
    assert api == {"receipt": receipt, "motion": motion.number}
    assert wrong["motion"] is None


# The page itself


def test_the_header_links_my_page_for_an_account_with_a_person(anna):
    linked = client_of(anna).get("/").content.decode()
    unlinked = client_of(UserFactory(username="nobody")).get("/").content.decode()

    assert reverse("me") in linked
    assert 'data-testid="my-page-link"' not in unlinked


def test_my_page_is_in_russian(anna):
    client = client_of(anna)
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})

    page = client.get(reverse("me")).content.decode()

    assert "Моя страница" in page
    assert "Мои места" in page


def test_an_account_without_a_person_sees_its_rights_and_no_seats(cooperative):
    chair = cooperative

    answer = client_of(chair).get("/api/me").json()

    assert answer["person"] is None
    assert "governance.chair" in [r["right"] for r in answer["why"]]
    assert answer["seats"] == []


def _queries(client: Client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("url", ["/me/", "/api/me"])
def test_my_page_costs_the_same_queries_however_long_my_history(url, anna, cooperative, clerk):
    client = client_of(anna)
    named_history(cooperative, anna, 1)
    secret_vote(cooperative, clerk, anna)
    few = _queries(client, url)

    named_history(cooperative, anna, 5)
    many = _queries(client, url)

    assert many == few
