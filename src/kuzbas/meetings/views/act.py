"""Run the action a meeting page's form asks for, and report its outcome on the meeting page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from kuzbas.core.errors import DomainError


def act(request: HttpRequest, pk: int, action, success: str = "") -> HttpResponse:
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if success:
            messages.success(request, success)
    return redirect("meetings:meeting", pk=pk)
