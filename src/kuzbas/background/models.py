"""A job: long work a page or the API started and the worker runs."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class Job(models.Model):
    """One piece of long work: who started it, where it stands, what it did or why it failed.

    Its state is written outside the work's own transaction, so a failed job keeps its message
    while everything the work wrote is rolled back.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=64)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="background_jobs",
    )
    label = models.CharField(_("what"), max_length=255, blank=True)
    language = models.CharField(max_length=10, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=JobState.choices, default=JobState.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    params = models.JSONField(default=dict, blank=True)
    # The file the job works on, emptied when the job ends.
    data = models.BinaryField(default=b"", blank=True)
    outcome = models.JSONField(default=dict, blank=True)
    message = models.TextField(_("message"), blank=True)
    problems = models.JSONField(default=list, blank=True)
    created = models.DateTimeField(_("queued at"), auto_now_add=True)
    started = models.DateTimeField(_("started at"), null=True, blank=True)
    finished = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.kind} {self.label} {self.state}"

    @property
    def ended(self) -> bool:
        return self.state in (JobState.DONE, JobState.FAILED)

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 0
