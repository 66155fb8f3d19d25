"""The bureau's one-button actions that take a day (paid, departed, arrived, done)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from kuzbas.core.acting import act
from kuzbas.recruitment.group_forms import DayForm


def act_on_day(
    request: HttpRequest, action: Callable, success: str | Callable, *, back: str
) -> HttpResponse:
    """Run `action(on)` with the day the form gives (empty: the service's today) as every
    button runs its service (`core.acting.act`). A day that is not one is refused by name,
    and nothing is done."""
    form = DayForm(request.POST)
    if not form.is_valid():
        problems = " ".join(form.errors.get("on", []))
        messages.error(request, _("On: %(problem)s") % {"problem": problems})
        return redirect(back)
    on = form.cleaned_data["on"]
    return act(request, lambda: action(on), back=back, success=success)
