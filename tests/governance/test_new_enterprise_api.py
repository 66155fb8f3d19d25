"""A cooperative that is not the colony, from an empty database to its first amendment, through
`kuzbas init` and then the API alone: the administrator imports and invites twelve members, the
general meeting elects the board, is convened with e-mailed notice, and carries an amendment to
the statute by the required majority; the new version is in force from its day and the
register verifies. Every e-mail goes through a real SMTP server."""

from __future__ import annotations

import datetime as dt
import re
import time

from typer.testing import CliRunner

from kuzbas.cli import app
from kuzbas.governance.statute_templates import TEMPLATES, with_effective
from kuzbas.meetings.models import Notice
from tests.members.smtp_server import smtp_server  # noqa: F401 (a fixture)

FOUNDED = dt.date(2026, 2, 2)
MEETING = dt.date(2026, 3, 2)
IN_FORCE = dt.date(2026, 4, 1)
PASSWORD = "twelve workers, one statute"
NAMES = [
    "Ada Reese", "Boris Kirov", "Clara Haywood", "Dmitri Shatov", "Edith Pearson", "Fyodor Barker",
    "Greta Rutgers", "Hugo Schuyler", "Irina Morray", "Jonas Beck", "Katya Lind", "Leon Ward",
]  # fmt: skip


def members_csv() -> bytes:
    rows = ["key,name_latin,trade,email,membership_status,membership_category,member_from"]
    for name in NAMES:
        key = name.lower().replace(" ", "-")
        rows.append(f"{key},{name},fitter,{key}@coop.example,member,colonist,{FOUNDED}")
    return ("\n".join(rows) + "\n").encode()


def proposal() -> str:
    """Version 2: a board of seven instead of five; no entrenched clause is touched."""
    text = with_effective(TEMPLATES["cooperative"].text(), FOUNDED)
    text = text.replace('version = "1"', 'version = "2"\namends = "1"', 1)
    text = text.replace(f"effective = {FOUNDED}", f"effective = {IN_FORCE}", 1)
    board = text.index('id = "board"')
    at = text.index("count = 5", board)
    return text[:at] + "count = 7" + text[at + len("count = 5") :]


class Api:
    """A client that speaks to the API with one bearer token."""

    def __init__(self, client, token: str):
        self.client, self.headers = client, {"Authorization": f"Bearer {token}"}

    def get(self, path: str, status: int = 200):
        response = self.client.get("/api" + path, headers=self.headers)
        assert response.status_code == status, response.content
        return response.json()

    def post(self, path: str, body=None, status: int = 201, **kwargs):
        if "files" in kwargs:
            response = self.client.post("/api" + path, kwargs["files"], headers=self.headers)
        else:
            response = self.client.post(
                "/api" + path, body or {}, "application/json", headers=self.headers
            )
        assert response.status_code == status, response.content
        return response.json()


def log_in(client, username: str, password: str) -> Api:
    response = client.post(
        "/api/token",
        {"username": username, "password": password, "name": "phone"},
        "application/json",
    )
    assert response.status_code == 201, response.content
    return Api(client, response.json()["token"])


def timed(steps: dict, name: str):
    class Step:
        def __enter__(self):
            self.start = time.perf_counter()

        def __exit__(self, *exc):
            steps[name] = time.perf_counter() - self.start

    return Step()


def test_a_cooperative_from_an_empty_database_to_its_first_amendment_through_the_api(
    register_emptied_afterwards,
    client,
    settings,
    smtp_server,  # noqa: F811 (the fixture)
    capsys,
):
    steps: dict[str, float] = {}
    settings.KUZBAS_TODAY = FOUNDED
    cli = CliRunner()

    # 1. `kuzbas init` founds the cooperative on the empty database.
    with timed(steps, "kuzbas init"):
        done = cli.invoke(
            app,
            ["init", "--template", "cooperative", "--admin", "secretary", "--password-stdin"],
            input=PASSWORD + "\n",
        )
    assert done.exit_code == 0, done.output
    assert "Register entry 1, the founding" in done.output
    admin = log_in(client, "secretary", PASSWORD)
    assert [v["version"] for v in admin.get("/governance/statute")] == ["1"]

    # 2. Twelve members from CSV, all or nothing.
    with timed(steps, "import 12 members"):
        imported = admin.post(
            "/members/people/import",
            files={"file": _upload("members.csv", members_csv())},
        )
    assert imported["created"] == 12

    # 3. Invitations by e-mail; each member follows the link and sets a password.
    keys = [name.lower().replace(" ", "-") for name in NAMES]
    with timed(steps, "invite 12 members"):
        sent = admin.post("/members/invitations", {"people": keys}, status=200)
    assert len(sent["invitations"]) == 12 and not sent["skipped"]
    assert len(smtp_server.messages) == 12
    members = {}
    for message in smtp_server.messages:
        body = message.get_body(preferencelist=("plain",)).get_content()
        link = re.search(r"https?://[^\s]+/members/welcome/[^\s]+/", body).group(0)
        path = "/" + link.split("/", 3)[3]
        page = client.get(path, follow=True)
        assert page.status_code == 200
        form_path = page.redirect_chain[-1][0] if page.redirect_chain else path
        set_password = client.post(
            form_path, {"new_password1": PASSWORD, "new_password2": PASSWORD}
        )
        assert set_password.status_code == 302, set_password.content.decode()[:2000]
        client.logout()
        username = message["To"].addresses[0].username.split("@")[0]
        members[username] = log_in(client, username, PASSWORD)
    assert set(members) == set(keys)
    assert members["ada-reese"].get("/me")["person"] == "ada-reese"

    # 4. The general meeting elects the board of five.
    with timed(steps, "elect the board"):
        election = admin.post(
            "/elections/",
            {
                "title": "Board, 2026-2028",
                "seat": "board.member",
                "places": 5,
                "method": "stv",
                "candidates": keys[:7],
            },
        )
        admin.post(f"/elections/{election['id']}/open", {}, status=200)
        for n, key in enumerate(keys):
            ranking = keys[:7][n % 7 :] + keys[:7][: n % 7]
            members[key].post(f"/elections/{election['id']}/ballot", {"marks": ranking})
        result = admin.post(f"/elections/{election['id']}/close", {}, status=200)
    assert len(result["elected"]) == 5
    seats = admin.get("/governance/bodies/board/seats")
    [board_seat] = seats
    assert {h["person"] for h in board_seat["holders"]} == set(result["elected"])

    # 5. The general meeting is convened and notice is e-mailed with a calendar file.
    smtp_server.messages.clear()
    with timed(steps, "convene with notice"):
        meeting = admin.post(
            "/meetings/",
            {
                "body": "general-meeting",
                "title": "General meeting: the board's size",
                "convened_for": f"{MEETING}T18:00:00+00:00",
                "place": "Canteen",
            },
        )
        notice = admin.post(f"/meetings/{meeting['id']}/notice")
    # The answer says the e-mails are going out; the queue (run at once in tests) has sent them.
    assert notice["emailed"] is None
    stored = Notice.objects.get(meeting_id=meeting["id"])
    assert (stored.emailed, stored.mail_failed) == (12, 0)
    first = smtp_server.messages[0]
    assert any(part.get_content_type() == "text/calendar" for part in first.iter_attachments())

    # 6. A member proposes the amendment; the chair puts it on the agenda.
    settings.KUZBAS_TODAY = FOUNDED + dt.timedelta(days=7)
    amendment = members["ada-reese"].post(
        "/governance/amendments",
        {"text": proposal(), "file": "board-of-seven.toml", "title": "A board of seven"},
    )
    assert [c["rule"] for c in amendment["changes"]] == ["body.board", "seat.board.member"]
    item = admin.post(
        f"/meetings/{meeting['id']}/items",
        {"kind": "motion", "title": "A board of seven", "motion": amendment["motion"]},
    )

    # 7. On the day, the members check in and carry it by two thirds of the votes cast.
    settings.KUZBAS_TODAY = MEETING
    with timed(steps, "meeting: check in, vote, close"):
        opened = admin.post(f"/meetings/{meeting['id']}/open", status=200)
        for key in keys[:11]:
            members[key].post(
                f"/meetings/{meeting['id']}/check-in", {"code": opened["checkin_code"]}
            )
        position = item["position"]
        admin.post(f"/meetings/{meeting['id']}/items/{position}/open-vote", {}, status=200)
        for n, key in enumerate(keys[:11]):
            members[key].post(
                f"/meetings/{meeting['id']}/ballot", {"choice": "no" if n < 3 else "yes"}
            )
        decision = admin.post(
            f"/meetings/{meeting['id']}/items/{position}/close-vote", {}, status=200
        )
    assert decision["outcome"] == "carried"

    # 8. The decision adopted version 2, in force from its day; the register verifies.
    adopted = admin.get(f"/governance/amendments/{amendment['motion']}")["adopted"]
    assert adopted == {
        "version": "2",
        "effective": IN_FORCE.isoformat(),
        "hash": adopted["hash"],
    }
    versions = admin.get("/governance/statute")
    assert [(v["version"], v["effective"]) for v in versions] == [
        ("1", FOUNDED.isoformat()),
        ("2", IN_FORCE.isoformat()),
    ]
    assert admin.get("/governance/bodies/board/seats?on=2026-03-31")[0]["places"] == 5
    assert admin.get(f"/governance/bodies/board/seats?on={IN_FORCE}")[0]["places"] == 7
    assert admin.get("/governance/register/verify")["ok"]
    with timed(steps, "kuzbas verify"):
        verified = cli.invoke(app, ["verify"])
    assert verified.exit_code == 0 and "Register OK" in verified.output

    with capsys.disabled():
        print("\n" + "; ".join(f"{name} {seconds:.2f} s" for name, seconds in steps.items()))


def _upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="text/csv")
