"""Run the action a meeting page's form asks for, and report its outcome on the meeting page;
ask first where the act cannot be undone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from kuzbas.core import acting

CONFIRM = "confirm"  # the field a confirmation page's button sends


def act(
    request: HttpRequest, pk: int, action, success: str | Callable[[Any], str] = ""
) -> HttpResponse:
    """Run `action`; `success` is the message, or makes it from what the action returned."""
    back = reverse("meetings:meeting", args=[pk])
    if not callable(success):
        return acting.act(request, action, back=back, success=success)
    outcome: list[str] = []
    response = acting.act(request, lambda: outcome.append(success(action())), back=back)
    if outcome:
        messages.success(request, outcome[0])
    return response


def confirmed(request: HttpRequest) -> bool:
    return request.POST.get(CONFIRM) == "yes"


def ask(
    request: HttpRequest, *, question: str, verb: str, consequence: str, back: str
) -> HttpResponse:
    """Ask before an act that cannot be undone: a page that posts the same form again with the
    confirmation, so that it works without a script; Cancel goes back without acting."""
    fields = [
        (key, value)
        for key, values in request.POST.lists()
        if key not in ("csrfmiddlewaretoken", CONFIRM)
        for value in values
    ]
    context = {
        "question": question,
        "verb": verb,
        "consequence": consequence,
        "action": request.path,
        "fields": fields,
        "back": back,
    }
    return render(request, "meetings/confirm.html", context)
