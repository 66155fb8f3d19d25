"""A model's own validation, told as `Invalid` with each field named."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from kuzbas.core.errors import DomainError, Invalid, Problem


def problems_from(error: ValidationError, *, line: int | None = None) -> list[Problem]:
    """Turn Django's validation error into problems that name their field."""
    if hasattr(error, "error_dict"):
        return [
            Problem(message=" ".join(m for e in errs for m in e.messages), field=name, line=line)
            for name, errs in error.error_dict.items()
        ]
    return [Problem(message=m, line=line) for m in error.messages]


def full_clean_or_invalid(obj: models.Model, *, line: int | None = None, **kwargs: Any) -> None:
    """Validate a row before saving; raise Invalid naming each field that is wrong."""
    try:
        obj.full_clean(**kwargs)
    except ValidationError as error:
        raise Invalid(problems=problems_from(error, line=line)) from None


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
