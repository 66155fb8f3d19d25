"""Bodies, the statute versions that govern them, seats and their holders, motions, ballots,
counted votes, the decision register and appeals.

The statute itself is executed by the pure engine (`kuzbas.statute`); these rows are what the
engine is asked about (who holds which seat on a date) and what its answers produced (decisions).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kuzbas.core.dates import Precision, format_partial
from kuzbas.core.intervals import Interval, ends_after_it_starts


class BodyKind(models.TextChoices):
    GENERAL_MEETING = "general_meeting", _("general meeting")
    COMMITTEE = "committee", _("committee")
    BOARD = "board", _("board")
    BUREAU = "bureau", _("bureau")
    OFFICE = "office", _("office")
    JOINT = "joint", _("joint sitting")
    OUTSIDE_AUTHORITY = "outside_authority", _("outside authority")
    EXTERNAL = "external", _("external organisation")


class Body(models.Model):
    """A body that decides, advises or oversees: a meeting, a board, a state council."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_original = models.CharField(_("name in the original script"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    seats = models.PositiveSmallIntegerField(_("seats"), null=True, blank=True)
    site = models.ForeignKey(
        "members.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
    )
    established = models.DateField(_("established"), null=True, blank=True)
    established_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    dissolved = models.DateField(_("dissolved"), null=True, blank=True)
    dissolved_precision = models.CharField(
        max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    description = models.TextField(_("description"), blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")

    def __str__(self) -> str:
        return self.name

    @property
    def period(self) -> str:
        start = format_partial(self.established, self.established_precision)
        end = format_partial(self.dissolved, self.dissolved_precision)
        if not start and not end:
            return ""
        return f"{start or '…'} – {end or '…'}"


class StatuteVersion(models.Model):
    """One version of the statute as it was loaded: its TOML text and the hash of that text."""

    statute_id = models.SlugField(_("statute"), max_length=60)
    version = models.CharField(_("version"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    effective = models.DateField(_("in force from"))
    amends = models.CharField(_("amends version"), max_length=40, blank=True)
    text = models.TextField(_("text (TOML)"))
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), default=timezone.now)

    class Meta:
        ordering = ["statute_id", "effective"]
        verbose_name = _("statute version")
        verbose_name_plural = _("statute versions")
        constraints = [
            models.UniqueConstraint(
                fields=["statute_id", "version"],
                name="statute_version_once",
                violation_error_message=_("This version of the statute is already loaded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.statute_id} {self.version}"

    @property
    def file_name(self) -> str:
        """Return the name problems and explanations give the text."""
        return f"{self.statute_id}-{self.version}.toml"


class SeatFill(models.TextChoices):
    ELECTION = "election", _("election")
    APPOINTMENT = "appointment", _("appointment")
    EX_OFFICIO = "ex_officio", _("ex officio")


class Seat(models.Model):
    """A place on a body as the statute defines it ("managing-board.colony")."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="statute_seats"
    )
    key = models.SlugField(_("seat"), max_length=60)
    name = models.CharField(_("name"), max_length=200, blank=True)
    filled_by = models.CharField(_("filled by"), max_length=20, choices=SeatFill.choices)
    appointed_by = models.ForeignKey(
        Body,
        verbose_name=_("appointed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appointed_seats",
    )
    office = models.CharField(_("office"), max_length=120, blank=True)

    class Meta:
        ordering = ["body__name", "key"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        constraints = [
            models.UniqueConstraint(fields=["body", "key"], name="seat_once_per_body"),
        ]

    def __str__(self) -> str:
        return f"{self.name or self.key} ({self.body})"

    @property
    def path(self) -> str:
        """Return the seat's name in the statute: body key, a dot, seat key."""
        return f"{self.body.key}.{self.key}"


class SeatHolding(Interval):
    """A person sitting in a seat for a span of days (both ends inclusive)."""

    seat = models.ForeignKey(
        Seat, verbose_name=_("seat"), on_delete=models.PROTECT, related_name="holdings"
    )
    person = models.ForeignKey(
        "members.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="seat_holdings",
    )
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["seat", "valid_from"]
        verbose_name = _("seat holding")
        verbose_name_plural = _("seat holdings")
        indexes = [models.Index(fields=["person", "valid_from", "valid_to"])]
        constraints = [
            ends_after_it_starts(
                "seat_holding_ends_after_it_starts", _("A seat cannot be left before it is taken.")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.seat} ({self.period})"


class Proxy(Interval):
    """A voter's vote in a body given to another voter of it, for a span of days (inclusive).

    Whether it counts is the statute's question, asked again on every day it is used: a proxy
    the statute does not allow on that day is left out of the electorate, with the reason.
    """

    giver = models.ForeignKey(
        "members.Person",
        verbose_name=_("given by"),
        on_delete=models.PROTECT,
        related_name="proxies_given",
    )
    holder = models.ForeignKey(
        "members.Person",
        verbose_name=_("held by"),
        on_delete=models.PROTECT,
        related_name="proxies_held",
    )
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="proxies"
    )

    class Meta:
        ordering = ["body", "valid_from", "giver"]
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        indexes = [models.Index(fields=["body", "valid_from", "valid_to"])]
        constraints = [
            ends_after_it_starts(
                "proxy_ends_after_it_starts", _("A proxy cannot end before it starts.")
            ),
            models.CheckConstraint(
                condition=~Q(giver=F("holder")),
                name="proxy_to_someone_else",
                violation_error_message=_("A proxy is given to someone else."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.giver} → {self.holder} ({self.body}, {self.period})"


class MotionStatus(models.TextChoices):
    FILED = "filed", _("filed")
    VOTING = "voting", _("voting")
    CARRIED = "carried", _("carried")
    FAILED = "failed", _("failed")
    NO_QUORUM = "no_quorum", _("no quorum")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Motion(models.Model):
    """A proposal put to a body on a matter; its lifecycle is in `governance/transitions.py`."""

    number = models.PositiveIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    matter = models.SlugField(_("matter"), max_length=60)
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="motions"
    )
    filed_by = models.ForeignKey(
        "members.Person",
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="motions_filed",
    )
    filed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="motions_filed",
    )
    filed_by_label = models.CharField(_("filed by (label)"), max_length=150, blank=True)
    filed_on = models.DateField(_("filed on"))
    status = models.CharField(
        _("status"), max_length=20, choices=MotionStatus.choices, default=MotionStatus.FILED
    )
    statute_version = models.ForeignKey(
        StatuteVersion,
        verbose_name=_("statute version"),
        on_delete=models.PROTECT,
        related_name="motions",
    )
    appeal_of = models.ForeignKey(
        "Decision",
        verbose_name=_("appeal against"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appellate_motions",
    )
    vote_opened_on = models.DateField(_("vote opened on"), null=True, blank=True)
    # The statute's ballot kind for this vote, fixed when it opens (like the roll of voters), so
    # that a ballot is taken without reading the statute again.
    ballot_kind = models.CharField(_("ballot"), max_length=10, blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        indexes = [models.Index(fields=["status", "filed_on"])]

    def __str__(self) -> str:
        return f"No. {self.number}: {self.title}"

    def can_open_vote(self) -> tuple[bool, str]:
        from kuzbas.governance.transitions import can_open_vote

        return can_open_vote(self)

    def can_cast_ballot(self) -> tuple[bool, str]:
        from kuzbas.governance.transitions import can_cast_ballot

        return can_cast_ballot(self)

    def can_close_vote(self) -> tuple[bool, str]:
        from kuzbas.governance.transitions import can_close_vote

        return can_close_vote(self)

    def can_record_count(self) -> tuple[bool, str]:
        from kuzbas.governance.transitions import can_record_count

        return can_record_count(self)

    def can_withdraw(self) -> tuple[bool, str]:
        from kuzbas.governance.transitions import can_withdraw

        return can_withdraw(self)


class Choice(models.TextChoices):
    YES = "yes", _("yes")
    NO = "no", _("no")
    ABSTAIN = "abstain", _("abstain")


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


class Outcome(models.TextChoices):
    CARRIED = "carried", _("carried")
    FAILED = "failed", _("failed")
    NO_QUORUM = "no_quorum", _("no quorum")


class Decision(models.Model):
    """One entry of the decision register: append-only, each entry hashing the one before.

    The database refuses UPDATE and DELETE on this table (see the migration that installs the
    triggers); `kuzbas.governance.register.verify_register` walks the chain.
    """

    sequence = models.PositiveIntegerField(_("entry"), unique=True)
    motion = models.OneToOneField(
        Motion, verbose_name=_("motion"), on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    counts = models.JSONField(_("counts"), default=dict)
    arithmetic = models.TextField(_("arithmetic"))
    statute_hash = models.CharField(_("statute version hash"), max_length=64)
    rule = models.CharField(_("authorising rule"), max_length=120)
    decided_on = models.DateField(_("decided on"))
    recorded_at = models.DateTimeField(_("recorded at"))
    payload = models.JSONField(_("payload"), default=dict)
    prev_hash = models.CharField(_("previous entry's hash"), max_length=64)
    entry_hash = models.CharField(_("entry hash"), max_length=64, unique=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(condition=Q(sequence__gte=1), name="decision_sequence_from_one"),
        ]

    def __str__(self) -> str:
        return f"Decision {self.sequence}: {self.motion.title} ({self.get_outcome_display()})"


class RegisterHead(models.Model):
    """The register's head: one row, locked by every append so entries are chained in turn."""

    sequence = models.PositiveIntegerField(_("last entry"), default=0)
    entry_hash = models.CharField(_("last entry's hash"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("register head")
        verbose_name_plural = _("register head")

    def __str__(self) -> str:
        return f"head at entry {self.sequence}"


class Counter(models.Model):
    """A named counter (motion numbers) whose row is locked while the next number is taken."""

    name = models.SlugField(_("name"), max_length=40, primary_key=True)
    value = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"


class Appeal(models.Model):
    """An appeal against a decision, heard as an appellate motion in the body appealed to."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.PROTECT, related_name="appeals"
    )
    filed_by = models.ForeignKey(
        "members.Person",
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals_filed",
    )
    filed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appeals_filed",
    )
    filed_on = models.DateField(_("filed on"))
    to_body = models.ForeignKey(
        Body, verbose_name=_("appealed to"), on_delete=models.PROTECT, related_name="appeals_heard"
    )
    motion = models.OneToOneField(
        Motion, verbose_name=_("appellate motion"), on_delete=models.PROTECT, related_name="appeal"
    )
    rule = models.CharField(_("appeal rule"), max_length=120)
    deadline = models.DateField(_("last day to appeal"))
    suspends = models.BooleanField(_("suspends the decision"), default=False)

    class Meta:
        ordering = ["-filed_on", "-id"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self) -> str:
        return f"Appeal against decision {self.decision.sequence} to {self.to_body}"

    @property
    def outcome(self) -> Decision | None:
        """Return the appellate decision, once the body appealed to has decided."""
        return getattr(self.motion, "decision", None)
