"""What an applicant brings: a contribution in cash (owed, paid in instalments) or in kind
(tools, food), appraised in a currency on a date by someone."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kuzbas.money.fields import money_field
from kuzbas.recruitment.models.applications import Application


class ContributionKind(models.TextChoices):
    CASH = "cash", _("in cash")
    IN_KIND = "in_kind", _("in kind")


class Contribution(models.Model):
    """One contribution of an applicant."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ContributionKind.choices)
    # In cash: the amount owed; what is paid is the sum of the instalments paid.
    amount = money_field(_("amount owed"), null=True, blank=True)
    # In kind: what, how much, and its appraisal.
    description = models.CharField(_("description"), max_length=200, blank=True)
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=3, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    appraised_value = money_field(_("appraised value"), null=True, blank=True)
    appraised_on = models.DateField(_("appraised on"), null=True, blank=True)
    appraised_by = models.ForeignKey(
        "members.Person",
        verbose_name=_("appraised by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Who appraised it where not a person of the registry (a bureau's clerk by name).
    appraised_by_name = models.CharField(_("appraised by (name)"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    note = models.TextField(_("note"), blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["application", "id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="cash") | Q(amount__isnull=False),
                name="recruitment_cash_has_amount",
                violation_error_message=_("A contribution in cash has an amount."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="in_kind")
                | (
                    ~Q(description="")
                    & Q(appraised_value__isnull=False)
                    & Q(appraised_on__isnull=False)
                ),
                name="recruitment_in_kind_is_appraised",
                violation_error_message=_(
                    "A contribution in kind is described and appraised on a date."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.description or str(self.amount)


class Instalment(models.Model):
    """One instalment of a contribution in cash: its amount, when it is due, when it was paid."""

    contribution = models.ForeignKey(
        Contribution,
        verbose_name=_("contribution"),
        on_delete=models.CASCADE,
        related_name="instalments",
    )
    amount = money_field(_("amount"))
    due = models.DateField(_("due"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["contribution", "due", "id"]
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="recruitment_instalment_positive",
                violation_error_message=_("An instalment is more than nothing."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.due}"
