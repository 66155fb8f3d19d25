"""The import page: check a file, show what it would do, import only what was previewed."""

from __future__ import annotations

import base64
import hashlib

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kuzbas.core.errors import DomainError, Invalid
from kuzbas.core.rights import Right, require
from kuzbas.production import import_tasks
from kuzbas.production.forms import ImportForm
from kuzbas.production.imports import progress as import_progress
from kuzbas.production.imports.importing import import_for_page, preview_file
from kuzbas.production.imports.rows import COLUMNS

SESSION_KEY = "production_import"
MAX_STASH = 10 * 1024 * 1024


@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    """Check a file and show what it would do; commit only what was previewed."""
    require(request.user, Right.PRODUCTION_IMPORT)
    form = ImportForm(request.POST or None, request.FILES or None)
    preview = None
    stash = request.session.get(SESSION_KEY)
    if request.method == "POST" and request.POST.get("action") == "commit":
        if not stash or stash.get("digest") != request.POST.get("digest"):
            messages.error(request, _("Check the file again before importing it."))
            return redirect("production:import")
        data = base64.b64decode(stash["data"])
        if stash.get("rows", 0) > import_tasks.INLINE_ROWS:
            job = import_tasks.queue_import(
                actor=request.user,
                kind=stash["kind"],
                data=data,
                filename=stash["filename"],
                rows=stash["rows"],
            )
            del request.session[SESSION_KEY]
            return redirect("background:job", job.pk)
        try:
            result = import_for_page(
                actor=request.user,
                kind=stash["kind"],
                data=data,
                filename=stash["filename"],
                token=request.POST.get("progress"),
            )
        except Invalid as error:
            return render(
                request,
                "production/import.html",
                {"form": ImportForm(), "problems": error.problems, "columns": COLUMNS},
            )
        del request.session[SESSION_KEY]
        messages.success(
            request,
            _("Imported: %(c)s new, %(u)s changed, %(s)s already on record.")
            % {"c": result.created, "u": result.changed, "s": result.unchanged},
        )
        return redirect("production:dashboard")
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            job = import_progress.start(request.user, request.POST.get("progress"), upload.name)
            preview = preview_file(form.cleaned_data["kind"], data, upload.name, progress=job)
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            if preview.ok and len(data) <= MAX_STASH:
                digest = hashlib.sha256(data).hexdigest()
                request.session[SESSION_KEY] = {
                    "kind": form.cleaned_data["kind"],
                    "filename": upload.name,
                    "digest": digest,
                    "data": base64.b64encode(data).decode("ascii"),
                    "rows": preview.created + preview.changed + preview.unchanged,
                }
                preview.digest = digest
    return render(
        request,
        "production/import.html",
        {
            "form": form,
            "preview": preview,
            "problems": preview.problems if preview else [],
            "columns": COLUMNS,
        },
    )


@require_GET
def import_progress_view(request: HttpRequest, token: str) -> HttpResponse:
    """The progress of the user's check or import named by the page's token (polled)."""
    require(request.user, Right.PRODUCTION_IMPORT)
    job = import_progress.job_for_user(request.user, token)
    return render(request, "production/import_progress.html", {"job": job})
