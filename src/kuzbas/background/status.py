"""What a job's page and the API say about it: its state, how far it got, what comes next."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kuzbas.background import progress
from kuzbas.background.kinds import kind_of
from kuzbas.background.models import Job, JobState

STAGES = {
    "checking": gettext_lazy("checking the rows"),
    "writing": gettext_lazy("writing the rows"),
}


@dataclass
class JobStatus:
    id: str
    kind: str
    title: str
    label: str
    state: str
    state_label: str
    done: int
    total: int
    stage: str
    message: str
    problems: list[dict] = field(default_factory=list)
    outcome: dict = field(default_factory=dict)
    url: str = ""
    result_url: str = ""
    again_url: str = ""

    @property
    def ended(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 0


def status_of(job: Job) -> JobStatus:
    """Read the job's row and, while it runs, its progress file."""
    kind = kind_of(job.kind)
    done, total, stage = job.done, job.total, ""
    if job.state == JobState.RUNNING:
        last = progress.read(job.pk)
        done, total = last.get("done", done), last.get("total", total)
        stage = str(STAGES.get(last.get("stage", ""), ""))
    return JobStatus(
        id=str(job.pk),
        kind=job.kind,
        title=str(kind.title),
        label=job.label,
        state=job.state,
        state_label=str(JobState(job.state).label),
        done=done,
        total=total,
        stage=stage,
        message=job.message
        or (_("Waiting for the worker (kuzbas worker).") if job.state == JobState.QUEUED else ""),
        problems=list(job.problems),
        outcome=dict(job.outcome),
        url=reverse("background:job", args=[job.pk]),
        result_url=reverse(kind.result_url) if kind.result_url else "",
        again_url=reverse(kind.again_url) if kind.again_url else "",
    )
