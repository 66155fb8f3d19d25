"""The bureau's one-button actions that take a day (paid, departed, arrived, done)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from kuzbas.core.errors import DomainError
from kuzbas.recruitment.group_forms import DayForm


def act_on_day(request: HttpRequest, act: Callable, success: str | Callable) -> None:
    """Run `act(on)` with the day the form gives (empty: the service's today) and say how it
    went; `success` is the message, or makes it from what `act` returned. A day that is not
    one is refused by name, and nothing is done."""
    form = DayForm(request.POST)
    if not form.is_valid():
        problems = " ".join(form.errors.get("on", []))
        messages.error(request, _("On: %(problem)s") % {"problem": problems})
        return
    try:
        done = act(form.cleaned_data["on"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success(done) if callable(success) else success)
