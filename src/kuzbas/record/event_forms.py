"""The form that enters an event by hand."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kuzbas.core.errors import DomainError, Invalid
from kuzbas.record.access import source_named
from kuzbas.record.models import EventKind


def _keys(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ",").split(",") if part.strip()]


class EventForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=80, help_text=_("A short name for links."))
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    date = forms.CharField(
        label=_("Date"),
        max_length=10,
        help_text=_("YYYY, YYYY-MM or YYYY-MM-DD: as precise as known."),
    )
    end = forms.CharField(
        label=_("Until"),
        max_length=10,
        required=False,
        help_text=_("For an event that lasts: its end."),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    people = forms.CharField(
        label=_("People involved"), required=False, help_text=_("Their keys, separated by commas.")
    )
    bodies = forms.CharField(
        label=_("Bodies involved"), required=False, help_text=_("Their keys, separated by commas.")
    )
    version_of = forms.CharField(
        label=_("Another source's version of"),
        required=False,
        max_length=80,
        help_text=_(
            "Where sources disagree: the key of the event this one gives another account of."
        ),
    )
    source = forms.CharField(label=_("Source in the record"), max_length=80)
    locator = forms.CharField(
        label=_("Page, sheet or other place in the source"), required=False, max_length=120
    )

    def service_arguments(self) -> dict[str, Any]:
        """Return the arguments of `create_event`; NotFound if the source is not in the record."""
        data = self.cleaned_data
        source = source_named(data["source"])
        return {
            "key": data["key"],
            "title": data["title"],
            "kind": data["kind"],
            "date": data["date"],
            "end": data["end"],
            "place": data["place"],
            "description": data["description"],
            "people": _keys(data["people"]),
            "bodies": _keys(data["bodies"]),
            "version_of": data["version_of"],
            "citations": [{"source": source, "locator": data["locator"].strip()}],
        }

    def show(self, error: DomainError) -> None:
        """Put a service's refusal on the form, each problem at the field it names."""
        problems = error.problems if isinstance(error, Invalid) else [error]
        for problem in problems:
            field = getattr(problem, "field", None) or None
            self.add_error(field if field in self.fields else None, problem.message)
