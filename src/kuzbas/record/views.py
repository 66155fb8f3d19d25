from __future__ import annotations

from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kuzbas.core.errors import Conflict, Invalid, NotFound
from kuzbas.core.http import answer_for
from kuzbas.core.rights import Right, require
from kuzbas.core.validation import invalid_from_form
from kuzbas.record import access, services
from kuzbas.record.citable import citable_for_user, require_citable
from kuzbas.record.forms import CiteForm
from kuzbas.record.panel import panel_context
from kuzbas.record.selectors import source_list
from kuzbas.record.source_page import source_page


def source_list_view(request: HttpRequest) -> HttpResponse:
    access.require_record_reader(request.user)
    return render(request, "record/sources.html", {"sources": source_list()})


def source_detail(request: HttpRequest, key: str) -> HttpResponse:
    access.require_record_reader(request.user)
    source = source_list().filter(key=key).first()
    if source is None:
        raise NotFound(_("There is no source “%(key)s”.") % {"key": key})
    return source_page(request, source)


@require_POST
def cite(request: HttpRequest) -> HttpResponse:
    """Cite a source for the record the form names (kind and identifier), from its page.

    With htmx the panel is swapped for a fresh one (the form's errors in place, or the new
    citation); without it a success goes back to the record's page and a refusal shows the
    form alone with its errors. Nothing is stored on a refusal.
    """
    require(request.user, Right.RECORD_EDIT)
    form = CiteForm(request.POST)
    if not form.is_valid() and ("object_type" in form.errors or "object_id" in form.errors):
        raise invalid_from_form(form)
    obj = citable_for_user(
        request.user, form.data.get("object_type", ""), form.data.get("object_id", "")
    )
    status = 422
    if form.is_valid():
        try:
            services.cite(
                actor=request.user,
                obj=obj,
                source=form.source_given(),
                locator=form.cleaned_data["locator"].strip(),
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"].strip(),
            )
        except (Conflict, Invalid, NotFound) as error:
            form.show(error)
            status = answer_for(error).status
        else:
            return _done(request, obj, _("The citation was added."))
    return _panel(request, obj, form=form, status=status)


@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw a citation from its record's page."""
    require(request.user, Right.RECORD_EDIT)
    citation = access.citation_for_user(request.user, pk)
    obj = citation.target
    services.withdraw_citation(actor=request.user, citation=citation)
    return _done(request, obj, _("The citation was withdrawn."))


def _done(request: HttpRequest, obj: models.Model, done: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        # Fetched again: the row fetched before the write may hold its citations prefetched.
        entry = require_citable(obj)
        obj = entry.fetch(request.user, entry.identify(obj))
        return render(request, "record/_sources.html", panel_context(request, obj, done=done))
    messages.success(request, done)
    page = panel_context(request, obj)["page"]
    return redirect(page if "#" in page else page + "#sources")


def _panel(request: HttpRequest, obj: models.Model, *, form: CiteForm, status: int) -> HttpResponse:
    context = panel_context(request, obj, form=form)
    if request.headers.get("HX-Request"):
        # htmx swaps only 2xx answers: a refusal comes as 200 so that its message is shown.
        return render(request, "record/_sources.html", context)
    return render(request, "record/cite.html", context, status=status)
