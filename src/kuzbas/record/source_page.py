"""A source's page: its reference, its documents (with the upload form for an editor), and the
records that cite it for a reader who may see them."""

from __future__ import annotations

from collections import defaultdict

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kuzbas.core.rights import Right, has_right
from kuzbas.record import access
from kuzbas.record.citable import citable_of
from kuzbas.record.forms import DocumentForm
from kuzbas.record.models import Citation, Source


def source_page(
    request: HttpRequest,
    source: Source,
    *,
    document_form: DocumentForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    may_edit = has_right(user, Right.RECORD_EDIT)
    context = {
        "source": source,
        "documents": access.documents_for_user(user, source),
        "document_form": document_form or (DocumentForm() if may_edit else None),
        "reads_all": access.reads_all_of_the_record(user),
        "cited": _cited(source) if access.reads_all_of_the_record(user) else [],
    }
    return render(request, "record/source.html", context, status=status)


def _cited(source: Source) -> list[tuple]:
    citations = list(Citation.objects.filter(source=source).select_related("content_type"))
    # Group the cited records by kind, fetching each kind's rows in one query.
    ids_by_type = defaultdict(list)
    for c in citations:
        ids_by_type[c.content_type].append(c.object_id)
    rows: dict[tuple[int, int], models.Model] = {}
    for ctype, ids in ids_by_type.items():
        for obj in ctype.model_class()._default_manager.filter(pk__in=ids):
            rows[(ctype.pk, obj.pk)] = obj
    cited = []
    for c in citations:
        obj = rows.get((c.content_type_id, c.object_id))
        if obj is not None:
            entry = citable_of(obj)
            page = entry.page(obj) if entry is not None else ""
            cited.append((obj._meta.verbose_name, obj, page, c))
    cited.sort(key=lambda row: (str(row[0]), str(row[1])))
    return cited
