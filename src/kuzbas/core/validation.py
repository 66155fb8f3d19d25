"""A model's own validation, told as `Invalid` with each field named; text from outside
checked for control characters in the same words everywhere."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from kuzbas.core.errors import DomainError, Invalid, Problem
from kuzbas.core.text import char_name, first_control


def control_problem(
    text: object, *, field: str | None = None, line: int | None = None, multiline: bool = False
) -> Problem | None:
    """Return the problem with a text that holds a control character (a NUL byte, an escape,
    a right-to-left override), naming the character; None when the text is clean."""
    if not isinstance(text, str):
        return None
    char = first_control(text, multiline=multiline)
    if char is None:
        return None
    return Problem(
        _("must not contain the control character %(c)s") % {"c": char_name(char)},
        field=field,
        line=line,
    )


def refuse_controls(
    values: Iterable[tuple[str, object]], *, line: int | None = None, multiline: bool = True
) -> None:
    """Raise Invalid naming each field whose text holds a control character."""
    problems = [
        p
        for name, value in values
        if (p := control_problem(value, field=name, line=line, multiline=multiline))
    ]
    if problems:
        raise Invalid(problems=problems)


def problems_from(error: ValidationError, *, line: int | None = None) -> list[Problem]:
    """Turn Django's validation error into problems that name their field."""
    if hasattr(error, "error_dict"):
        return [
            Problem(message=" ".join(m for e in errs for m in e.messages), field=name, line=line)
            for name, errs in error.error_dict.items()
        ]
    return [Problem(message=m, line=line) for m in error.messages]


def full_clean_or_invalid(obj: models.Model, *, line: int | None = None, **kwargs: Any) -> None:
    """Validate a row before saving; raise Invalid naming each field that is wrong, a text
    field holding a control character among them."""
    problems = [
        p
        for f in obj._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField)
        and (
            p := control_problem(
                getattr(obj, f.attname),
                field=f.name,
                line=line,
                multiline=isinstance(f, models.TextField),
            )
        )
    ]
    try:
        obj.full_clean(**kwargs)
    except ValidationError as error:
        problems.extend(problems_from(error, line=line))
    if problems:
        raise Invalid(problems=problems)


def invalid_from_form(form: forms.Form) -> Invalid:
    """Return a bound form's errors as Invalid, each problem naming its field."""
    return Invalid(
        problems=[
            Problem(message=" ".join(str(m) for m in messages), field=name)
            for name, messages in form.errors.items()
        ]
    )


def show_on_form(form: forms.Form, error: DomainError) -> None:
    """Put a service's refusal on the form, each problem at the field it names (if the form
    has that field, else above the form)."""
    problems = error.problems if isinstance(error, Invalid) else [error]
    for problem in problems:
        message = getattr(problem, "message", str(problem))
        field = problem.field if problem.field in form.fields else None
        form.add_error(field, message)


def written(request, form: forms.Form, write, done: str) -> bool:
    """Run a write for a valid form (`write(cleaned_data)`): a refusal goes on the form (False),
    else the page says `done` (True). An invalid form is False, its errors on it."""
    from django.contrib import messages

    if not form.is_valid():
        return False
    try:
        write(dict(form.cleaned_data))
    except DomainError as error:
        show_on_form(form, error)
        return False
    messages.success(request, done)
    return True
