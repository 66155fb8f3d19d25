"""Proposing an amendment on the page, through the API and with `kuzbas statute propose`: the
clause-by-clause comparison first, problems with their lines, then the motion and its fate."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from typer.testing import CliRunner

from kuzbas.cli import app
from kuzbas.governance.models import Motion, StatuteAmendment
from tests.governance.coop import ADMISSION_BY_BOARD, BOARD_OF_SEVEN, PROPOSED, proposal, vote


@pytest.fixture
def today(settings):
    settings.KUZBAS_TODAY = PROPOSED


def test_the_page_compares_a_proposal_clause_by_clause_and_stores_nothing(coop, today, client):
    members, _chair = coop
    client.force_login(members[0])
    response = client.post(
        reverse("governance:statute_propose"),
        {"text": proposal(replace=ADMISSION_BY_BOARD), "check": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-rule="matter.admission"' in page
    assert "entrenched: needs at least three quarters" in page
    assert '<span class="removed">- competent = &quot;general-meeting&quot;</span>' in page
    assert '<span class="added">+ competent = &quot;board&quot;</span>' in page
    assert not Motion.objects.filter(proposal__kind="statute_amendment").exists()


def test_the_page_files_an_uploaded_version_and_the_motion_shows_its_changes(coop, today, client):
    members, chair = coop
    client.force_login(members[0])
    upload = SimpleUploadedFile("board-of-seven.toml", proposal(replace=BOARD_OF_SEVEN).encode())
    response = client.post(
        reverse("governance:statute_propose"),
        {"file": upload, "title": "A board of seven", "file_it": "1"},
    )
    amendment = StatuteAmendment.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("governance:motion", args=[amendment.motion.number])
    assert amendment.file == "board-of-seven.toml"
    page = client.get(response.url).content.decode()
    assert "A board of seven" in page and 'data-rule="seat.board.member"' in page
    assert "Its own lines are the same: what changed is one of its seats" in page  # the body

    vote(members, chair, amendment.motion, yes=9, no=3)
    page = client.get(response.url).content.decode()
    assert "Adopted: version 2 is in force from 1 April 2026." in page
    statute_page = client.get(reverse("governance:statute_version", args=["2"])).content.decode()
    assert f"Motion {amendment.motion.number}: the proposal and its vote" in statute_page


def test_the_page_names_each_problem_with_its_line(coop, today, client):
    members, _chair = coop
    client.force_login(members[0])
    text = proposal(replace=BOARD_OF_SEVEN).replace('majority = "two_thirds"', 'majority = "most"')
    line = text.splitlines().index('majority = "most"') + 1
    page = client.post(
        reverse("governance:statute_propose"), {"text": text, "file_it": "1"}
    ).content.decode()
    assert f"<code>proposal.toml:{line}</code>" in page
    assert "nothing was stored" in page
    assert not StatuteAmendment.objects.exists()


def test_a_reader_without_the_right_to_file_may_not_propose(coop, today, client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="outsider"))
    response = client.post(
        reverse("governance:statute_propose"),
        {"text": proposal(replace=BOARD_OF_SEVEN), "file_it": "1"},
    )
    assert response.status_code == 403
    assert not StatuteAmendment.objects.exists()


def test_the_api_checks_files_and_reports_the_adoption(coop, today, client):
    members, chair = coop
    client.force_login(members[0])
    text = proposal(replace=BOARD_OF_SEVEN)
    checked = client.post("/api/governance/amendments/check", {"text": text}, "application/json")
    assert checked.status_code == 200
    assert checked.json()["body"] == "general-meeting"
    assert [c["rule"] for c in checked.json()["changes"]] == ["body.board", "seat.board.member"]
    assert not StatuteAmendment.objects.exists()

    bad = client.post(
        "/api/governance/amendments",
        {"text": text.replace('amends = "1"', 'amends = "9"')},
        "application/json",
    )
    assert bad.status_code == 422
    assert bad.json()["problems"][0]["line"] == text.splitlines().index('amends = "1"') + 1

    filed = client.post("/api/governance/amendments", {"text": text}, "application/json")
    assert filed.status_code == 201
    number = filed.json()["motion"]
    assert filed.json()["adopted"] is None
    vote(members, chair, Motion.objects.get(number=number), yes=9, no=3)
    adopted = client.get(f"/api/governance/amendments/{number}").json()["adopted"]
    assert adopted["version"] == "2" and adopted["effective"] == "2026-04-01"
    assert client.get("/api/governance/amendments/1").status_code == 404  # the founding


def test_the_command_checks_and_files_a_proposal(coop, today, tmp_path):
    path = tmp_path / "v2.toml"
    path.write_text(proposal(replace=ADMISSION_BY_BOARD), encoding="utf-8")
    runner = CliRunner()
    checked = runner.invoke(app, ["statute", "propose", str(path), "--by", "m0", "--check"])
    assert checked.exit_code == 0, checked.output
    assert "matter.admission  (entrenched: at least three quarters" in checked.output
    assert not StatuteAmendment.objects.exists()
    filed = runner.invoke(app, ["statute", "propose", str(path), "--by", "m0"])
    assert filed.exit_code == 0, filed.output
    assert "Filed as motion No." in filed.output
    assert StatuteAmendment.objects.get().motion.body.key == "general-meeting"

    path.write_text(proposal(replace=BOARD_OF_SEVEN, version="3"), encoding="utf-8")
    seven = runner.invoke(app, ["statute", "propose", str(path), "--by", "m1", "--check"])
    assert seven.exit_code == 0, seven.output
    assert "changed  seat.board.member\n" in seven.output

    path.write_text(proposal(replace=BOARD_OF_SEVEN, effective="2026-01-01"), encoding="utf-8")
    refused = runner.invoke(app, ["statute", "propose", str(path), "--by", "m0"])
    assert refused.exit_code == 1
    assert f"{path}:" in refused.output and "Nothing was stored" in refused.output
