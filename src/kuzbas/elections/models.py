"""Elections to seats: the candidates, the roll fixed at opening, who voted, the ballot box and
the result of the count.

Every election is a secret ballot. Who voted (`ElectionParticipation`) and what was marked
live in two tables with nothing in common but the election, and no timestamp on either. While
voting is open a paper is a `SealedElectionPaper`, sealed with the election's key (kept outside
the database, `governance/ballot_box.py`); the count opens them and writes the box
(`ElectionBallot`) in random order, all in one transaction, and the key is destroyed, so
neither the order of casting nor a row's transaction links a ballot to its voter.

The statute says which seats are filled by election and by which matter (so which body elects
and who votes); it names no counting method, so the method is chosen when the election is
created and recorded with it.
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kuzbas.governance import ballot_box
from kuzbas.governance.models.engine_choices import engine_choices
from kuzbas.statute.elections.marks import Method as MarkMethod

# The engine counts STV by its own function and names only the methods by marks in an enum.
Method = engine_choices(
    "Method",
    {
        "stv": _("single transferable vote (Scottish rules)"),
        MarkMethod.PLURALITY: _("plurality (one mark per seat)"),
        MarkMethod.APPROVAL: _("approval (any number of marks)"),
    },
    engine=[MarkMethod],
    module=__name__,
)


class ElectionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    NOMINATING = "nominating", _("taking nominations")
    VOTING = "voting", _("voting")
    CLOSED = "closed", _("closed")


class Election(models.Model):
    """An election of a number of places in one of a body's elected seats."""

    title = models.CharField(_("title"), max_length=300)
    # The seat as the statute defines it ("organization-committee.member"); `seats` is how many
    # of its places this election fills.
    seat = models.ForeignKey(
        "governance.Seat",
        verbose_name=_("seat"),
        on_delete=models.PROTECT,
        related_name="elections",
    )
    seats = models.PositiveSmallIntegerField(_("places to fill"))
    # The statute's election matter of the seat, and the body competent for it (who elects).
    matter = models.SlugField(_("matter"), max_length=60)
    electing_body = models.ForeignKey(
        "governance.Body",
        verbose_name=_("elected by"),
        on_delete=models.PROTECT,
        related_name="elections_held",
    )
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=ElectionStatus.choices, default=ElectionStatus.DRAFT
    )
    statute_version = models.ForeignKey(
        "governance.StatuteVersion",
        verbose_name=_("statute version"),
        on_delete=models.PROTECT,
        related_name="elections",
    )
    created_on = models.DateField(_("called on"))
    opened_on = models.DateField(_("voting opened on"), null=True, blank=True)
    closed_on = models.DateField(_("voting closed on"), null=True, blank=True)
    # The motion whose register entry records the result, filed when the count is made.
    motion = models.OneToOneField(
        "governance.Motion",
        verbose_name=_("register motion"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="election",
    )
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["-created_on", "-pk"]
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="election_fills_a_place"),
        ]

    def __str__(self) -> str:
        return self.title


class Candidate(models.Model):
    """A person standing in an election, in ballot-paper order."""

    election = models.ForeignKey(
        Election, verbose_name=_("election"), on_delete=models.CASCADE, related_name="candidates"
    )
    person = models.ForeignKey(
        "members.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position on the ballot paper"))

    class Meta:
        ordering = ["election", "position"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [
            models.UniqueConstraint(fields=["election", "person"], name="one_candidacy_per_person"),
            models.UniqueConstraint(
                fields=["election", "position"], name="one_candidate_per_position"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.election}"


class ElectionRoll(models.Model):
    """A voter on the roll of an election, fixed from the statute's electorate when it opens."""

    election = models.ForeignKey(
        Election, verbose_name=_("election"), on_delete=models.PROTECT, related_name="roll"
    )
    person = models.ForeignKey(
        "members.Person", verbose_name=_("voter"), on_delete=models.PROTECT, related_name="+"
    )
    # How many ballot papers the voter casts: one, plus one for each proxy held. Each paper is
    # a row of its own in the box, so no paper shows that its voter held a proxy.
    papers = models.PositiveSmallIntegerField(_("ballot papers"), default=1)

    class Meta:
        verbose_name = _("roll entry")
        verbose_name_plural = _("roll entries")
        constraints = [
            models.UniqueConstraint(fields=["election", "person"], name="one_election_roll_entry"),
        ]

    def __str__(self) -> str:
        return f"{self.person} on the roll of {self.election}"


class ElectionParticipation(models.Model):
    """That a member voted in an election, never how; the database refuses a second time.

    No timestamp: with the ballots it would let the order of casting link a voter to a ballot.
    """

    election = models.ForeignKey(
        Election,
        verbose_name=_("election"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    voter = models.ForeignKey(
        "members.Person", verbose_name=_("voter"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "voter"], name="one_election_ballot_per_voter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voter} voted in {self.election}"


class ElectionBallot(models.Model):
    """A ballot paper under its receipt code: the ranking or the marks, and nothing that names
    the voter or the time."""

    receipt = models.CharField(_("receipt"), max_length=32, primary_key=True)
    election = models.ForeignKey(
        Election, verbose_name=_("election"), on_delete=models.PROTECT, related_name="ballots"
    )
    # Candidates' registry keys: first preference first (STV), or the candidates marked.
    marks = models.JSONField(_("ranking or marks"), default=list)

    class Meta:
        ordering = ["receipt"]
        verbose_name = _("ballot paper")
        verbose_name_plural = _("ballot papers")

    def __str__(self) -> str:
        return self.receipt


class SealedElectionPaper(models.Model):
    """A voter's ballot in the box of an open election, sealed with the election's key.

    Its id is random, it has no timestamp, and what it holds (the ranking or the marks, the
    receipt, the number of papers) is padded to the size of the longest ranking and opens only
    with the election's private key, which is kept outside the database and destroyed when the
    count opens the box.
    """

    id = models.CharField(
        primary_key=True, max_length=32, default=ballot_box.paper_id, editable=False
    )
    election = models.ForeignKey(
        Election,
        verbose_name=_("election"),
        on_delete=models.PROTECT,
        related_name="sealed_papers",
    )
    sealed = models.BinaryField(_("sealed paper"))

    class Meta:
        verbose_name = _("sealed ballot paper")
        verbose_name_plural = _("sealed ballot papers")

    def __str__(self) -> str:
        return self.id


class ElectionResult(models.Model):
    """The count: who was elected, every stage, and the lot drawn for ties."""

    election = models.OneToOneField(
        Election, verbose_name=_("election"), on_delete=models.PROTECT, related_name="result"
    )
    elected = models.JSONField(_("elected"), default=list)  # registry keys, in order elected
    # STV: the quota and every stage; by marks: every candidate's votes.
    quota = models.CharField(_("quota"), max_length=32, blank=True)
    stages = models.JSONField(_("stages"), default=list)
    totals = models.JSONField(_("totals"), default=list)
    ballots = models.PositiveIntegerField(_("ballot papers"))
    valid = models.PositiveIntegerField(_("valid ballot papers"))
    blank = models.PositiveIntegerField(_("blank ballot papers"), default=0)
    roll = models.PositiveIntegerField(_("voters on the roll"))
    # The order drawn by lot before the count, luckiest first, and how it was drawn.
    lot_order = models.JSONField(_("order drawn by lot"), default=list)
    lot_drawn = models.CharField(_("how the lot was drawn"), max_length=200, blank=True)
    decided_by_lot = models.BooleanField(_("a tie was decided by lot"), default=False)
    explanation = models.TextField(_("the count in words"))
    # The electing body's quorum, as the statute counts it from the ballot papers and the roll;
    # without it nobody is elected and the box is not counted.
    quorum_met = models.BooleanField(_("quorum met"), default=True)
    quorum = models.CharField(_("quorum"), max_length=300, blank=True)
    # SHA-256 of the ballot box as published (receipt and marks, sorted by receipt).
    box_hash = models.CharField(_("ballot box hash"), max_length=64)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("election result")
        verbose_name_plural = _("election results")

    def __str__(self) -> str:
        return f"Result of {self.election}"
