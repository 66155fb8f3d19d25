"""Sources and citations named by user input, fetched only for those who may see them."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kuzbas.core.errors import NotFound
from kuzbas.core.rights import Right, has_right, require
from kuzbas.record.citable import citable_of
from kuzbas.record.models import Citation, Document, Event, Periodization, Source


def require_record_reader(user) -> None:
    """Let `user` read the record: with `record.view`, or anyone when the record is public
    (`KUZBAS_PUBLIC_RECORD`); NotPermitted sends a visitor to log in otherwise."""
    if not settings.KUZBAS_PUBLIC_RECORD:
        require(user, Right.RECORD_VIEW)


def reads_the_record(user) -> bool:
    """Whether `user` may read the record's history and sources (see `require_record_reader`)."""
    return bool(settings.KUZBAS_PUBLIC_RECORD) or has_right(user, Right.RECORD_VIEW)


def reads_all_of_the_record(user) -> bool:
    """Whether `user` sees the whole record: unpublished documents, the records citing a source.

    A reader without an account sees only what is published; the records that cite a source
    belong to the other apps, behind the login.
    """
    return has_right(user, Right.RECORD_VIEW)


def documents_for_user(user, source: Source) -> QuerySet[Document]:
    require_record_reader(user)
    documents = source.documents.order_by("id")
    return documents if reads_all_of_the_record(user) else documents.filter(public=True)


def document_for_user(user, document_id: int) -> Document:
    """Return document No. `document_id` if the user may read it; NotFound otherwise."""
    require_record_reader(user)
    documents = Document.objects.select_related("source")
    if not reads_all_of_the_record(user):
        documents = documents.filter(public=True)
    document = documents.filter(pk=document_id).first()
    if document is None:
        raise NotFound(_("There is no document No. %(n)s.") % {"n": document_id})
    return document


def source_named(key: str, *, field: str = "source") -> Source:
    """Return the source a form or request names by key, to cite; NotFound naming the field."""
    source = Source.objects.filter(key=key.strip()).first() if key else None
    if source is None:
        raise NotFound(_("There is no source “%(key)s” in the record.") % {"key": key}, field=field)
    return source


def citation_for_user(user, citation_id: int) -> Citation:
    """Return citation No. `citation_id` of a citable record the user may see; NotFound for
    one of a record that cannot be cited from here (its own app keeps it)."""
    require(user, Right.RECORD_VIEW)
    citation = (
        Citation.objects.select_related("content_type", "source").filter(pk=citation_id).first()
    )
    model = citation.content_type.model_class() if citation is not None else None
    entry = citable_of(model) if model is not None else None
    if citation is None or entry is None:
        raise NotFound(_("There is no citation No. %(n)s.") % {"n": citation_id})
    target = citation.target
    if target is None:
        raise NotFound(_("There is no citation No. %(n)s.") % {"n": citation_id})
    # The record's own app decides whether the user may see it.
    entry.fetch(user, entry.identify(target))
    return citation


def event_for_user(user, key: str) -> Event:
    """Return the event with this key (and the one it is a version of); NotFound if none."""
    require_record_reader(user)
    event = Event.objects.select_related("version_of").filter(key=str(key).strip()).first()
    if event is None:
        raise NotFound(_("There is no event “%(key)s”.") % {"key": key})
    return event


def periodization_for_user(user, key: str) -> Periodization:
    """Return the periodization with this key; NotFound if none."""
    require(user, Right.RECORD_VIEW)
    found = Periodization.objects.filter(key=str(key).strip()).first()
    if found is None:
        raise NotFound(_("There is no periodization “%(key)s”.") % {"key": key})
    return found
