"""Sources, the citations that tie any record of any app to them, and their documents."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kuzbas.core.dates import Precision, format_partial


class SourceKind(models.TextChoices):
    ARCHIVE = "archive", _("archival document")
    PERIODICAL = "periodical", _("periodical")
    BOOK = "book", _("book")
    ARTICLE = "article", _("article")
    LETTER = "letter", _("letter or telegram")
    REPORT = "report", _("report")
    MEMOIR = "memoir", _("memoir")
    OTHER = "other", _("other")


class Source(models.Model):
    """Where a fact comes from: an archive file, a periodical issue, a book, a letter."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=SourceKind.choices)
    title = models.CharField(_("title"), max_length=400)
    author = models.CharField(_("author"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    # Archival reference: archive, fond/opis/delo, sheets.
    archive = models.CharField(_("archive"), max_length=120, blank=True)
    fond = models.CharField(_("fond"), max_length=20, blank=True)
    opis = models.CharField(_("opis"), max_length=20, blank=True)
    delo = models.CharField(_("delo"), max_length=20, blank=True)
    sheets = models.CharField(_("sheets"), max_length=60, blank=True)
    # Periodical: title, volume, issue, date, pages.
    periodical = models.CharField(_("periodical"), max_length=200, blank=True)
    volume = models.CharField(_("volume"), max_length=20, blank=True)
    issue = models.CharField(_("issue"), max_length=40, blank=True)
    issue_date = models.CharField(_("issue date"), max_length=10, blank=True)
    pages = models.CharField(_("pages"), max_length=60, blank=True)
    # Book.
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=120, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    # Letter or telegram.
    sender = models.CharField(_("sender"), max_length=200, blank=True)
    recipient = models.CharField(_("recipient"), max_length=200, blank=True)
    date = models.CharField(_("date"), max_length=10, blank=True)
    url = models.URLField(_("address"), blank=True)
    # Where the source was found: the secondary work and the footnote that cites it.
    cited_in = models.ForeignKey(
        "self",
        verbose_name=_("cited in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="citing",
    )
    cited_in_locator = models.CharField(_("cited at"), max_length=60, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """Return the source as a citation line, in the usual order of its kind."""
        parts: list[str] = []
        if self.author:
            parts.append(self.author)
        parts.append(f"“{self.title}”" if self.kind in {"article", "letter"} else self.title)
        if self.periodical:
            per = self.periodical
            if self.volume:
                per += ", " + gettext("Vol. %(v)s") % {"v": self.volume}
            if self.issue:
                per += ", " + gettext("No. %(n)s") % {"n": self.issue}
            if self.issue_date:
                per += f" ({self.issue_date})"
            parts.append(per)
        if self.sender or self.recipient:
            parts.append(f"{self.sender} → {self.recipient}".strip())
        if self.date:
            parts.append(self.date)
        if self.place or self.publisher or self.year:
            parts.append(", ".join(str(p) for p in (self.place, self.publisher, self.year) if p))
        if self.archive:
            shelf = "/".join(p for p in (self.fond, self.opis, self.delo, self.sheets) if p)
            parts.append(f"{self.archive} {shelf}".strip())
        if self.pages:
            single = self.pages.isdigit()
            label = gettext("p. %(p)s") if single else gettext("pp. %(p)s")
            parts.append(label % {"p": self.pages})
        return ". ".join(parts)


class Evidence(models.TextChoices):
    DOCUMENTED = "documented", _("documented")
    ILLUSTRATIVE = "illustrative", _("illustrative")


class Citation(models.Model):
    """A record's claim to a source, or its label as illustrative (generated) data."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="citations",
    )
    locator = models.CharField(_("locator"), max_length=120, blank=True)
    status = models.CharField(
        _("evidence"), max_length=20, choices=Evidence.choices, default=Evidence.DOCUMENTED
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="illustrative") | Q(source__isnull=False),
                name="citation_documented_has_source",
                violation_error_message=_("A documented citation needs a source."),
            ),
        ]

    def __str__(self) -> str:
        if self.source_id is None:
            return str(_("illustrative")) + (f": {self.note}" if self.note else "")
        return str(self.source) + (f", {self.locator}" if self.locator else "")

    @property
    def is_illustrative(self) -> bool:
        return self.status == Evidence.ILLUSTRATIVE


class EventKind(models.TextChoices):
    FOUNDING = "founding", _("founding")
    AGREEMENT = "agreement", _("agreement or contract")
    MEETING = "meeting", _("meeting or conference")
    DECISION = "decision", _("decision")
    ARRIVAL = "arrival", _("arrival")
    TRANSFER = "transfer", _("transfer")
    OPENING = "opening", _("opening of a works")
    PUBLICATION = "publication", _("publication")
    FIGURE = "figure", _("figure")
    LIQUIDATION = "liquidation", _("liquidation")
    OTHER = "other", _("other")


class Event(models.Model):
    """A dated happening entered by hand, with its sources (records derive the rest).

    A date is partial (`core.dates`): a day, a month or a year; a range has an end. An event
    that gives another source's version of the same happening (another date, another account)
    points to it through `version_of`: each version keeps its own sources, side by side.
    """

    key = models.SlugField(_("key"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    description = models.TextField(_("description"), blank=True)
    date = models.DateField(_("date"))
    precision = models.CharField(
        _("precision"), max_length=10, choices=Precision.choices, default=Precision.DAY
    )
    end = models.DateField(_("until"), null=True, blank=True)
    end_precision = models.CharField(
        _("precision of the end"), max_length=10, choices=Precision.choices, blank=True
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    version_of = models.ForeignKey(
        "self",
        verbose_name=_("another version of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="versions",
    )
    citations = GenericRelation(Citation)

    class Meta:
        ordering = ["date", "key"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("date")),
                name="event_ends_after_it_starts",
                violation_error_message=_("An event cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True, end_precision="")
                | Q(end__isnull=False) & ~Q(end_precision=""),
                name="event_end_has_precision",
                violation_error_message=_("An end date needs its precision."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.when}: {self.title}"

    @property
    def when(self) -> str:
        start = format_partial(self.date, self.precision)
        return f"{start} – {format_partial(self.end, self.end_precision)}" if self.end else start


class EventRole(models.TextChoices):
    INVOLVED = "involved", _("involved")
    CONCERNS = "concerns", _("concerns")


class EventLink(models.Model):
    """An event's tie to a row of another app: a person or body involved, a record it concerns.

    Generic, like a citation: the record sits below members and governance and imports neither;
    which kinds may be linked is the citable allow-list (`record.citable`), filled by each app.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="links")
    role = models.CharField(_("role"), max_length=20, choices=EventRole.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")

    class Meta:
        ordering = ["id"]
        verbose_name = _("event link")
        verbose_name_plural = _("event links")
        indexes = [models.Index(fields=["content_type", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "role", "content_type", "object_id"], name="event_link_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event.key} {self.role} {self.content_type_id}:{self.object_id}"


class Periodization(models.Model):
    """An author's division of the enterprise's life into periods, from one work."""

    key = models.SlugField(_("key"), max_length=80, unique=True)
    author = models.CharField(_("author"), max_length=200)
    work = models.CharField(_("work"), max_length=400)
    note = models.TextField(_("note"), blank=True)
    citations = GenericRelation(Citation)

    class Meta:
        ordering = ["key"]
        verbose_name = _("periodization")
        verbose_name_plural = _("periodizations")

    def __str__(self) -> str:
        return f"{self.author}, {self.work}"


class Period(models.Model):
    """One named period of a periodization, with bounds as precise as the author gives them.

    `track` is empty for the main line; a period the author sets beside it (a sub-period of
    one part of the enterprise) names its own track.
    """

    periodization = models.ForeignKey(
        Periodization, on_delete=models.CASCADE, related_name="periods"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    number = models.CharField(_("number as printed"), max_length=8, blank=True)
    track = models.CharField(_("track"), max_length=120, blank=True)
    name = models.CharField(_("name"), max_length=300)
    start = models.DateField(_("from"))
    start_precision = models.CharField(
        _("precision of the start"), max_length=10, choices=Precision.choices
    )
    end = models.DateField(_("until"))
    end_precision = models.CharField(
        _("precision of the end"), max_length=10, choices=Precision.choices
    )
    bounds_as_printed = models.CharField(_("bounds as printed"), max_length=120, blank=True)
    characterisation = models.TextField(_("characterisation"), blank=True)
    wording = models.TextField(_("the author's wording"), blank=True)
    citations = GenericRelation(Citation)

    class Meta:
        ordering = ["periodization", "order"]
        verbose_name = _("period")
        verbose_name_plural = _("periods")
        constraints = [
            models.UniqueConstraint(fields=["periodization", "order"], name="period_order_once"),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="period_ends_after_it_starts",
                violation_error_message=_("A period cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return f"{self.number} {self.name}" if self.number else self.name

    @property
    def when(self) -> str:
        start = format_partial(self.start, self.start_precision)
        return f"{start} – {format_partial(self.end, self.end_precision)}"


class Document(models.Model):
    """A source's document itself: a stored file (a scan, a PDF), its transcription and its
    translation. The file is kept by its SHA-256 checksum under the var directory's media."""

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    # Where in the source's archival reference the document sits: the sheets, the pages.
    locator = models.CharField(_("locator"), max_length=120, blank=True)
    # The stored file, relative to MEDIA_ROOT; empty for a transcription alone.
    file = models.CharField(_("file"), max_length=200, blank=True)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    media_type = models.CharField(_("type"), max_length=60, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    transcription = models.TextField(_("transcription"), blank=True)
    transcription_language = models.CharField(
        _("language of the transcription"), max_length=10, blank=True
    )
    translation = models.TextField(_("translation"), blank=True)
    translation_language = models.CharField(
        _("language of the translation"), max_length=10, blank=True
    )
    public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown to readers without an account.")
    )
    added_at = models.DateTimeField(_("added at"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["source", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(transcription=""),
                name="document_has_a_file_or_a_transcription",
                violation_error_message=_("A document needs a file or a transcription."),
            ),
        ]

    def __str__(self) -> str:
        return self.title
