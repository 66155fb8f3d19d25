"""Record endpoints: sources, citations of any citable record, and the citation shape every
other router reuses."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from kuzbas.core.errors import NotFound
from kuzbas.core.rights import Right, require
from kuzbas.record import access, services
from kuzbas.record.citable import citable_for_user
from kuzbas.record.models import Citation, Document, Evidence, Source
from kuzbas.record.selectors import citations_of, source_list

router = Router(tags=["record"])


class CitationOut(Schema):
    id: int
    status: str
    source: str | None
    reference: str | None
    locator: str
    note: str

    @staticmethod
    def from_citation(c: Citation) -> dict:
        return {
            "id": c.pk,
            "status": c.status,
            "source": c.source.key if c.source_id else None,
            "reference": c.source.reference if c.source_id else None,
            "locator": c.locator,
            "note": c.note,
        }


def citations_out(obj) -> list[dict]:
    """Serialise the (prefetched) citations of any record."""
    return [CitationOut.from_citation(c) for c in obj.citations.all()]


class SourceOut(Schema):
    key: str
    kind: str
    reference: str
    title: str
    author: str
    archive: str
    fond: str
    opis: str
    delo: str
    sheets: str
    periodical: str
    volume: str
    issue: str
    issue_date: str
    pages: str
    sender: str
    recipient: str
    date: str
    cited_in: str | None
    cited_in_locator: str
    note: str

    @staticmethod
    def resolve_cited_in(obj: Source) -> str | None:
        return obj.cited_in.key if obj.cited_in_id else None


@router.get("/sources", response=list[SourceOut], summary="Every source in the record")
def list_sources(request: HttpRequest):
    access.require_record_reader(request.user)
    return list(source_list())


@router.get("/sources/{key}", response=SourceOut, summary="One source")
def get_source(request: HttpRequest, key: str):
    access.require_record_reader(request.user)
    source = source_list().filter(key=key).first()
    if source is None:
        raise NotFound(_("There is no source “%(key)s”.") % {"key": key})
    return source


class DocumentOut(Schema):
    id: int
    source: str
    title: str
    locator: str
    file_name: str
    media_type: str
    size: int
    sha256: str
    transcription: str
    transcription_language: str
    translation: str
    translation_language: str
    public: bool
    note: str
    file_url: str | None

    @staticmethod
    def resolve_source(obj: Document) -> str:
        return obj.source.key

    @staticmethod
    def resolve_file_url(obj: Document) -> str | None:
        return reverse("record:document_file", args=[obj.pk]) if obj.file else None


@router.get("/sources/{key}/documents", response=list[DocumentOut], summary="A source's documents")
def list_documents(request: HttpRequest, key: str):
    access.require_record_reader(request.user)
    source = source_list().filter(key=key).first()
    if source is None:
        raise NotFound(_("There is no source “%(key)s”.") % {"key": key})
    return list(access.documents_for_user(request.user, source).select_related("source"))


@router.get("/documents/{document_id}", response=DocumentOut, summary="One document")
def get_document(request: HttpRequest, document_id: int):
    return access.document_for_user(request.user, document_id)


class CitedObject(Schema):
    """A citable record: its kind ("members.person") and the identifier its pages use (a
    person's key, a motion's or register entry's number, a meeting's number, a unit's key)."""

    type: str
    id: str


class CitationIn(Schema):
    object: CitedObject
    # A source's key in the record, or a new source's fields (title and kind at least), or
    # none for a record marked illustrative.
    source: str | dict[str, Any] | None = None
    locator: str = ""
    status: str = Evidence.DOCUMENTED.value
    note: str = ""


@router.get("/citations", response=list[CitationOut], summary="The citations of a record")
def list_citations(request: HttpRequest, cited: Query[CitedObject]):
    require(request.user, Right.RECORD_VIEW)
    obj = citable_for_user(request.user, cited.type, cited.id)
    return [CitationOut.from_citation(c) for c in citations_of(obj)]


@router.post(
    "/citations",
    response={201: CitationOut},
    summary="Cite a source (one in the record, or a new one) for a record",
)
def create_citation(request: HttpRequest, payload: CitationIn):
    require(request.user, Right.RECORD_EDIT)
    obj = citable_for_user(request.user, payload.object.type, payload.object.id)
    source = payload.source
    if isinstance(source, str):
        source = access.source_named(source) if source.strip() else None
    citation = services.cite(
        actor=request.user,
        obj=obj,
        source=source,
        locator=payload.locator.strip(),
        status=payload.status,
        note=payload.note.strip(),
    )
    return Status(201, CitationOut.from_citation(citation))


@router.delete("/citations/{citation_id}", response={204: None}, summary="Withdraw a citation")
def delete_citation(request: HttpRequest, citation_id: int):
    require(request.user, Right.RECORD_EDIT)
    citation = access.citation_for_user(request.user, citation_id)
    services.withdraw_citation(actor=request.user, citation=citation)
    return Status(204, None)


# The timeline's routes live beside these, on the same router.
from kuzbas.record import timeline_api  # noqa: E402, F401
