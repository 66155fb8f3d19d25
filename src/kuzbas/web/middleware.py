"""Turn domain errors raised anywhere in a view into the page that helps."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kuzbas.core.errors import DomainError, NotPermitted
from kuzbas.core.http import answer_for


class DomainErrorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if request.path.startswith("/api/"):
            return None  # the API's own handler answers in JSON
        if not isinstance(exception, DomainError):
            return None
        return answer_page(request, exception)


def answer_page(request: HttpRequest, error: DomainError) -> HttpResponse:
    """Answer a domain error with its page (a visitor refused is sent to log in)."""
    if isinstance(error, NotPermitted) and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    answer = answer_for(error)
    return render(
        request, answer.page, {"message": error.message, "error": error}, status=answer.status
    )
