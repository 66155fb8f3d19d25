"""A source's documents: the list and the upload on the source's page, a document's page with
its transcription beside its translation, and the stored file, answered so it cannot run."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kuzbas.core.errors import Invalid, NotFound
from kuzbas.core.rights import Right, require
from kuzbas.record import access, documents
from kuzbas.record.forms import DocumentForm
from kuzbas.record.source_page import source_page


@require_POST
def add_document(request: HttpRequest, key: str) -> HttpResponse:
    require(request.user, Right.RECORD_EDIT)
    source = access.source_named(key)
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        try:
            document = documents.add_document(
                actor=request.user,
                source=source,
                title=data["title"],
                data=upload.read() if upload else None,
                file_name=upload.name if upload else "",
                locator=data["locator"],
                transcription=data["transcription"],
                transcription_language=data["transcription_language"],
                translation=data["translation"],
                translation_language=data["translation_language"],
                public=data["public"],
                note=data["note"],
            )
        except Invalid as error:
            form.show(error)
        else:
            return redirect("record:document", document.pk)
    return source_page(request, source, document_form=form, status=422)


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.document_for_user(request.user, pk)
    return render(
        request,
        "record/document.html",
        {"document": document, "source": document.source, "inline": documents.inline(document)},
    )


def document_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer the stored file: an image or a PDF shown, anything else only saved, never run."""
    document = access.document_for_user(request.user, pk)
    path = documents.stored_path(document) if document.file else None
    if path is None or not path.is_file():
        raise NotFound(_("Document No. %(n)s has no stored file here.") % {"n": pk})
    shown = documents.inline(document)
    response = FileResponse(
        path.open("rb"),
        as_attachment=not shown,
        filename=document.file_name or path.name,
        content_type=document.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Even a PDF viewer or an image opened on its own runs no script and reaches nothing.
    response["Content-Security-Policy"] = "sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
