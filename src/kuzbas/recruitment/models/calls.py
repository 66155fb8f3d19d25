"""A bureau's call for members (a prospectus): its text in each language, the trades it wants,
what it offers and asks, when it is open, and its own questions."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kuzbas.money.fields import money_field
from kuzbas.recruitment.models.bureaus import Bureau, in_language


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Call(models.Model):
    """A call for members: public while open and between its opening and closing dates."""

    bureau = models.ForeignKey(
        Bureau, verbose_name=_("bureau"), on_delete=models.PROTECT, related_name="calls"
    )
    key = models.SlugField(_("key"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_ru = models.CharField(_("title in Russian"), max_length=200, blank=True)
    text = models.TextField(_("text"), blank=True)
    text_ru = models.TextField(_("text in Russian"), blank=True)
    terms = models.TextField(_("terms offered"), blank=True)
    terms_ru = models.TextField(_("terms offered, in Russian"), blank=True)
    # What each applicant is asked to bring: an amount in a currency, and in words (tools, food).
    contribution = money_field(_("contribution asked"), null=True, blank=True)
    contribution_note = models.TextField(_("contribution asked, in words"), blank=True)
    opens = models.DateField(_("opens"))
    closes = models.DateField(_("closes"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    # The call's own questions, without schema changes: a list of
    # {"key", "label", "label_ru", "kind": text|long_text|yes_no|choice|number, "required",
    #  "choices": [...]} checked by recruitment/questions.py.
    questions = models.JSONField(_("questions"), default=list, blank=True)
    # Political affiliation is asked only where the call says so, for the balance of groups;
    # the answer is kept apart (Affiliation) and never shown per person.
    asks_affiliation = models.BooleanField(_("asks political affiliation"), default=False)
    affiliation_choices = models.JSONField(_("affiliation choices"), default=list, blank=True)
    # The version of the data policy an applicant consents to.
    policy_version = models.CharField(_("data policy version"), max_length=40, default="1")
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["-opens", "key"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__isnull=True) | Q(closes__gte=F("opens")),
                name="recruitment_call_closes_after_opening",
                violation_error_message=_("A call closes on or after the day it opens."),
            ),
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def heading(self) -> str:
        return in_language(self.title, self.title_ru)

    @property
    def body(self) -> str:
        return in_language(self.text, self.text_ru)

    @property
    def offered(self) -> str:
        return in_language(self.terms, self.terms_ru)

    def open_on(self, day) -> bool:
        """Return whether the call takes applications on a day."""
        return (
            self.status == CallStatus.OPEN
            and self.opens <= day
            and (self.closes is None or day <= self.closes)
        )


class CallTrade(models.Model):
    """A trade the call wants, with how many."""

    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="trades"
    )
    trade = models.CharField(_("trade"), max_length=120)
    trade_ru = models.CharField(_("trade in Russian"), max_length=120, blank=True)
    wanted = models.PositiveIntegerField(_("number wanted"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["call", "id"]
        verbose_name = _("trade wanted")
        verbose_name_plural = _("trades wanted")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "trade"],
                name="recruitment_call_trade_unique",
                violation_error_message=_("The call already wants this trade."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return in_language(self.trade, self.trade_ru)
