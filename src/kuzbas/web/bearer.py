"""API requests with a bearer token skip the middleware that serves cookies and pages.

A phone or a script that sends `Authorization: Bearer kz_…` to `/api/` is authenticated by its
token alone (`web.api.TokenAuth`): it has no session to load, no messages to show, no CSRF
cookie to check (a browser cannot be made to send that header to another site without the
site's consent), no page to frame and no HTML to protect with a content policy. Such a request
goes through `BEARER_MIDDLEWARE`, a subset of `MIDDLEWARE` in the same order (settings refuse
any other); everything else, and every cookie-authenticated request, through the whole stack.

In the short stack `request.user` starts anonymous, so a session cookie sent beside a bearer
token authenticates nothing: a wrong token is refused even when the cookie would have passed.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.handlers.wsgi import WSGIHandler


def is_bearer_api(environ) -> bool:
    """Whether a WSGI request is an API request carrying a bearer token."""
    return environ.get("PATH_INFO", "").startswith("/api/") and environ.get(
        "HTTP_AUTHORIZATION", ""
    )[:7].lower() in ("bearer ",)


class NoSession:
    """Middleware of the short stack: the user is anonymous until the token says who."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = AnonymousUser()
        return self.get_response(request)


class BearerHandler(WSGIHandler):
    """Django's WSGI handler with `BEARER_MIDDLEWARE` instead of `MIDDLEWARE`."""

    def load_middleware(self, is_async: bool = False) -> None:
        # Django builds the chain from settings.MIDDLEWARE; it is read here once, at start-up,
        # before any request, and put back at once.
        whole = settings.MIDDLEWARE
        settings.MIDDLEWARE = settings.BEARER_MIDDLEWARE
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = whole


def shortcut(application):
    """Wrap the WSGI application: bearer-token API requests take the short stack."""
    short = BearerHandler()

    def serve(environ, start_response):
        if is_bearer_api(environ):
            return short(environ, start_response)
        return application(environ, start_response)

    return serve
