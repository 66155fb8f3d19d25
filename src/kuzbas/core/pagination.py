from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

# The most rows one API page returns, and the furthest it may start: a number past what the
# database's integers hold (SQLite's are 64-bit) was a server error, not a refusal.
API_MAX_LIMIT = 1000
API_MAX_OFFSET = 2**31 - 1


def page_of(request: HttpRequest, items, per_page: int) -> Page:
    """Return the requested page, falling back to the nearest real one for bad numbers."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


class ApiPagination(LimitOffsetPagination):
    """`?limit=&offset=` for the API's lists, both bounded; a number out of bounds gets 422."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=API_MAX_LIMIT, description="rows on this page")
        offset: int = Field(0, ge=0, le=API_MAX_OFFSET, description="rows skipped before it")

    def __init__(self, **kwargs) -> None:
        super().__init__(max_limit=API_MAX_LIMIT, **kwargs)
