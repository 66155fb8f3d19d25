"""Refuse control characters in every request's text before any view reads it.

One check for every form, API body and query string: a NUL byte or another control character
in a field is answered as `Invalid` naming the field (422), and in a path as not found (404),
rather than reaching the database (PostgreSQL refuses NUL with a 500) or a stored row that later
breaks an export. Tab and line breaks stay allowed, as a note or a motion's text spans lines.
Uploaded files are read by the imports, which check each cell with its line and column.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from kuzbas.core.errors import DomainError, Invalid, NotFound
from kuzbas.core.http import answer_for, api_body
from kuzbas.core.text import first_control
from kuzbas.core.validation import refuse_controls
from kuzbas.web.middleware import answer_page


def json_texts(value: object, path: str) -> Iterator[tuple[str, object]]:
    if isinstance(value, dict):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            yield name, key
            yield from json_texts(item, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from json_texts(item, f"{path}.{index}" if path else str(index))
    else:
        yield path, value


def _texts(request: HttpRequest) -> Iterator[tuple[str, object]]:
    for source in (request.GET, request.POST):
        for name, values in source.lists():
            yield name, name
            for value in values:
                yield name, value
    if request.content_type == "application/json" and request.body:
        try:
            body = json.loads(request.body)
        except ValueError:
            return  # the API says what is wrong with a body that is not JSON
        yield from json_texts(body, "")


class CleanInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, args, kwargs):
        try:
            if first_control(request.path) is not None:
                raise NotFound(_("There is no such page."))
            refuse_controls(_texts(request))
        except (Invalid, NotFound) as error:
            return _answer(request, error)
        return None


def _answer(request: HttpRequest, error: DomainError) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse(api_body(error), status=answer_for(error).status)
    return answer_page(request, error)
