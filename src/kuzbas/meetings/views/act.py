"""Run the action a meeting page's form asks for, and report its outcome on the meeting page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from kuzbas.core import acting


def act(request: HttpRequest, pk: int, action, success: str = "") -> HttpResponse:
    back = reverse("meetings:meeting", args=[pk])
    return acting.act(request, action, back=back, success=success)
