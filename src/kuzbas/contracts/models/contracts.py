"""Contracts, the parties' roles in them, and their dated acts with the signatories.

A contract is the lasting agreement (the 1921 contract of the colony with the STO); what it
says is in its versions (`versions.py`); what happened to it (signed, approved, concluded,
amended, investigated, liquidation decided) is a list of dated acts, each with its source
through the record's citations, so a date given only as a month stays a month.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kuzbas.contracts.models.parties import Party
from kuzbas.core.dates import Precision, format_partial


class ContractStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    IN_FORCE = "in_force", _("in force")
    EXPIRED = "expired", _("expired")
    TERMINATED = "terminated", _("terminated")
    WOUND_UP = "wound_up", _("ended by a winding-up")


class Contract(models.Model):
    """An agreement between the enterprise and other parties, across its versions."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    title_original = models.CharField(
        _("title in the original language"), max_length=300, blank=True
    )
    subject = models.TextField(_("subject"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ContractStatus.choices, default=ContractStatus.DRAFT
    )
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    from_precision = models.CharField(
        _("precision of the start"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    in_force_until = models.DateField(_("in force until"), null=True, blank=True)
    until_precision = models.CharField(
        _("precision of the end"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    # Who takes the contract's rights and duties over in a reorganisation (Kuzbassugol, 1927).
    successor = models.ForeignKey(
        Party,
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="succeeded_contracts",
    )
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by_label = models.CharField(_("created by (label)"), max_length=150, blank=True)
    note = models.TextField(_("note"), blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["in_force_from", "key"]
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        constraints = [
            models.CheckConstraint(
                condition=Q(in_force_until__isnull=True)
                | Q(in_force_from__isnull=True)
                | Q(in_force_until__gte=F("in_force_from")),
                name="contract_ends_after_it_starts",
                violation_error_message=_("A contract cannot end before it comes into force."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> str:
        if self.in_force_from is None:
            return ""
        start = format_partial(self.in_force_from, self.from_precision)
        end = format_partial(self.in_force_until, self.until_precision)
        return f"{start} – {end or '…'}"


class PartyRole(models.TextChoices):
    ENTERPRISE = "enterprise", _("the enterprise")
    COUNTERPARTY = "counterparty", _("counterparty")
    APPROVING = "approving", _("approving authority")
    GUARANTOR = "guarantor", _("guarantor")
    SUCCESSOR = "successor", _("successor")
    OTHER = "other", _("other")


class ContractParty(models.Model):
    """A party's role in a contract: the enterprise, a counterparty, the approving authority."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="parties")
    party = models.ForeignKey(
        Party, verbose_name=_("party"), on_delete=models.PROTECT, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    # How the contract itself names the party ("the Council of Labour and Defence", "the group").
    named_as = models.CharField(_("named in the contract as"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["contract", "order", "id"]
        verbose_name = _("party to a contract")
        verbose_name_plural = _("parties to contracts")
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "party", "role"], name="contracts_party_role_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party} ({self.get_role_display()})"


class ActKind(models.TextChoices):
    DRAFTED = "drafted", _("drafted")
    PROPOSED = "proposed", _("proposed")
    SIGNED = "signed", _("signed")
    APPROVED = "approved", _("approved")
    CONCLUDED = "concluded", _("concluded")
    IN_FORCE = "in_force", _("put in force")
    REVISION_PROPOSED = "revision_proposed", _("revision proposed")
    AMENDED = "amended", _("amended")
    INVESTIGATED = "investigated", _("investigated")
    CONFERENCE = "conference", _("conference held")
    LIQUIDATION_DECIDED = "liquidation_decided", _("liquidation decided")
    REORGANISED = "reorganised", _("reorganised")
    TERMINATED = "terminated", _("terminated")
    OTHER = "other", _("other")


class Act(models.Model):
    """A dated act on a contract or one of its versions, by whom, with its source.

    `by` is the party that acted (the Council of People's Commissars approving); a decision of
    the enterprise's own bodies is linked through `decision`, the register entry. The evidence
    is the record's citation (documented with a source, or illustrative).
    """

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="acts")
    version = models.ForeignKey(
        "contracts.Version",
        verbose_name=_("version"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="acts",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=ActKind.choices)
    title = models.CharField(_("title"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    date = models.DateField(_("date"))
    precision = models.CharField(
        _("precision"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    by = models.ForeignKey(
        Party,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="acts",
    )
    decision = models.ForeignKey(
        "governance.Decision",
        verbose_name=_("register entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contract_acts",
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by_label = models.CharField(_("recorded by"), max_length=150, blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["contract", "date", "id"]
        verbose_name = _("act")
        verbose_name_plural = _("acts")
        indexes = [models.Index(fields=["kind", "date"])]

    def __str__(self) -> str:
        return f"{self.when}: {self.title or self.get_kind_display()}"

    @property
    def when(self) -> str:
        return format_partial(self.date, self.precision)


class Signatory(models.Model):
    """One who signed in an act, for a party: Lenin for the STO, Haywood for the group."""

    act = models.ForeignKey(Act, on_delete=models.CASCADE, related_name="signatories")
    party = models.ForeignKey(
        Party,
        verbose_name=_("for"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signatories",
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    # Where the signatory is a person of the registry (a member of the enterprise).
    person = models.ForeignKey(
        "members.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contract_signatures",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["act", "order", "id"]
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self) -> str:
        return f"{self.name}, {self.position}" if self.position else self.name
