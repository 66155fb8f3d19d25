"""The permission matrix's second owner: every role × every write to an object someone else owns.

`test_permission_matrix.py` asks whether a role may knock at all; this asks whether it gets in
to another's object: a meeting someone else chairs (its agenda's motion and election), a proxy
another member gave. Each persona tries each operation in turn on the same world, rolled back
after each try, and the test records who *wrote* something (an audit entry: every write leaves
one, a refusal none). Only the roles named may; anyone else must be turned away (403 or 409 on
the API, the refusal's message on a page), whichever page or endpoint they try.

A new write on a meeting, a motion, an election or a proxy fails
`test_the_second_owner_table_covers_every_object_write` until it gets its row here (or is
listed as no one's object, with the reason).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from kuzbas.audit.models import AuditEntry
from kuzbas.core.actor import Operator
from kuzbas.core.rights import Role
from kuzbas.web.api import api
from tests.factories import MembershipFactory, PersonFactory, RoleGrantFactory, UserFactory
from tests.statute.examples import COOP, DEMO_STATUTES
from tests.web.test_permission_matrix import MEETING_CLERKS

DAY = dt.date(1922, 9, 15)
NOBODY: set[str] = set()
ADMIN = {"admin"}

# (method, path as in the OpenAPI schema): (state, body, who may do it to another's object).
# A motion on another chair's agenda is run from the meeting only, so governance's own
# endpoints let nobody in (an administrator is sent to the meeting's page: 409); nobody in the
# matrix is checked in, so nobody's ballot counts.
API = {
    ("post", "/api/governance/motions/{number}/open"): ("pending", {}, NOBODY),
    ("post", "/api/governance/motions/{number}/close"): ("voting", {}, NOBODY),
    ("post", "/api/governance/motions/{number}/count"): (
        "pending",
        {"yes": 1, "no": 0, "abstain": 0, "present": 1},
        NOBODY,
    ),
    ("post", "/api/governance/motions/{number}/ballot"): ("voting", {"choice": "yes"}, NOBODY),
    ("post", "/api/meetings/{pk}/close"): ("pending", {}, ADMIN),
    ("post", "/api/meetings/{pk}/items"): ("pending", {"kind": "report", "title": "T"}, ADMIN),
    ("post", "/api/meetings/{pk}/ballot"): ("voting", {"choice": "yes"}, NOBODY),
    ("post", "/api/meetings/{pk}/items/{position}/open-vote"): ("pending", {}, ADMIN),
    ("post", "/api/meetings/{pk}/items/{position}/close-vote"): ("voting", {}, ADMIN),
    ("post", "/api/meetings/{pk}/items/{position}/count"): (
        "pending",
        {"yes": 1, "no": 0, "present": 1},
        ADMIN,
    ),
    ("post", "/api/meetings/{pk}/items/{position}/speakers/next"): ("speaking", {}, ADMIN),
    ("post", "/api/elections/{pk}/candidates"): ("pending", {"person": "giver"}, ADMIN),
    ("post", "/api/elections/{pk}/candidates/withdraw"): ("pending", {"person": "cand-b"}, ADMIN),
    ("post", "/api/elections/{pk}/open"): ("pending", {}, ADMIN),
    ("post", "/api/elections/{pk}/close"): ("electing", {}, ADMIN),
    # Its giver ends a proxy, or a meeting clerk recording one ended in writing.
    ("post", "/api/governance/proxies/{proxy_id}/end"): (
        "proxy",
        {"on": "1930-02-28"},
        MEETING_CLERKS,
    ),
}

# Writes on a meeting, motion, election or proxy that belong to no one person, with the reason.
NO_ONES = {
    # Anyone who may attend checks in, asks to speak, proposes an amendment, votes in an
    # election (the roll and attendance decide), or files and appeals.
    ("post", "/api/meetings/{pk}/check-in"),
    ("post", "/api/meetings/{pk}/items/{position}/speakers"),
    ("post", "/api/meetings/{pk}/items/{position}/amendments"),
    ("post", "/api/elections/{pk}/ballot"),
    ("post", "/api/governance/register/{sequence}/appeal"),
    ("post", "/api/governance/conditions/{condition}/motions"),
    # The body's clerks record attendance and give notice for any meeting of it.
    ("post", "/api/meetings/{pk}/attendance"),
    ("post", "/api/meetings/{pk}/notice"),
    # Opening a meeting is what makes its opener the chair.
    ("post", "/api/meetings/{pk}/open"),
}

# url name: (kwargs from the world, data, state, who may).
PAGES = {
    "governance:motion_open": ("number", {}, "pending", NOBODY),
    "governance:motion_close": ("number", {}, "voting", NOBODY),
    "governance:motion_vote": ("number", {"choice": "yes"}, "voting", NOBODY),
    "governance:motion_count": (
        "number",
        {"yes": "1", "no": "0", "abstain": "0", "present": "1"},
        "pending",
        NOBODY,
    ),
    "meetings:vote_open": ("item", {}, "pending", ADMIN),
    "meetings:vote_close": ("item", {"confirm": "yes"}, "voting", ADMIN),
    "meetings:vote_count": ("item", {"yes": "1", "no": "0", "present": "1"}, "pending", ADMIN),
    "meetings:cast": ("meeting", {"choice": "yes"}, "voting", NOBODY),
    "elections:candidate_add": ("election", {"person": "giver"}, "pending", ADMIN),
    "elections:candidate_withdraw": ("election", {"person": "cand-b"}, "pending", ADMIN),
    "elections:open": ("election", {}, "pending", ADMIN),
    "elections:close": ("election", {"confirm": "yes"}, "electing", ADMIN),
    "meetings:proxy_end": ("proxy", {}, "proxy", MEETING_CLERKS),
}


@dataclass
class Elsewhere:
    """Another chair's open general meeting and what hangs on it."""

    chair: object
    meeting: object
    item: object = None
    election: object = None
    proxy: object = None

    def kwargs(self, kind: str) -> dict:
        if kind == "number":
            return {"number": self.item.motion.number}
        if kind == "item":
            return {"pk": self.meeting.pk, "position": self.item.position}
        if kind == "election":
            return {"pk": self.election.pk}
        if kind == "proxy":
            return {"pk": self.meeting.pk, "proxy": self.proxy.pk}
        return {"pk": self.meeting.pk}

    def path(self, schema_path: str) -> str:
        if "{proxy_id}" in schema_path:
            return schema_path.format(proxy_id=self.proxy.pk)
        return schema_path.format(
            number=self.item.motion.number,
            pk=self.election.pk if "/elections/" in schema_path else self.meeting.pk,
            position=self.item.position,
        )

    def reach(self, state: str) -> None:
        """Bring the world to the state an operation needs, as its own chair would."""
        from kuzbas.elections.services import polling
        from kuzbas.meetings.services import attendance, speakers, votes

        if state == "voting":
            votes.open_item_vote(actor=self.chair, item=self.item, as_of=DAY)
        elif state == "electing":
            polling.open_election(actor=self.chair, election=self.election, as_of=DAY)
        elif state == "speaking":
            code = self.meeting.checkin_code
            attendance.check_in(actor=self.chair, meeting=self.meeting, code=code)
            speakers.request_to_speak(actor=self.chair, item=self.item)


@pytest.fixture
def elsewhere(personas, settings) -> Elsewhere:
    from kuzbas.elections.services import calling
    from kuzbas.governance.services import statute_book
    from kuzbas.meetings.services import agenda
    from kuzbas.meetings.services.chair import open_meeting

    settings.KUZBAS_TODAY = DAY
    for name in ("aick-1921.toml", "aick-1922-10.toml"):
        statute_book.load_statute_version(
            actor=Operator("matrix"), path_or_text=DEMO_STATUTES / name
        )
    for key in ("giver", "holder", "cand-a", "cand-b"):
        MembershipFactory(person=PersonFactory(key=key), valid_from=dt.date(1922, 1, 1))
    chair = UserFactory(username="other-chair", person=PersonFactory(key="other-chair"))
    MembershipFactory(person=chair.person, valid_from=dt.date(1922, 1, 1))
    RoleGrantFactory(user=chair, role=Role.BOARD_MEMBER)
    meeting = agenda.convene(
        actor=chair,
        body="general-meeting",
        title="Another chair's meeting",
        convened_for=timezone.make_aware(dt.datetime(1922, 9, 15, 18, 0)),
    )
    meeting = open_meeting(actor=chair, meeting=meeting)
    item = agenda.add_item(
        actor=chair,
        meeting=meeting,
        kind="motion",
        title="Install electric pumps in mine No. 1",
        matter="technical",
        as_of=DAY,
    )
    election = calling.create_election(
        actor=chair,
        title="Election to the Organization Committee",
        seat="organization-committee.member",
        seats=1,
        method="stv",
        candidates=["cand-a", "cand-b"],
        as_of=DAY,
        meeting=meeting,
    )
    return Elsewhere(chair=chair, meeting=meeting, item=item, election=election)


@pytest.fixture
def proxied(personas, settings) -> Elsewhere:
    """A cooperative's general meeting (which allows proxies), and a proxy another member gave
    before it."""
    from kuzbas.governance.services import proxies, statute_book
    from kuzbas.meetings.services import agenda
    from kuzbas.meetings.services.chair import open_meeting

    day = dt.date(1930, 3, 1)
    settings.KUZBAS_TODAY = day
    statute_book.load_statute_version(actor=Operator("matrix"), path_or_text=COOP, file="c.toml")
    giver, holder = (PersonFactory(key=key) for key in ("giver", "holder"))
    for person in (giver, holder):
        MembershipFactory(person=person, valid_from=dt.date(1930, 1, 1))
    proxy = proxies.give_proxy(
        actor=Operator("matrix"),
        giver=giver,
        holder=holder,
        body="meeting",
        valid_from=day - dt.timedelta(days=10),
    )
    meeting = agenda.convene(
        actor=Operator("matrix"),
        body="meeting",
        title="General meeting of the cooperative",
        convened_for=timezone.make_aware(dt.datetime.combine(day, dt.time(18))),
    )
    meeting = open_meeting(actor=Operator("matrix"), meeting=meeting)
    return Elsewhere(chair=None, meeting=meeting, proxy=proxy)


def _world(request, state: str) -> Elsewhere:
    world = request.getfixturevalue("proxied" if state == "proxy" else "elsewhere")
    world.reach(state)
    return world


def _who_wrote(personas, attempt) -> tuple[set[str], dict]:
    """Let each persona try, each on the same world (rolled back after), and say who wrote."""
    wrote, answers = set(), {}
    for persona in personas.values():
        savepoint = transaction.savepoint()
        before = AuditEntry.objects.count()
        response = attempt(persona.client)
        if AuditEntry.objects.count() > before:
            wrote.add(persona.name)
        answers[persona.name] = response
        transaction.savepoint_rollback(savepoint)
    return wrote, answers


def test_the_second_owner_table_covers_every_object_write():
    schema = api.get_openapi_schema()
    scoped = ("/api/meetings/{", "/api/elections/{", "/api/governance/motions/{")
    scoped += ("/api/governance/proxies/{", "/api/governance/register/{")
    scoped += ("/api/governance/conditions/{",)
    owned = {
        (method, path)
        for path, ops in schema["paths"].items()
        for method in ops
        if method in {"post", "put", "patch", "delete"} and path.startswith(scoped)
    }
    assert owned == set(API) | NO_ONES


@pytest.mark.parametrize("operation", sorted(API))
def test_each_api_operation_on_another_owners_object_lets_in_only_whom_it_should(
    operation, personas, request
):
    _method, schema_path = operation
    state, body, may = API[operation]
    path = _world(request, state).path(schema_path)

    wrote, answers = _who_wrote(
        personas, lambda client: client.post(path, body, content_type="application/json")
    )

    assert wrote == may
    refused = {name: r.status_code for name, r in answers.items() if name not in may}
    assert set(refused.values()) <= {401, 403, 404, 409, 422}, refused


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_page_on_another_owners_object_lets_in_only_whom_it_should(name, personas, request):
    kind, data, state, may = PAGES[name]
    url = reverse(name, kwargs=_world(request, state).kwargs(kind))

    wrote, answers = _who_wrote(personas, lambda client: client.post(url, data))

    assert wrote == may
    assert all(r.status_code < 500 for r in answers.values())
