"""A dispatch group: the admitted who travel together, from a port on a date, by a route."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kuzbas.recruitment.models.bureaus import Bureau


class GroupStatus(models.TextChoices):
    FORMING = "forming", _("forming")
    DEPARTED = "departed", _("departed")
    ARRIVED = "arrived", _("arrived")
    CANCELLED = "cancelled", _("cancelled")


class DispatchGroup(models.Model):
    """A group the bureau dispatches (Pearson's fourth group): its manifest is its applications."""

    bureau = models.ForeignKey(
        Bureau, verbose_name=_("bureau"), on_delete=models.PROTECT, related_name="dispatch_groups"
    )
    number = models.PositiveIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    port = models.CharField(_("port of departure"), max_length=120, blank=True)
    departs_on = models.DateField(_("departs on"), null=True, blank=True)
    route = models.TextField(_("route"), blank=True)
    arrives_on = models.DateField(_("arrives on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=GroupStatus.choices, default=GroupStatus.FORMING
    )
    note = models.TextField(_("note"), blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["bureau", "number"]
        verbose_name = _("dispatch group")
        verbose_name_plural = _("dispatch groups")
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "number"],
                name="recruitment_group_number_unique_in_bureau",
                violation_error_message=_("The bureau already has a group with this number."),
            ),
            models.CheckConstraint(
                condition=Q(arrives_on__isnull=True)
                | Q(departs_on__isnull=True)
                | Q(arrives_on__gte=F("departs_on")),
                name="recruitment_group_arrives_after_departure",
                violation_error_message=_("A group arrives on or after the day it departs."),
            ),
        ]

    def __str__(self) -> str:
        return self.name or str(_("group %(number)s") % {"number": self.number})
