"""A button on a page runs one service: the outcome comes back as a message on the next page.

Every app's views share this, so a refusal reads the same everywhere: the error's own words, on
the page the user came from (or the one the form names in `next`, when it is on this site).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from kuzbas.core.errors import DomainError


def back_to(request: HttpRequest, default: str) -> HttpResponse:
    """Redirect to the form's `next` when it is a page of this site, else to `default`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


def act(
    request: HttpRequest,
    action: Callable[[], Any],
    *,
    back: str,
    success: str | Callable[[Any], str] = "",
) -> HttpResponse:
    """Run `action`; show its refusal (or `success`, or what `success` makes of the action's
    result) as a message, then go back."""
    try:
        done = action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        said = success(done) if callable(success) else success
        if said:
            messages.success(request, said)
    return back_to(request, back)
