"""Progress of a large check or import, polled by the import page while the file is sent."""

from django.core.files.uploadedfile import SimpleUploadedFile

from kuzbas.production.imports import importing, progress
from kuzbas.production.models.import_jobs import ImportJob
from kuzbas.production.models.statistics import OutputRecord
from tests.conftest import make_persona

TOKEN = "0123456789abcdef" * 2


def _output_csv(days: int) -> bytes:
    lines = ["unit,product,period_kind,period_start,quantity"]
    lines += [f"north,coal,day,1923-{1 + n // 28:02d}-{1 + n % 28:02d},{n}" for n in range(days)]
    return ("\n".join(lines) + "\n").encode()


def test_an_import_reports_checking_then_writing(colony, clerk, monkeypatch):
    monkeypatch.setattr(progress, "CHUNK", 10)
    reports = []
    importing.import_file(
        actor=clerk.user,
        kind="output",
        data=_output_csv(30),
        progress=lambda done, total, stage: reports.append((stage, done, total)),
    )
    stages = [stage for stage, _done, _total in reports]
    assert stages.index("writing") > stages.index("checking")
    assert ("checking", 10, 30) in reports
    assert reports[-1] == ("writing", 0, 0)  # every row was written while it was checked
    assert OutputRecord.objects.count() == 30


def test_the_page_s_check_is_recorded_under_its_token_for_the_polling_fragment(colony, clerk):
    clerk.client.post(
        "/production/import/",
        {
            "kind": "output",
            "file": SimpleUploadedFile("o.csv", _output_csv(40)),
            "action": "preview",
            "progress": TOKEN,
        },
    )
    job = ImportJob.objects.get(token=TOKEN)
    fragment = clerk.client.get(f"/production/import/progress/{TOKEN}/").content.decode()
    assert (job.user, job.stage, job.done, job.total) == (clerk.user, "checking", 40, 40)
    assert 'data-stage="checking"' in fragment
    assert '<progress value="40" max="40">' in fragment


def test_the_import_itself_reports_under_the_same_token_until_it_has_written(colony, clerk):
    data = _output_csv(5)
    preview = clerk.client.post(
        "/production/import/",
        {"kind": "output", "file": SimpleUploadedFile("o.csv", data), "action": "preview"},
    )
    digest = preview.context["preview"].digest
    clerk.client.post(
        "/production/import/", {"action": "commit", "digest": digest, "progress": TOKEN}
    )
    job = ImportJob.objects.get(token=TOKEN)
    assert (job.stage, job.done, job.total) == ("writing", 0, 0)
    assert OutputRecord.objects.count() == 5


def test_another_user_s_job_is_not_shown(colony, clerk):
    clerk.client.post(
        "/production/import/",
        {
            "kind": "output",
            "file": SimpleUploadedFile("secret-plan.csv", _output_csv(3)),
            "action": "preview",
            "progress": TOKEN,
        },
    )
    director = make_persona("director")
    fragment = director.client.get(f"/production/import/progress/{TOKEN}/").content.decode()
    assert 'data-stage="waiting"' in fragment
    assert "<progress></progress>" in fragment


def test_a_token_that_is_not_one_the_page_makes_is_not_found(clerk):
    assert clerk.client.get(f"/production/import/progress/{'z' * 32}/").status_code == 404


def test_a_form_without_a_token_imports_without_recording_progress(colony, clerk):
    clerk.client.post(
        "/production/import/",
        {
            "kind": "output",
            "file": SimpleUploadedFile("o.csv", _output_csv(3)),
            "action": "preview",
        },
    )
    assert not ImportJob.objects.exists()
