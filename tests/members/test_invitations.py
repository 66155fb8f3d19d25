"""Invitations by e-mail: an account without a password, a link that works once."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kuzbas.audit.models import AuditEntry
from kuzbas.core.errors import Conflict, NotNow, NotPermitted
from kuzbas.members import invitations
from kuzbas.members.models import User
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

SITE = "http://testserver/"
PASSWORD = "a long walk to the pithead"
LINK = re.compile(r"http://testserver(/members/welcome/[^/\s]+/[^/\s]+/)")


def link_in(body: str) -> str:
    return LINK.search(body).group(1)


def test_inviting_opens_an_account_without_a_usable_password_and_mails_the_link(
    clerk, django_capture_on_commit_callbacks
):
    person = PersonFactory(key="ada-reese", name_latin="Ada Reese", email="ada@coop.example")

    with django_capture_on_commit_callbacks(execute=True):
        invitation = invitations.invite(actor=clerk.user, person=person, site_url=SITE)

    user = User.objects.get(person=person)
    assert (user.username, user.email, user.has_usable_password()) == (
        "ada-reese",
        "ada@coop.example",
        False,
    )
    assert invitation.new_account and invitation.sent
    [message] = mail.outbox
    assert message.to == ["ada@coop.example"]
    assert "ada-reese" in message.body
    assert link_in(message.body).startswith("/members/welcome/")


def test_the_mail_names_the_enterprise_and_who_invited_in_the_clerks_language(
    clerk, settings, django_capture_on_commit_callbacks
):
    settings.KUZBAS_ENTERPRISE_NAME = "Zarya Workers' Cooperative"
    person = PersonFactory(name_latin="Ada Reese", email="ada@coop.example")

    with translation.override("ru"), django_capture_on_commit_callbacks(execute=True):
        invitations.invite(actor=clerk.user, person=person, site_url=SITE)

    [message] = mail.outbox
    assert message.subject == "Приглашение в Zarya Workers' Cooperative"
    assert "Persona clerk приглашает вас" in message.body
    assert "&#x27;" not in message.body


def test_nothing_is_sent_when_the_transaction_rolls_back(clerk, django_capture_on_commit_callbacks):
    person = PersonFactory(email="ada@coop.example")

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        invitations.invite(actor=clerk.user, person=person, site_url=SITE)
        raise RuntimeError("the rest of the clerk's work failed")

    assert mail.outbox == []
    assert not User.objects.filter(person=person).exists()


def test_the_audit_says_who_invited_whom_and_never_the_link(
    clerk, django_capture_on_commit_callbacks
):
    person = PersonFactory(key="ada-reese", email="ada@coop.example")

    with django_capture_on_commit_callbacks(execute=True):
        invitations.invite(actor=clerk.user, person=person, site_url=SITE)

    entry = AuditEntry.objects.get(action="members.invitation.send")
    assert entry.actor == clerk.user
    assert entry.changes == {"person": "ada-reese", "username": "ada-reese", "new_account": True}
    token = link_in(mail.outbox[0].body).rstrip("/").rsplit("/", 1)[1]
    trail = " ".join(str(e.changes) + e.object_repr for e in AuditEntry.objects.all())
    assert token not in trail
    assert "ada@coop.example" not in trail


def test_a_person_without_an_address_is_refused_and_nothing_changes(clerk):
    person = PersonFactory(email="")

    with pytest.raises(NotNow) as caught:
        invitations.invite(actor=clerk.user, person=person, site_url=SITE)

    assert caught.value.field == "email"
    assert not User.objects.filter(person=person).exists()
    assert not AuditEntry.objects.filter(action__startswith="members.invitation").exists()


def test_a_person_whose_account_has_a_password_is_not_invited(clerk):
    person = PersonFactory(email="ada@coop.example")
    UserFactory(username="ada", person=person)

    with pytest.raises(Conflict, match="already has an account"):
        invitations.invite(actor=clerk.user, person=person, site_url=SITE)


def test_a_colonist_may_not_invite(colonist):
    person = PersonFactory(email="ada@coop.example")

    with pytest.raises(NotPermitted) as refused:
        invitations.invite(actor=colonist.user, person=person, site_url=SITE)

    assert refused.value.rule == "right.members.edit"


def test_inviting_again_reuses_the_account_and_sends_a_new_link(
    clerk, django_capture_on_commit_callbacks
):
    person = PersonFactory(email="ada@coop.example")
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invite(actor=clerk.user, person=person, site_url=SITE)

    with django_capture_on_commit_callbacks(execute=True):
        again = invitations.invite(actor=clerk.user, person=person, site_url=SITE)

    assert not again.new_account
    assert User.objects.filter(person=person).count() == 1
    assert len(mail.outbox) == 2


def test_a_bulk_invitation_counts_who_was_sent_and_who_was_skipped_and_why(
    clerk, django_capture_on_commit_callbacks
):
    fresh = [PersonFactory(email=f"m{n}@coop.example") for n in range(3)]
    no_address = PersonFactory(email="")
    has_password = PersonFactory(email="p@coop.example")
    UserFactory(person=has_password)
    invited = PersonFactory(email="i@coop.example")
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invite(actor=clerk.user, person=invited, site_url=SITE)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        report = invitations.invite_people(
            actor=clerk.user,
            people=[*fresh, no_address, has_password, invited],
            site_url=SITE,
        )

    assert [i.person for i in report.sent] == fresh
    assert report.failed == []
    assert report.skipped == [
        (no_address, invitations.NO_ADDRESS),
        (has_password, invitations.HAS_ACCOUNT),
        (invited, invitations.INVITED),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [f"m{n}@coop.example" for n in range(3)]


def test_the_link_sets_a_password_once_and_the_member_arrives_logged_in(
    clerk, django_capture_on_commit_callbacks
):
    person = PersonFactory(key="ada-reese", name_latin="Ada Reese", email="ada@coop.example")
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invite(actor=clerk.user, person=person, site_url=SITE)
    link = link_in(mail.outbox[0].body)
    member = Client()

    # The link moves to a page without the token in its address, with the form.
    form_page = member.get(link, follow=True)
    assert "set-password" in form_page.redirect_chain[-1][0]
    assert "ada-reese" in form_page.content.decode()
    answer = member.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": PASSWORD, "new_password2": PASSWORD},
        follow=True,
    )

    assert answer.request["PATH_INFO"] == reverse("account")
    assert answer.context["user"].get_username() == "ada-reese"
    assert User.objects.get(person=person).check_password(PASSWORD)
    accepted = AuditEntry.objects.get(action="members.invitation.accept")
    assert accepted.changes == {"person": "ada-reese"}
    # The same link a second time: refused, without a form.
    second = Client().get(link, follow=True).content.decode()
    assert 'data-testid="link-used"' in second
    assert "new_password1" not in second


def test_a_weak_password_is_refused_and_the_link_still_works(
    clerk, django_capture_on_commit_callbacks
):
    person = PersonFactory(email="ada@coop.example")
    with django_capture_on_commit_callbacks(execute=True):
        invitations.invite(actor=clerk.user, person=person, site_url=SITE)
    member = Client()
    form_url = member.get(link_in(mail.outbox[0].body), follow=True).redirect_chain[-1][0]

    refused = member.post(form_url, {"new_password1": "12345", "new_password2": "12345"})

    assert refused.status_code == 200
    assert "too short" in refused.content.decode()
    assert not User.objects.get(person=person).has_usable_password()
    assert 'name="new_password1"' in member.get(form_url).content.decode()


def test_the_api_refuses_to_invite_a_person_without_an_address_naming_the_field(clerk):
    PersonFactory(key="ada", email="")

    answer = clerk.client.post("/api/members/people/ada/invitation")

    assert answer.status_code == 409
    assert (answer.json()["code"], answer.json()["field"]) == ("not_now", "email")


def test_the_api_names_an_unknown_person_in_a_bulk_invitation_by_position(clerk):
    PersonFactory(key="ada", email="ada@coop.example")

    answer = clerk.client.post(
        "/api/members/invitations", {"people": ["ada", "nobody"]}, content_type="application/json"
    )

    assert answer.status_code == 404
    assert answer.json()["field"] == "people.1"
    assert not User.objects.filter(person__key="ada").exists()
    assert mail.outbox == []
