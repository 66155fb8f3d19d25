"""An invitation is e-mailed by the background worker: the clerk's page says it will go out
shortly, and the worker sends it with a link that works."""

from __future__ import annotations

import pytest
from django.core import mail

from kuzbas.members.models import User
from tests.factories import PersonFactory
from tests.worker import run_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_queue")]


def test_the_invitation_is_queued_and_the_worker_sends_it(clerk):
    person = PersonFactory(key="ada-reese", name_latin="Ada Reese", email="ada@coop.example")

    page = clerk.client.post("/members/ada-reese/invitation/", follow=True).content.decode()

    assert "The invitation to Ada Reese will go out shortly." in page
    assert mail.outbox == []

    run_worker()

    [message] = mail.outbox
    assert message.to == ["ada@coop.example"]
    assert "/members/welcome/" in message.body
    assert not User.objects.get(person=person).has_usable_password()
