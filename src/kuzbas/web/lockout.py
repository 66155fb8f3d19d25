"""What a locked-out login is answered with (django-axes): the page for a browser, JSON for the
API's token endpoint, both with 429."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

STATUS = 429


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    if request.path.startswith("/api/"):
        message = _(
            "Logging in failed too many times for this user name from your address. Wait 15 "
            "minutes and try again, or ask an administrator to reset the lock."
        )
        return JsonResponse({"code": "locked_out", "message": message}, status=STATUS)
    return render(request, "registration/locked_out.html", status=STATUS)
