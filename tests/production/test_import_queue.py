"""Committing a large production file queues it for the background worker: the page follows
the job, and a failure mid-way stores nothing."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kuzbas.production import import_tasks
from kuzbas.production.models.statistics import OutputRecord
from tests.worker import run_worker

DAYS = 1_200


def output_csv(days: int) -> bytes:
    lines = ["unit,product,period_kind,period_start,quantity"]
    lines += [
        f"north,coal,day,{1923 + n // 336}-{1 + n // 28 % 12:02d}-{1 + n % 28:02d},{n}"
        for n in range(days)
    ]
    return ("\n".join(lines) + "\n").encode()


def commit(client, data: bytes) -> str:
    preview = client.post(
        "/production/import/",
        {"kind": "output", "file": SimpleUploadedFile("o.csv", data), "action": "preview"},
    )
    digest = preview.context["preview"].digest
    committed = client.post("/production/import/", {"action": "commit", "digest": digest})
    found = re.fullmatch(r"/jobs/([0-9a-f-]{36})/", committed["Location"])
    assert found, committed["Location"]
    return found[1]


@pytest.mark.django_db(transaction=True)
def test_a_large_file_is_committed_by_the_worker(colony, clerk, database_queue):
    job_id = commit(clerk.client, output_csv(DAYS))

    assert clerk.client.get(f"/api/tasks/{job_id}").json()["state"] == "queued"
    assert OutputRecord.objects.count() == 0

    run_worker()

    job = clerk.client.get(f"/api/tasks/{job_id}").json()
    assert (job["state"], job["outcome"]["created"]) == ("done", DAYS)
    assert OutputRecord.objects.count() == DAYS
    page = clerk.client.get(f"/jobs/{job_id}/").content.decode()
    assert f"Imported: {DAYS} new, 0 changed, 0 already on record." in page
    assert 'href="/production/"' in page


def test_an_error_after_the_rows_are_written_stores_none_of_them(colony, clerk, monkeypatch):
    monkeypatch.setattr(import_tasks, "INLINE_ROWS", 10)
    real = import_tasks.import_file

    def writes_then_breaks(**kwargs):
        real(**kwargs)
        assert OutputRecord.objects.count() == 40  # written, inside the job's transaction
        raise OSError("the disk filled up")

    monkeypatch.setattr(import_tasks, "import_file", writes_then_breaks)

    job_id = commit(clerk.client, output_csv(40))

    job = clerk.client.get(f"/api/tasks/{job_id}").json()
    assert job["state"] == "failed" and "nothing was stored" in job["message"]
    assert "disk" not in job["message"]
    assert OutputRecord.objects.count() == 0
    page = clerk.client.get(f"/jobs/{job_id}/").content.decode()
    assert 'href="/production/import/"' in page


def test_a_small_file_is_still_committed_in_the_request(colony, clerk):
    preview = clerk.client.post(
        "/production/import/",
        {"kind": "output", "file": SimpleUploadedFile("o.csv", output_csv(5)), "action": "preview"},
    )
    digest = preview.context["preview"].digest

    committed = clerk.client.post("/production/import/", {"action": "commit", "digest": digest})

    assert committed["Location"] == "/production/"
    assert OutputRecord.objects.count() == 5
