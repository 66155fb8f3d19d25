"""The onboarding checklist the enterprise defines, and what each arrived member has done."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kuzbas.recruitment.models.bureaus import in_language


class OnboardingItem(models.Model):
    """A step every arriving member goes through (a medical check, a place to live)."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("onboarding step")
        verbose_name_plural = _("onboarding steps")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.name, self.name_ru)


class OnboardingDone(models.Model):
    """A step done by an arrived member, with when and who recorded it."""

    person = models.ForeignKey(
        "members.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="onboarding_done",
    )
    item = models.ForeignKey(
        OnboardingItem, verbose_name=_("step"), on_delete=models.PROTECT, related_name="done"
    )
    done_on = models.DateField(_("done on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["person", "item"]
        verbose_name = _("onboarding step done")
        verbose_name_plural = _("onboarding steps done")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "item"],
                name="recruitment_onboarding_once",
                violation_error_message=_("This step is already done."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.done_on}"
