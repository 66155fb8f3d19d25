from __future__ import annotations

from collections import defaultdict

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from kuzbas.core.errors import NotFound
from kuzbas.core.rights import Right, require
from kuzbas.record.models import Citation
from kuzbas.record.selectors import source_list


def source_list_view(request: HttpRequest) -> HttpResponse:
    require(request.user, Right.RECORD_VIEW)
    return render(request, "record/sources.html", {"sources": source_list()})


def source_detail(request: HttpRequest, key: str) -> HttpResponse:
    require(request.user, Right.RECORD_VIEW)
    source = source_list().filter(key=key).first()
    if source is None:
        raise NotFound(_("There is no source “%(key)s”.") % {"key": key})
    citations = Citation.objects.filter(source=source).select_related("content_type")
    # Group the cited records by kind, fetching each kind's rows in one query.
    ids_by_type = defaultdict(list)
    for c in citations:
        ids_by_type[c.content_type].append(c.object_id)
    cited = []
    for ctype, ids in ids_by_type.items():
        model = ctype.model_class()
        for obj in model.objects.filter(pk__in=ids):
            cited.append((model._meta.verbose_name, obj))
    cited.sort(key=lambda pair: (str(pair[0]), str(pair[1])))
    return render(
        request, "record/source.html", {"source": source, "citations": citations, "cited": cited}
    )
