"""Invitations through a real SMTP server started by the test (aiosmtpd), from the clerk's page.

These tests commit for real (`transaction=True`), so that the e-mail leaves in
`transaction.on_commit` as it does in production, while the clerk's request is still running.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from kuzbas.audit.models import AuditEntry
from kuzbas.members.models import User
from tests.factories import PersonFactory
from tests.members.smtp_server import free_port

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long walk to the pithead"


def test_an_invitation_crosses_a_real_mail_server_and_its_link_works_once(clerk, smtp_server):
    # Given a member with an address and no account
    PersonFactory(key="ada-reese", name_latin="Ada Reese", email="ada@coop.example")

    # When the clerk invites her from her page
    page = clerk.client.post(reverse("members:invite", args=["ada-reese"]), follow=True)

    # Then the clerk is told it went, and the server received one message for her
    assert "An invitation went to Ada Reese at ada@coop.example." in page.content.decode()
    message = smtp_server.only()
    assert message["To"] == "ada@coop.example"
    assert message["From"] == "kuzbas@localhost"
    assert "Persona clerk invites you to Kuzbas." in message.get_content()
    link = re.search(r"http://testserver(/members/welcome/\S+/)", message.get_content()).group(1)

    # And she follows the link, sets a password and is logged in
    member = Client()
    form_url = member.get(link, follow=True).redirect_chain[-1][0]
    landed = member.post(
        form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True
    )
    assert landed.request["PATH_INFO"] == reverse("account")
    assert landed.context["user"].get_username() == "ada-reese"
    logged_in = Client().post(
        reverse("login"), {"username": "ada-reese", "password": PASSWORD}, follow=True
    )
    assert logged_in.context["user"].get_username() == "ada-reese"

    # And the link is refused the second time
    again = Client().get(link, follow=True).content.decode()
    assert "This link no longer works" in again
    assert "new_password1" not in again


def test_a_mail_server_that_does_not_answer_is_reported_to_the_clerk(clerk, settings):
    # Given a mail server that is not there
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    PersonFactory(key="ada-reese", name_latin="Ada Reese", email="ada@coop.example")

    # When the clerk invites a member
    page = clerk.client.post(reverse("members:invite", args=["ada-reese"]), follow=True)

    # Then the clerk reads why it failed on the page, not a server error
    assert page.status_code == 200
    assert "The invitation to Ada Reese could not be sent" in page.content.decode()
    # And the account is kept for the next try, and the failure is in the audit trail
    assert not User.objects.get(username="ada-reese").has_usable_password()
    assert AuditEntry.objects.filter(action="members.invitation.failed").count() == 1


def test_the_api_invites_a_list_of_people_through_the_mail_server(clerk, smtp_server):
    PersonFactory(key="ada", email="ada@coop.example")
    PersonFactory(key="ben", email="ben@coop.example")
    PersonFactory(key="cy", email="")

    answer = clerk.client.post(
        "/api/members/invitations",
        {"people": ["ada", "ben", "cy"]},
        content_type="application/json",
    )

    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert (body["sent"], body["failed"]) == (2, 0)
    assert body["skipped"] == [
        {"person": "cy", "reason": "no_address", "explanation": "no e-mail address"}
    ]
    assert sorted(to for _sender, [to] in smtp_server.envelopes) == [
        "ada@coop.example",
        "ben@coop.example",
    ]


def test_the_bulk_page_invites_a_selection_and_counts_the_sent_and_the_skipped(clerk, smtp_server):
    # Given three hewers, two with an address, and a clerk outside the selection
    for key in ("ada", "ben"):
        PersonFactory(key=key, name_latin=key.title(), trade="hewer", email=f"{key}@x.org")
    PersonFactory(key="cy", name_latin="Cy Hewer", trade="hewer", email="")
    PersonFactory(key="dora", name_latin="Dora Clerk", trade="clerk", email="dora@x.org")
    url = reverse("members:invitations")

    # When the clerk selects the hewers, sees who would be invited, and invites them
    preview = clerk.client.get(url, {"q": "hewer"}).content.decode()
    report = clerk.client.post(url, {"q": "hewer"}).content.decode()

    # Then two invitations went out, one hewer was skipped for want of an address
    assert "2 people to invite" in preview
    assert "2 invitations sent." in report
    assert "1 person skipped." in report
    assert "no e-mail address (1)" in report
    assert sorted(m["To"] for m in smtp_server.messages) == ["ada@x.org", "ben@x.org"]
    assert "0 people to invite" in report
