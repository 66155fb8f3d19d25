"""The parties to contracts: state bodies, municipalities, buyers, lenders, and the enterprise."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PartyKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("the enterprise itself")
    STATE_BODY = "state_body", _("state body")
    MUNICIPALITY = "municipality", _("municipality")
    BUYER = "buyer", _("buyer")
    LENDER = "lender", _("lender")
    ENTERPRISE_OTHER = "other_enterprise", _("another enterprise")
    OTHER = "other", _("other")


class Party(models.Model):
    """Someone the enterprise makes agreements with, or the enterprise itself.

    One party at most is the enterprise (`kind` = enterprise); a successor that takes over
    the enterprise's units and debts in a reorganisation is a party too (Kuzbassugol, 1927).
    """

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=300)
    name_original = models.CharField(_("name in the original language"), max_length=300, blank=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PartyKind.choices)
    # A state body's or a municipality's place (the Council of Labour and Defence: Moscow).
    place = models.CharField(_("place"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind="enterprise"),
                name="contracts_one_enterprise_party",
                violation_error_message=_("Only one party is the enterprise itself."),
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def is_enterprise(self) -> bool:
        return self.kind == PartyKind.ENTERPRISE
