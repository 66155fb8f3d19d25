"""Links that leave the site in an e-mail (an invitation, a meeting's notice) point back here."""

from __future__ import annotations

from django.http import HttpRequest


def site_url(request: HttpRequest) -> str:
    """Return the scheme and host the request reached Kuzbas on (Django checks the host against
    ALLOWED_HOSTS), ending in a slash."""
    return request.build_absolute_uri("/")
