"""Money under a contract: support promised and paid, loans, debts taken over, repayments.

Each line is one dated amount in its own currency (never converted when stored), tied to the
clause that created it; a debt taken over with a unit (the mines of 1924, with half the
Kuzbas Trust's debts) names the unit and its transfer act. Balances on a date are sums per
currency, converted only through a dated rate with its source (`kuzbas.money.rates`).
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kuzbas.contracts.models.contracts import Contract
from kuzbas.contracts.models.obligations import Debtor, Obligation
from kuzbas.contracts.models.parties import Party
from kuzbas.contracts.models.versions import Clause
from kuzbas.core.dates import Precision, format_partial
from kuzbas.money.fields import money_field


class MoneyLineKind(models.TextChoices):
    SUPPORT_PROMISED = "support_promised", _("support promised")
    SUPPORT_PAID = "support_paid", _("support paid")
    LOAN = "loan", _("loan")
    DEBT_TAKEN_OVER = "debt_taken_over", _("debt taken over")
    REPAYMENT = "repayment", _("repayment")


class MoneyLine(models.Model):
    """One dated amount under a contract, with the clause that created it."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="money_lines")
    kind = models.CharField(_("kind"), max_length=20, choices=MoneyLineKind.choices)
    # Until kuzbas.money lands: the same columns as its money_field.
    amount = money_field(_("amount"))
    on = models.DateField(_("date"))
    precision = models.CharField(
        _("precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    # Who owes the amount (for a loan or a debt) or who pays it (support, a repayment).
    debtor = models.CharField(_("who owes or pays"), max_length=20, choices=Debtor.choices)
    party = models.ForeignKey(
        Party,
        verbose_name=_("counterparty"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="money_lines",
    )
    clause = models.ForeignKey(
        Clause,
        verbose_name=_("clause"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="money_lines",
    )
    obligation = models.ForeignKey(
        Obligation,
        verbose_name=_("obligation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="money_lines",
    )
    # A repayment or a payment of promised support names the line it settles.
    settles = models.ForeignKey(
        "self",
        verbose_name=_("settles"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="settled_by",
    )
    # A debt taken over with a unit: the unit, and the act that transferred it.
    unit = models.ForeignKey(
        "production.Unit",
        verbose_name=_("came with the unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contract_money_lines",
    )
    transfer_act = models.ForeignKey(
        "production.TransferAct",
        verbose_name=_("transfer act"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contract_money_lines",
    )
    # A winding-up passes an open debt or loan to the successor, on a date.
    transferred_to = models.ForeignKey(
        Party,
        verbose_name=_("passed to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="money_lines_taken_over",
    )
    transferred_on = models.DateField(_("passed on"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by_label = models.CharField(_("recorded by"), max_length=150, blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["contract", "on", "id"]
        verbose_name = _("money line")
        verbose_name_plural = _("money lines")
        indexes = [models.Index(fields=["contract", "on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="contracts_money_line_positive",
                violation_error_message=_(
                    "An amount is positive; its kind says which way it goes."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.when} {self.get_kind_display()}: {self.amount}"

    @property
    def when(self) -> str:
        return format_partial(self.on, self.precision)
