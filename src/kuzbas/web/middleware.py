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
        response = self.get_response(request)
        if response.status_code == 405 and not request.path.startswith("/api/"):
            return method_not_allowed(request, response)
        return response

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


def method_not_allowed(request: HttpRequest, bare: HttpResponse) -> HttpResponse:
    """Answer an address opened with a method it does not take (a form's address typed into the
    browser) with a page that helps, keeping the `Allow` header Django's bare 405 carries."""
    allowed = bare.get("Allow", "")
    action_only = "GET" not in {method.strip() for method in allowed.split(",")}
    response = render(request, "405.html", {"action_only": action_only}, status=405)
    if allowed:
        response["Allow"] = allowed
    return response
