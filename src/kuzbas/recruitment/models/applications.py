"""An application to a call: who applies, what they bring, their consent, where it stands;
its attachments, its possible duplicates, and the affiliation kept apart from it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kuzbas.recruitment.models.bureaus import RefusalReason, Stage
from kuzbas.recruitment.models.calls import Call


class ApplicationState(models.TextChoices):
    """Where an application stands; the stage within screening is the bureau's own (`stage`)."""

    SCREENING = "screening", _("in screening")
    REFUSED = "refused", _("refused")
    WITHDRAWN = "withdrawn", _("withdrawn")
    RECOMMENDED = "recommended", _("recommended for admission")
    ADMITTED = "admitted", _("admitted")
    DISPATCHED = "dispatched", _("dispatched")
    ARRIVED = "arrived", _("arrived")


class ApplicationSource(models.TextChoices):
    PUBLIC_FORM = "public_form", _("public form")
    PAPER = "paper", _("paper form, entered by the bureau")
    API = "api", _("API")
    REFERRAL = "referral", _("referral")
    ARCHIVE = "archive", _("archive")


class Application(models.Model):
    """One person's application to a call."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="applications"
    )
    # What the applicant is told to quote; not guessable, unlike the id.
    reference = models.CharField(_("reference"), max_length=24, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_original = models.CharField(_("name in the original script"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    nationality = models.CharField(_("nationality"), max_length=80, blank=True)
    country = models.CharField(_("country of residence"), max_length=80, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    trade = models.CharField(_("trade"), max_length=120)
    skills = models.TextField(_("skills and experience"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # The language the applicant wrote in (the page's), for the letters the bureau sends.
    language = models.CharField(_("language for letters"), max_length=10, blank=True)
    # Answers to the call's own questions, by the question's key.
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    consent_at = models.DateTimeField(_("consent given at"))
    policy_version = models.CharField(_("data policy version"), max_length=40)
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=ApplicationSource.choices,
        default=ApplicationSource.PUBLIC_FORM,
    )
    # Where the applicant heard of the call (a newspaper, a meeting, a friend): free text.
    channel = models.CharField(_("channel"), max_length=120, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    # The bureau's clerk who entered a paper application; empty for one sent by the applicant.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    stage = models.ForeignKey(
        Stage,
        verbose_name=_("stage"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ApplicationState.choices,
        default=ApplicationState.SCREENING,
    )
    refusal_reason = models.ForeignKey(
        RefusalReason,
        verbose_name=_("reason for refusal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    refusal_letter = models.TextField(_("letter of refusal"), blank=True)
    recommendation = models.TextField(_("recommendation"), blank=True)
    # When and by whom the bureau refused or recommended.
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The motion that puts the admission to the competent body, where the statute wants one.
    motion = models.ForeignKey(
        "governance.Motion",
        verbose_name=_("motion"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recruitment_applications",
    )
    admitted_on = models.DateField(_("admitted on"), null=True, blank=True)
    dispatch_group = models.ForeignKey(
        "recruitment.DispatchGroup",
        verbose_name=_("dispatch group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    arrived_on = models.DateField(_("arrived on"), null=True, blank=True)
    # The member of the registry the applicant became on arrival.
    person = models.ForeignKey(
        "members.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [
            models.Index(fields=["call", "state"], name="recruitment_app_call_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="refused") | Q(refusal_reason__isnull=False),
                name="recruitment_refused_has_reason",
                violation_error_message=_("A refusal names its reason."),
            ),
            models.CheckConstraint(
                condition=Q(arrived_on__isnull=True) | Q(person__isnull=False),
                name="recruitment_arrived_is_a_person",
                violation_error_message=_("An arrival names the person it made a member."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}"


class Attachment(models.Model):
    """A file sent with an application, kept by its SHA-256 checksum under the media folder."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    # The stored file, relative to MEDIA_ROOT.
    file = models.CharField(_("file"), max_length=200)
    file_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=60)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    added_at = models.DateTimeField(_("added at"))

    class Meta:
        ordering = ["application", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.file_name


class DuplicateVerdict(models.TextChoices):
    OPEN = "open", _("not yet looked at")
    SAME = "same", _("the same person")
    DIFFERENT = "different", _("a different person")


class DuplicateFlag(models.Model):
    """A possible duplicate found by fuzzy matching: an earlier application or a member.
    Shown to the clerk, who says whether it is the same person; nothing is merged."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="duplicate_flags",
    )
    earlier = models.ForeignKey(
        Application,
        verbose_name=_("earlier application"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    person = models.ForeignKey(
        "members.Person",
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # 0 to 100, the best of the fields that matched.
    score = models.PositiveSmallIntegerField(_("score"))
    # Which fields matched: ["name", "email", "phone"].
    matched = models.JSONField(_("matched on"), default=list)
    verdict = models.CharField(
        _("verdict"), max_length=10, choices=DuplicateVerdict.choices, default=DuplicateVerdict.OPEN
    )
    verdict_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verdict by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verdict_at = models.DateTimeField(_("verdict at"), null=True, blank=True)

    class Meta:
        ordering = ["application", "-score", "id"]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        constraints = [
            models.CheckConstraint(
                condition=Q(earlier__isnull=False, person__isnull=True)
                | Q(earlier__isnull=True, person__isnull=False),
                name="recruitment_duplicate_names_one",
                violation_error_message=_("A possible duplicate is an application or a member."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} ~ {self.earlier_id or self.person_id} ({self.score})"


class Affiliation(models.Model):
    """An applicant's political affiliation, asked only where the call asks it, kept apart from
    the application and read only as counts per group (docs/recruitment.md)."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="affiliation"
    )
    group = models.CharField(_("group"), max_length=60)

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")

    def __str__(self) -> str:
        # Never the group: a row printed by mistake must not reveal it.
        return f"affiliation #{self.pk}"
