"""Who recruits: a bureau (the New York committee), its members, its stages of screening and
the reasons for refusal it keeps."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def in_language(en: str, ru: str) -> str:
    """Return the Russian text where the page is in Russian and one is given, else the English."""
    if ru and (get_language() or "").startswith("ru"):
        return ru
    return en


class Bureau(models.Model):
    """A bureau that recruits for the enterprise: publishes calls, screens applicants,
    recommends them for admission and dispatches the admitted in groups."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_ru = models.CharField(_("name in Russian"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.CharField(_("country"), max_length=80, blank=True)
    founded = models.DateField(_("founded"), null=True, blank=True)
    closed = models.DateField(_("closed"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    # The e-mail address the bureau's letters come from; empty for the site's default.
    reply_to = models.EmailField(_("reply-to address"), blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["name"]
        verbose_name = _("bureau")
        verbose_name_plural = _("bureaus")
        constraints = [
            models.CheckConstraint(
                condition=Q(closed__isnull=True)
                | Q(founded__isnull=True)
                | Q(closed__gte=F("founded")),
                name="recruitment_bureau_closes_after_founding",
                violation_error_message=_("A bureau closes after it is founded."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.name, self.name_ru)


class BureauMember(models.Model):
    """A member of a bureau (Calvert, Barker): a person of the registry where known, else a name."""

    bureau = models.ForeignKey(
        Bureau, verbose_name=_("bureau"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        "members.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bureau_seats",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=120, blank=True)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("to"), null=True, blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["bureau", "id"]
        verbose_name = _("member of a bureau")
        verbose_name_plural = _("members of bureaus")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""),
                name="recruitment_bureau_member_is_named",
                violation_error_message=_("Name the member or choose a person."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="recruitment_bureau_member_ends_after_start",
                violation_error_message=_("The end is on or after the start."),
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(self.person)


class Stage(models.Model):
    """A stage of screening the bureau configures (received, interviewed, references, medical,
    decided), in the bureau's order."""

    bureau = models.ForeignKey(
        Bureau, verbose_name=_("bureau"), on_delete=models.CASCADE, related_name="stages"
    )
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    name_ru = models.CharField(_("name in Russian"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("order"))
    # Retired stages keep the moves that passed through them; new moves cannot enter them.
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["bureau", "order", "id"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "key"],
                name="recruitment_stage_key_unique_in_bureau",
                violation_error_message=_("The bureau already has a stage with this key."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.name, self.name_ru)


class RefusalReason(models.Model):
    """A reason for refusal from the list the bureau keeps, with the letter it starts from."""

    bureau = models.ForeignKey(
        Bureau, verbose_name=_("bureau"), on_delete=models.CASCADE, related_name="refusal_reasons"
    )
    key = models.SlugField(_("key"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    name_ru = models.CharField(_("name in Russian"), max_length=120, blank=True)
    letter = models.TextField(_("letter"), blank=True)
    letter_ru = models.TextField(_("letter in Russian"), blank=True)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["bureau", "name"]
        verbose_name = _("reason for refusal")
        verbose_name_plural = _("reasons for refusal")
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "key"],
                name="recruitment_refusal_reason_key_unique_in_bureau",
                violation_error_message=_("The bureau already has a reason with this key."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return in_language(self.name, self.name_ru)
