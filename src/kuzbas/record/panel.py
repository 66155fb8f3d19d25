"""The "Sources" panel every citable record's page shows: its citations, and the form."""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest

from kuzbas.core.rights import Right, has_right
from kuzbas.record.citable import require_citable
from kuzbas.record.forms import CiteForm
from kuzbas.record.models import Source
from kuzbas.record.selectors import citations_of


def panel_context(
    request: HttpRequest, obj: models.Model, *, form: CiteForm | None = None, done: str = ""
) -> dict:
    """Return what the panel shows of `obj`; a user who may cite gets the form (`form` bound)."""
    entry = require_citable(obj)
    can_cite = has_right(request.user, Right.RECORD_EDIT)
    context = {
        "request": request,
        "obj": obj,
        "citations": citations_of(obj),
        "can_cite": can_cite,
        "done": done,
        "page": entry.page(obj),
    }
    if can_cite:
        context["form"] = form or CiteForm(
            initial={"object_type": entry.label, "object_id": entry.identify(obj)}
        )
        context["source_keys"] = Source.objects.order_by("key").values_list("key", "title")
    return context
