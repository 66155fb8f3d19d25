from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def page_of(request: HttpRequest, items, per_page: int) -> Page:
    """Return the requested page, falling back to the nearest real one for bad numbers."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
