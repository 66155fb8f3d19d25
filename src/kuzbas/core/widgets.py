"""Form widgets every area shares."""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker, in any language.

    A date input takes its value as YYYY-MM-DD whatever the page's language; Django would
    otherwise write the value in the active language's format ("01.10.1922" in Russian),
    which the browser rejects, leaving the field empty.
    """

    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
