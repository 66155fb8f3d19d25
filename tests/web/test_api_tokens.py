"""API tokens stop working when they expire or are revoked, and the page that shows one is not
kept by a browser or a proxy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from kuzbas.audit.models import AuditEntry
from kuzbas.members.models import ApiToken
from kuzbas.members.services import issue_api_token

pytestmark = pytest.mark.django_db


def _me(raw: str) -> int:
    return Client().get("/api/me", headers={"Authorization": f"Bearer {raw}"}).status_code


def _days_later(monkeypatch, days: float) -> None:
    later = timezone.now() + dt.timedelta(days=days)
    monkeypatch.setattr(timezone, "now", lambda: later)


def test_a_token_works_for_the_configured_number_of_days(colonist, settings, monkeypatch):
    settings.KUZBAS_TOKEN_DAYS = 30
    _token, raw = issue_api_token(actor=colonist.user, name="phone")

    _days_later(monkeypatch, 29)

    assert _me(raw) == 200


def test_an_expired_token_is_refused_with_401(colonist, settings, monkeypatch):
    settings.KUZBAS_TOKEN_DAYS = 30
    _token, raw = issue_api_token(actor=colonist.user, name="phone")

    _days_later(monkeypatch, 31)
    response = Client().get("/api/me", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_a_token_from_the_login_endpoint_says_when_it_expires(colonist, settings):
    settings.KUZBAS_TOKEN_DAYS = 7
    issued = Client().post(
        "/api/token",
        {"username": "colonist", "password": "correct horse battery", "name": "script"},
        "application/json",
    )

    expires = dt.datetime.fromisoformat(issued.json()["expires"])

    assert issued.status_code == 201
    assert dt.timedelta(days=6, hours=23) < expires - timezone.now() <= dt.timedelta(days=7)


def test_a_member_revokes_a_token_through_the_api_and_it_stops_working(colonist):
    token, raw = issue_api_token(actor=colonist.user, name="lost phone")
    _spare, spare_raw = issue_api_token(actor=colonist.user, name="laptop")

    response = Client().delete(
        f"/api/tokens/{token.prefix}", headers={"Authorization": f"Bearer {spare_raw}"}
    )

    assert response.status_code == 204
    assert _me(raw) == 401
    assert _me(spare_raw) == 200
    entry = AuditEntry.objects.get(action="members.token.revoke")
    assert entry.actor == colonist.user
    assert entry.changes == {"name": "lost phone", "prefix": token.prefix}


def test_nobody_revokes_another_members_token(colonist, clerk):
    token, raw = issue_api_token(actor=colonist.user, name="phone")

    response = clerk.client.delete(f"/api/tokens/{token.prefix}")

    assert response.status_code == 404
    assert _me(raw) == 200


def test_the_token_list_shows_only_my_tokens_and_never_the_token(colonist, clerk):
    mine, raw = issue_api_token(actor=colonist.user, name="phone")
    issue_api_token(actor=clerk.user, name="clerk's script")

    listed = colonist.client.get("/api/tokens").json()

    assert [(t["name"], t["prefix"]) for t in listed] == [("phone", mine.prefix)]
    assert raw not in str(listed)


def test_a_member_revokes_a_token_from_the_account_page(colonist):
    token, raw = issue_api_token(actor=colonist.user, name="old phone")

    response = colonist.client.post(f"/account/tokens/{token.prefix}/revoke/", follow=True)

    assert response.redirect_chain[-1][0] == "/account/"
    assert "Token revoked" in response.content.decode()
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert _me(raw) == 401
    assert AuditEntry.objects.filter(action="members.token.revoke", actor=colonist.user).exists()


def test_the_page_that_shows_a_new_token_is_not_stored_by_any_cache(colonist):
    response = colonist.client.post("/account/", {"name": "phone"})

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response.context["new_token"].startswith("kz_")


def test_a_tokens_last_use_is_written_once_a_minute_not_at_every_request(colonist, monkeypatch):
    from kuzbas.members.accounts import account_for_token

    token, raw = issue_api_token(actor=colonist.user, name="phone")
    start = timezone.now()

    def used_at(seconds: float):
        monkeypatch.setattr(timezone, "now", lambda: start + dt.timedelta(seconds=seconds))
        assert account_for_token(raw).pk == colonist.user.pk
        token.refresh_from_db()
        return token.last_used

    first = used_at(0)
    soon = used_at(30)
    later = used_at(61)

    assert first == start and soon == first
    assert later == start + dt.timedelta(seconds=61)
    assert account_for_token(raw + "x") is None
