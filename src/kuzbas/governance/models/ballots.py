"""How a vote on a motion is taken: ballots, the roll, secret participation and papers, and
the totals a chair counted."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kuzbas.governance.models.engine_choices import engine_choices
from kuzbas.governance.models.motions import Motion
from kuzbas.statute import Choice as EngineChoice

Choice = engine_choices(
    "Choice",
    {EngineChoice.YES: _("yes"), EngineChoice.NO: _("no"), EngineChoice.ABSTAIN: _("abstain")},
    engine=[EngineChoice],
    module=__name__,
)


class Ballot(models.Model):
    """One voter's choice on a motion; the database refuses a second one."""

    motion = models.ForeignKey(
        Motion, verbose_name=_("motion"), on_delete=models.PROTECT, related_name="ballots"
    )
    voter = models.ForeignKey(
        "members.Person", verbose_name=_("voter"), on_delete=models.PROTECT, related_name="ballots"
    )
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)
    # A keyed digest of the client's idempotency key: the same key again returns this ballot.
    key_digest = models.CharField(_("key digest"), max_length=64, blank=True)

    class Meta:
        ordering = ["motion", "cast_at"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "voter"],
                name="one_ballot_per_voter_per_motion",
                violation_error_message=_("This voter has already voted on this motion."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voter} on {self.motion}: {self.get_choice_display()}"


class RollEntry(models.Model):
    """A voter on the roll of an open vote, with their weight, fixed when the vote opens.

    The statute's electorate is computed once, at opening; a ballot is then checked against
    the roll with one indexed lookup instead of recomputing thousands of memberships.
    """

    motion = models.ForeignKey(
        Motion, verbose_name=_("motion"), on_delete=models.PROTECT, related_name="roll"
    )
    person = models.ForeignKey(
        "members.Person", verbose_name=_("voter"), on_delete=models.PROTECT, related_name="+"
    )
    # An exact fraction ("1", "3/2"), as the statute's weights are.
    weight = models.CharField(_("weight"), max_length=32, default="1")

    class Meta:
        verbose_name = _("roll entry")
        verbose_name_plural = _("roll entries")
        constraints = [
            models.UniqueConstraint(fields=["motion", "person"], name="one_roll_entry_per_voter"),
        ]

    def __str__(self) -> str:
        return f"{self.person} on the roll of {self.motion}"


class Participation(models.Model):
    """That a member voted in a secret vote, never how; the database refuses a second time.

    No timestamp: together with the ballots it would let the order of casting link a voter to
    a choice.
    """

    motion = models.ForeignKey(
        Motion, verbose_name=_("motion"), on_delete=models.PROTECT, related_name="participations"
    )
    voter = models.ForeignKey(
        "members.Person", verbose_name=_("voter"), on_delete=models.PROTECT, related_name="+"
    )
    # A keyed digest of the client's idempotency key, under a different purpose than the one the
    # receipt is derived from: without the key, nothing here matches anything in the box.
    key_digest = models.CharField(_("key digest"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "voter"], name="one_secret_ballot_per_voter_per_motion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voter} voted on {self.motion}"


class SecretBallot(models.Model):
    """A choice in a secret vote under its receipt code: nothing here names the voter.

    The receipt is random and is the key; there is no timestamp, and the ballots of a vote are
    written again in random order when it closes, so the order of casting cannot be recovered.
    """

    receipt = models.CharField(_("receipt"), max_length=32, primary_key=True)
    motion = models.ForeignKey(
        Motion, verbose_name=_("motion"), on_delete=models.PROTECT, related_name="secret_ballots"
    )
    choice = models.CharField(_("choice"), max_length=10, choices=Choice.choices)
    # The voter's weight as an exact fraction ("1", "3/2"); weights come from the statute.
    weight = models.CharField(_("weight"), max_length=32, default="1")

    class Meta:
        ordering = ["receipt"]
        verbose_name = _("secret ballot")
        verbose_name_plural = _("secret ballots")

    def __str__(self) -> str:
        return self.receipt


def _paper_id() -> str:
    return secrets.token_hex(16)


class SealedPaper(models.Model):
    """A paper in the box of an open vote without names, sealed with the vote's key.

    Its id is random, it has no timestamp, and its content (choice, weight, receipts) opens
    only with the vote's private key, which is kept outside the database and destroyed at the
    close, when the papers are opened, counted and deleted (`ballot_box`).
    """

    id = models.CharField(primary_key=True, max_length=32, default=_paper_id, editable=False)
    motion = models.ForeignKey(
        Motion, verbose_name=_("motion"), on_delete=models.PROTECT, related_name="sealed_papers"
    )
    # A keyed digest of the voter's idempotency key under its own purpose: a retry finds its
    # paper by it; it matches nothing that outlives the close.
    tag = models.CharField(_("tag"), max_length=64, db_index=True)
    sealed = models.BinaryField(_("sealed paper"))

    class Meta:
        verbose_name = _("sealed paper")
        verbose_name_plural = _("sealed papers")

    def __str__(self) -> str:
        return self.id


class CountedVote(models.Model):
    """The totals a chair recorded for a vote (a show of hands, or a vote known from the record)."""

    motion = models.OneToOneField(
        Motion, verbose_name=_("motion"), on_delete=models.PROTECT, related_name="counted_vote"
    )
    yes = models.PositiveIntegerField(_("yes"))
    no = models.PositiveIntegerField(_("no"))
    abstain = models.PositiveIntegerField(_("abstain"), default=0)
    present = models.PositiveIntegerField(_("present"))
    # [{"person": key, "choice": "yes"}, ...] when the record names who voted how.
    named = models.JSONField(_("named votes"), default=list, blank=True)
    decided_on = models.DateField(_("decided on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="counted_votes",
    )
    recorded_by_label = models.CharField(_("recorded by (label)"), max_length=150, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    citations = GenericRelation("record.Citation")

    class Meta:
        verbose_name = _("counted vote")
        verbose_name_plural = _("counted votes")
        constraints = [
            models.CheckConstraint(
                condition=Q(present__gte=F("yes") + F("no") + F("abstain")),
                name="counted_vote_no_more_votes_than_present",
                violation_error_message=_("More votes were counted than voters were present."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.motion}: {self.yes}–{self.no}–{self.abstain}"
