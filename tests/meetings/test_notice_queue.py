"""A meeting's notice is e-mailed by the background worker, queued only once the notice is
committed: the clerk's request never waits for the mail server."""

from __future__ import annotations

import json

import pytest
from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from kuzbas.meetings.models import Notice
from kuzbas.meetings.services import notices
from kuzbas.members.models import Person
from tests.meetings.conftest import DAY
from tests.worker import run_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_queue")]

ADDRESSES = {"anna": "anna@coop.example", "boris": "boris@coop.example", "vera": "vera@x.org"}


@pytest.fixture
def addressed(assembly, pumps_item):
    for key, email in ADDRESSES.items():
        Person.objects.filter(key=key).update(email=email)
    return assembly


def give(assembly):
    return notices.give_notice(
        actor=assembly.chair, meeting=assembly.meeting, on=DAY, site_url="http://testserver/"
    )


def test_the_notice_is_queued_after_the_commit_and_the_worker_sends_it(addressed):
    with transaction.atomic():
        give(addressed)
        assert not DBTaskResult.objects.exists()  # nothing queued before the commit

    [task] = DBTaskResult.objects.all()
    assert task.status == "READY" and task.task_path.endswith("notice_mail.send_notice")
    assert mail.outbox == [] and Notice.objects.get().emailed is None
    assert "@" not in json.dumps(task.args_kwargs)  # the queue keeps no address

    run_worker()

    assert sorted(m.to[0] for m in mail.outbox) == sorted(ADDRESSES.values())
    notice = Notice.objects.get()
    assert (notice.emailed, notice.mail_failed, notice.no_address) == (3, 0, 2)
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"


def test_a_notice_rolled_back_queues_nothing(addressed):
    with pytest.raises(RuntimeError), transaction.atomic():
        give(addressed)
        raise RuntimeError("the clerk's request fails after the notice")

    assert not DBTaskResult.objects.exists()
    assert not Notice.objects.exists()
