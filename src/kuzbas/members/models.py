"""People, sites, membership and employment as dated intervals, user accounts and role grants.

Intervals are inclusive at both ends (`kuzbas.core.intervals`): "who was a member on a date" is
one exact query.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from kuzbas.core.intervals import Interval, ends_after_it_starts
from kuzbas.core.rights import Role
from kuzbas.statute.bodies import MemberCategory


class User(AbstractUser):
    """An account; linked to the person it belongs to, where there is one."""

    person = models.OneToOneField(
        "members.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"


class SiteKind(models.TextChoices):
    COLONY = "colony", _("colony site")
    HEAD_OFFICE = "head_office", _("head office")
    BUREAU = "bureau", _("recruitment bureau")
    ENTERPRISE = "enterprise", _("enterprise")
    OTHER = "other", _("other")


class Site(models.Model):
    """A place the colony works from: Kemerovo, Moscow, New York, the Netherlands."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_original = models.CharField(_("name in the original script"), max_length=120, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SiteKind.choices)
    country = models.CharField(_("country"), max_length=80, blank=True)
    description = models.TextField(_("description"), blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["name"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A colonist, worker, official or author named in the colony's record."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name_latin = models.CharField(_("name (Latin script)"), max_length=200)
    name_original = models.CharField(_("name in the original script"), max_length=200, blank=True)
    nationality = models.CharField(_("nationality"), max_length=80, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    trade = models.CharField(_("trade"), max_length=120, blank=True)
    home_site = models.ForeignKey(
        Site,
        verbose_name=_("home site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    description = models.TextField(_("description"), blank=True)
    # Private: shown to clerks and directors only, never exported.
    email = models.EmailField(_("e-mail"), blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["name_latin"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name_latin

    @property
    def display_names(self) -> str:
        if self.name_original and self.name_original != self.name_latin:
            return f"{self.name_latin} ({self.name_original})"
        return self.name_latin


class MembershipStatus(models.TextChoices):
    CANDIDATE = "candidate", _("candidate")
    MEMBER = "member", _("member")
    SUSPENDED = "suspended", _("suspended")
    LEFT = "left", _("left")
    EXPELLED = "expelled", _("expelled")


class MembershipCategory(models.TextChoices):
    """The statute engine's categories of membership (a general meeting's electorate names
    them), with the labels people read."""

    COLONIST = MemberCategory.COLONIST.value, _("colonist")
    HIRED_WORKER = MemberCategory.HIRED_WORKER.value, _("hired worker")
    AUTHORITY_STAFF = MemberCategory.AUTHORITY_STAFF.value, _("staff of the outside authority")
    BUREAU_STAFF = MemberCategory.BUREAU_STAFF.value, _("bureau staff abroad")
    OTHER = MemberCategory.OTHER.value, _("other")


class Membership(Interval):
    """A person's standing in the colony for a span of days."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    status = models.CharField(_("status"), max_length=20, choices=MembershipStatus.choices)
    category = models.CharField(_("category"), max_length=20, choices=MembershipCategory.choices)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["person", "valid_from"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        indexes = [models.Index(fields=["status", "valid_from", "valid_to"])]
        constraints = [
            ends_after_it_starts(
                "membership_ends_after_it_starts", _("A membership cannot end before it starts.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()} ({self.period})"


class WorkCategory(models.TextChoices):
    PRODUCTION = "production", _("production")
    TECHNICAL = "technical", _("technical")
    OFFICE = "office", _("office")
    GUARD = "guard", _("guard")
    OTHER = "other", _("other")


class Employment(Interval):
    """A person's work for the colony for a span of days, by work category."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="employments"
    )
    category = models.CharField(_("work category"), max_length=20, choices=WorkCategory.choices)
    title = models.CharField(_("position"), max_length=120, blank=True)
    site = models.ForeignKey(
        Site,
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employments",
    )
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["person", "valid_from"]
        verbose_name = _("employment")
        verbose_name_plural = _("employments")
        indexes = [models.Index(fields=["category", "valid_from", "valid_to"])]
        constraints = [
            ends_after_it_starts(
                "employment_ends_after_it_starts", _("An employment cannot end before it starts.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.title or self.get_category_display()} ({self.period})"


class RoleGrant(models.Model):
    """A role given to an account by hand, for a span of days.

    Most rights should not come from here but from what the person holds on the date (a
    membership, a seat): see `kuzbas.core.rights.role_sources`.
    """

    user = models.ForeignKey(
        User, verbose_name=_("account"), on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    valid_from = models.DateField(_("from"), null=True, blank=True)
    valid_to = models.DateField(_("to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["user", "role"]
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"


class ApiToken(models.Model):
    """A bearer token for the REST API; only its hash is stored."""

    user = models.ForeignKey(
        User, verbose_name=_("account"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=80)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)
    # Set at issue (KUZBAS_TOKEN_DAYS); a token without one is refused like an expired one.
    expires = models.DateTimeField(_("expires"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(raw: str) -> str:
        return hashlib.sha256(raw.encode()).hexdigest()
