"""Meetings of a body: the agenda, who checked in, the speakers' list and amendments.

Votes, ballots and decisions are governance's: an agenda item points at a governance motion,
and the meeting only says in which order things are put and who was there.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kuzbas.core import formats
from kuzbas.core.dates import Precision


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Meeting(models.Model):
    """A sitting of a body, convened for a day, with its agenda and attendance."""

    body = models.ForeignKey(
        "governance.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=300)
    convened_for = models.DateTimeField(_("convened for"))
    # The historical meetings are known to the month at times; the page says no more than that.
    convened_precision = models.CharField(
        _("known to the"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    checkin_code = models.CharField(_("check-in code"), max_length=12)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings_chaired",
    )
    chair_label = models.CharField(_("chair (label)"), max_length=150, blank=True)
    # The motion whose vote members' phones show: set when a vote opens, kept after it closes
    # so that the result stays on screen. One row read per poll.
    current_motion = models.ForeignKey(
        "governance.Motion",
        verbose_name=_("vote on screen"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Goes up by one whenever what members' phones show changes (a vote opens or closes, the
    # meeting opens or closes); phones ask for this number and fetch the page only when it moved.
    revision = models.PositiveIntegerField(_("revision"), default=0)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["-convened_for"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title

    @property
    def chair_name(self) -> str:
        """Name the chair as a reader knows them: the person, else the recorded label.

        The label is the account's login (the trail's name for it); a person reads the name.
        """
        person = self.chair.person if self.chair_id and self.chair.person_id else None
        return str(person) if person is not None else self.chair_label

    @property
    def convened_label(self) -> str:
        """Return the date no more precisely than it is known."""
        day = timezone.localtime(self.convened_for).date()
        if self.convened_precision != Precision.DAY:
            return formats.partial(day, self.convened_precision)
        return formats.moment(timezone.localtime(self.convened_for))


class ItemKind(models.TextChoices):
    MOTION = "motion", _("motion")
    ELECTION = "election", _("election")
    REPORT = "report", _("report")
    APPEAL = "appeal", _("appeal")


class ItemStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    DISCUSSION = "discussion", _("under discussion")
    VOTING = "voting", _("voting")
    DONE = "done", _("done")


class AgendaItem(models.Model):
    """One point of a meeting's agenda; a motion or appeal item carries a governance motion."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    motion = models.ForeignKey(
        "governance.Motion",
        verbose_name=_("motion"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.PENDING
    )
    # An election item's election (kuzbas.elections), which runs its own secret ballot.
    election = models.ForeignKey(
        "elections.Election",
        verbose_name=_("election"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    citations = GenericRelation("record.Citation")

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="one_item_per_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class CheckIn(models.TextChoices):
    CODE = "code", _("with the meeting's code")
    CLERK = "clerk", _("by a clerk")


class Attendance(models.Model):
    """That a person was present at a meeting, and how their presence was recorded."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        "members.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    checked_in_at = models.DateTimeField(_("checked in at"), default=timezone.now)
    method = models.CharField(_("checked in"), max_length=5, choices=CheckIn.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["meeting", "checked_in_at"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="one_attendance_per_person_per_meeting",
                violation_error_message=_("This person is already checked in."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.meeting}"


class SpeakerStatus(models.TextChoices):
    WAITING = "waiting", _("waiting")
    SPEAKING = "speaking", _("speaking")
    DONE = "done", _("done")


class Speaker(models.Model):
    """A request to speak on an agenda item; a point of order goes before every other request."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="speakers"
    )
    person = models.ForeignKey(
        "members.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    point_of_order = models.BooleanField(_("point of order"), default=False)
    spoke_at = models.DateTimeField(_("spoke at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SpeakerStatus.choices, default=SpeakerStatus.WAITING
    )

    class Meta:
        # The queue: points of order first, then in the order asked.
        ordering = ["-point_of_order", "requested_at", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.UniqueConstraint(
                fields=["item", "person"],
                condition=Q(status="waiting"),
                name="one_waiting_request_per_person_per_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.item}"


class Amendment(models.Model):
    """A governance motion that amends another motion on the same agenda item.

    Kept here rather than as a field of the motion so that governance's tables stay as they
    are; an amendment is voted before the motion it amends.
    """

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("item"), on_delete=models.CASCADE, related_name="amendments"
    )
    motion = models.OneToOneField(
        "governance.Motion",
        verbose_name=_("amendment"),
        on_delete=models.PROTECT,
        related_name="amendment",
    )
    amends = models.ForeignKey(
        "governance.Motion",
        verbose_name=_("amends"),
        on_delete=models.PROTECT,
        related_name="amendments",
    )

    class Meta:
        ordering = ["item", "motion__number"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return f"{self.motion} amends {self.amends}"


class Notice(models.Model):
    """Notice of a meeting given to the members entitled to attend it, on a day, by someone."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="notices"
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    # The colony's day the notice was given on (the demo lives in 1922; the clock does not).
    given_on = models.DateField(_("given on"), null=True, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    given_by_label = models.CharField(_("given by (label)"), max_length=150, blank=True)
    # What the notice said: the meeting, its day and place, and the agenda when it was given.
    text = models.TextField(_("text"))
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    # The e-mail: how many recipients had no address (counted when notice is given), how many
    # messages the mail server took and how many it did not (counted once they have gone out,
    # after the commit). None where nothing was counted: before e-mail existed, or not yet sent.
    no_address = models.PositiveIntegerField(_("recipients without an address"), null=True)
    emailed = models.PositiveIntegerField(_("e-mailed"), null=True)
    mail_failed = models.PositiveIntegerField(_("e-mails not sent"), null=True)
    # Why the mail server did not take them (the first error, without any address in it).
    mail_error = models.CharField(_("e-mail error"), max_length=300, blank=True)

    class Meta:
        ordering = ["meeting", "-given_at"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self) -> str:
        return f"Notice of {self.meeting}"


class NoticeDelivery(models.Model):
    """A notice to one member, and whether they have opened the meeting since."""

    notice = models.ForeignKey(
        Notice, verbose_name=_("notice"), on_delete=models.CASCADE, related_name="deliveries"
    )
    person = models.ForeignKey(
        "members.Person",
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="notices",
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        ordering = ["notice", "person"]
        verbose_name = _("notice to a member")
        verbose_name_plural = _("notices to members")
        constraints = [
            models.UniqueConstraint(fields=["notice", "person"], name="one_delivery_per_member"),
        ]
        indexes = [models.Index(fields=["person", "read_at"])]

    def __str__(self) -> str:
        return f"{self.notice} to {self.person}"
