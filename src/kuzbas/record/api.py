"""Record endpoints: sources, and the citation shape every other router reuses."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema

from kuzbas.core.errors import NotFound
from kuzbas.core.rights import Right, require
from kuzbas.record.models import Citation, Source
from kuzbas.record.selectors import source_list

router = Router(tags=["record"])


class CitationOut(Schema):
    status: str
    source: str | None
    reference: str | None
    locator: str
    note: str

    @staticmethod
    def from_citation(c: Citation) -> dict:
        return {
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
    require(request.user, Right.RECORD_VIEW)
    return list(source_list())


@router.get("/sources/{key}", response=SourceOut, summary="One source")
def get_source(request: HttpRequest, key: str):
    require(request.user, Right.RECORD_VIEW)
    source = source_list().filter(key=key).first()
    if source is None:
        raise NotFound(_("There is no source “%(key)s”.") % {"key": key})
    return source
