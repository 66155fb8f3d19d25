"""What the contracts' forms share: run a service for a valid form, show a refusal on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest

from kuzbas.core.errors import DomainError
from kuzbas.core.validation import show_on_form


def written(request: HttpRequest, form, write: Callable[[dict], Any], done: str) -> bool:
    """Run a write for a valid form; put a refusal on the form, else say `done`."""
    if not form.is_valid():
        return False
    try:
        write(dict(form.cleaned_data))
    except DomainError as error:
        show_on_form(form, error)
        return False
    messages.success(request, done)
    return True


def status_of(*forms) -> int:
    """422 where a bound form holds errors, else 200."""
    return 422 if any(f is not None and f.is_bound and f.errors for f in forms) else 200


def citations(form) -> list[dict]:
    return form.citations() if hasattr(form, "citations") else []
