"""How far an import of a file has got, for the page that polls it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStage(models.TextChoices):
    WAITING = "waiting", _("waiting for the file")
    CHECKING = "checking", _("checking rows")
    WRITING = "writing", _("writing rows")
    DONE = "done", _("done")
    FAILED = "failed", _("stopped: nothing was imported")


class ImportJob(models.Model):
    """How far a check or import of a file has got, for the page that polls it.

    Named by a token the import form carries, so the page can ask before the upload ends.
    """

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        "members.User", on_delete=models.CASCADE, related_name="production_import_jobs"
    )
    filename = models.CharField(_("file"), max_length=255, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=ImportStage.choices, default=ImportStage.WAITING
    )
    done = models.PositiveBigIntegerField(_("done"), default=0)
    total = models.PositiveBigIntegerField(_("total"), default=0)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")

    def __str__(self) -> str:
        return f"{self.filename} {self.stage} {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return min(100, self.done * 100 // self.total) if self.total else 0
