"""A large file of people is imported by the background worker: queued, followed on its page
and in the API, all rows or none."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kuzbas.audit.models import AuditEntry
from kuzbas.background import progress, running
from kuzbas.background.models import Job
from kuzbas.members import people_jobs, services
from kuzbas.members.models import Person
from tests.worker import run_worker

ROWS = 2_000
# Below the rule's 1,000 rows, so that the tests that need only a queued job stay quick.
SMALL_INLINE = 10


@pytest.fixture
def queue_above_ten(monkeypatch):
    monkeypatch.setattr(people_jobs, "INLINE_ROWS", SMALL_INLINE)


def people_file(rows: int, bad_line: int | None = None) -> bytes:
    lines = ["key,name_latin,membership_status,member_from"]
    for n in range(2, rows + 2):
        start = "1922-13" if n == bad_line else "1922-01"
        lines.append(f"worker-{n},Worker {n},member,{start}")
    return ("\n".join(lines) + "\n").encode()


def upload(client, data: bytes):
    return client.post(
        "/members/import/", {"file": SimpleUploadedFile("people.csv", data, "text/csv")}
    )


def job_id_of(response) -> str:
    assert response.status_code == 302, response.content[:500]
    found = re.fullmatch(r"/jobs/([0-9a-f-]{36})/", response["Location"])
    assert found, response["Location"]
    return found[1]


@pytest.mark.django_db(transaction=True)
def test_a_large_file_is_queued_and_the_worker_imports_it_showing_progress(
    clerk, database_queue, monkeypatch
):
    before = Person.objects.count()
    job_id = job_id_of(upload(clerk.client, people_file(ROWS)))

    queued = clerk.client.get(f"/api/tasks/{job_id}").json()
    assert (queued["state"], queued["done"], queued["total"]) == ("queued", 0, ROWS)
    page = clerk.client.get(f"/jobs/{job_id}/").content.decode()
    assert "Queued" in page and 'hx-trigger="every 1s"' in page
    assert Person.objects.count() == before

    seen = {}
    report = progress.Report.__call__
    monkeypatch.setattr(progress, "EVERY", 0)

    def looking(self, done, total, stage=""):
        report(self, done, total, stage)
        if done == ROWS // 2 and not seen:
            seen["api"] = clerk.client.get(f"/api/tasks/{job_id}").json()
            seen["page"] = clerk.client.get(
                f"/jobs/{job_id}/", headers={"HX-Request": "true"}
            ).content.decode()

    monkeypatch.setattr(progress.Report, "__call__", looking)
    run_worker()

    assert (seen["api"]["state"], seen["api"]["done"], seen["api"]["total"]) == (
        "running",
        ROWS // 2,
        ROWS,
    )
    assert "Running: 1,000 of 2,000 rows" in seen["page"]
    done = clerk.client.get(f"/api/tasks/{job_id}").json()
    assert (done["state"], done["done"], done["total"]) == ("done", ROWS, ROWS)
    assert done["outcome"] == {"created": ROWS, "memberships": ROWS}
    assert Person.objects.count() == before + ROWS
    page = clerk.client.get(f"/jobs/{job_id}/").content.decode()
    assert "Imported 2000 people (2000 memberships)." in page
    assert 'hx-trigger="every 1s"' not in page and 'href="/members/"' in page
    assert Job.objects.get(pk=job_id).data in (b"", memoryview(b""))


def test_a_bad_row_found_late_fails_the_job_stores_nothing_and_names_the_line(
    clerk, queue_above_ten
):
    before = Person.objects.count()
    job_id = job_id_of(upload(clerk.client, people_file(1_500, bad_line=1_480)))

    job = clerk.client.get(f"/api/tasks/{job_id}").json()
    assert job["state"] == "failed"
    assert job["problems"] == [
        {"message": "write YYYY, YYYY-MM or YYYY-MM-DD", "field": "member_from", "line": 1_480}
    ]
    page = clerk.client.get(f"/jobs/{job_id}/").content.decode()
    assert "Failed: nothing was stored" in page and "1480" in page
    assert 'href="/members/import/"' in page
    assert Person.objects.count() == before
    [failed] = AuditEntry.objects.filter(action="background.job.failed")
    assert (failed.actor, failed.object_id) == (clerk.user, job_id)


def test_an_error_mid_way_rolls_back_every_row_and_shows_no_traceback(
    clerk, monkeypatch, queue_above_ten
):
    before = Person.objects.count()
    create = services.create_person

    def breaking(**kwargs):
        if Person.objects.count() - before == 20:
            raise RuntimeError("disk on fire at /srv/secret/path")
        return create(**kwargs)

    monkeypatch.setattr(services, "create_person", breaking)
    job_id = job_id_of(upload(clerk.client, people_file(40)))

    job = clerk.client.get(f"/api/tasks/{job_id}").json()
    assert job["state"] == "failed"
    assert job["message"].startswith("It stopped on an unexpected error, and nothing was stored.")
    page = clerk.client.get(f"/jobs/{job_id}/").content.decode()
    for leak in ("Traceback", "RuntimeError", "/srv/secret"):
        assert leak not in page and leak not in str(job)
    assert Person.objects.count() == before


def test_only_the_starter_or_someone_with_the_right_may_follow_a_job(personas, queue_above_ten):
    clerk = personas["clerk"]
    job_id = job_id_of(upload(clerk.client, people_file(SMALL_INLINE + 1)))

    assert personas["colonist"].client.get(f"/api/tasks/{job_id}").status_code == 404
    assert personas["colonist"].client.get(f"/jobs/{job_id}/").status_code == 404
    assert personas["board_member"].client.get(f"/api/tasks/{job_id}").status_code == 404
    assert personas["admin"].client.get(f"/api/tasks/{job_id}").status_code == 200
    assert personas["anonymous"].client.get(f"/api/tasks/{job_id}").status_code in (401, 403)
    assert clerk.client.get("/api/tasks/not-a-job").status_code == 404


def test_the_api_queues_a_large_file_and_answers_where_to_follow_it(clerk, queue_above_ten):
    response = clerk.client.post(
        "/api/members/people/import",
        {"file": SimpleUploadedFile("people.csv", people_file(SMALL_INLINE + 1), "text/csv")},
    )

    assert response.status_code == 202
    body = response.json()
    assert body["url"] == f"/api/tasks/{body['id']}"
    assert clerk.client.get(body["url"]).json()["outcome"] == {
        "created": SMALL_INLINE + 1,
        "memberships": SMALL_INLINE + 1,
    }


def test_a_file_at_the_inline_limit_is_imported_in_the_request(clerk, queue_above_ten):
    response = upload(clerk.client, people_file(SMALL_INLINE))

    assert response["Location"] == "/members/"
    assert not Job.objects.exists()
    page = clerk.client.get("/members/import/").content.decode()
    assert "A file of more than 10 rows (at most 50,000) is imported in the background" in page


def test_a_file_above_the_cap_is_refused_before_it_is_queued(clerk):
    data = people_file(50_001)

    page = upload(clerk.client, data).content.decode()

    assert "the file has more than 50,000 rows" in page
    assert not Job.objects.exists()


def test_a_job_a_stopped_worker_left_running_is_failed_when_the_worker_starts_again(
    clerk, queue_above_ten, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job_id = job_id_of(upload(clerk.client, people_file(SMALL_INLINE + 1)))
    Job.objects.filter(pk=job_id).update(state="running")  # the worker was killed mid-way

    assert running.fail_interrupted() == 1

    job = clerk.client.get(f"/api/tasks/{job_id}").json()
    assert job["state"] == "failed"
    assert job["message"].startswith("The worker was stopped while this ran")
