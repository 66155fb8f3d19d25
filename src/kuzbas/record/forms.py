"""The form that cites a source from any citable record's page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kuzbas.core.errors import DomainError, Invalid
from kuzbas.record.access import source_named
from kuzbas.record.models import Evidence, Source, SourceKind

# The new source's fields on the form, and the source fields they fill.
NEW_SOURCE_FIELDS = {
    "new_title": "title",
    "new_kind": "kind",
    "new_author": "author",
    "new_key": "key",
}


class CiteForm(forms.Form):
    """Cite an existing source by key, or add a new one and cite it, or mark illustrative."""

    object_type = forms.CharField(widget=forms.HiddenInput)
    object_id = forms.CharField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Evidence"),
        choices=Evidence.choices,
        initial=Evidence.DOCUMENTED,
        widget=forms.RadioSelect,
    )
    source = forms.CharField(
        label=_("Source in the record"),
        required=False,
        max_length=80,
        help_text=_("Type to search the sources by key; or add a new source below."),
        widget=forms.TextInput(attrs={"list": "citable-sources", "autocomplete": "off"}),
    )
    new_title = forms.CharField(label=_("New source: title"), required=False, max_length=400)
    new_kind = forms.ChoiceField(
        label=_("New source: kind"), choices=SourceKind.choices, initial=SourceKind.OTHER
    )
    new_author = forms.CharField(label=_("New source: author"), required=False, max_length=200)
    new_key = forms.SlugField(
        label=_("New source: key"),
        required=False,
        max_length=80,
        help_text=_("Made from the title if left empty."),
    )
    locator = forms.CharField(
        label=_("Page, sheet or other place in the source"), required=False, max_length=120
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("source", "").strip() and data.get("new_title", "").strip():
            self.add_error("source", _("Choose a source in the record or add a new one, not both."))
        return data

    def source_given(self) -> Source | dict[str, str] | None:
        """Return the source the form names: one in the record, a new one's fields, or None."""
        data = self.cleaned_data
        if data["new_title"].strip():
            return {field: data[name].strip() for name, field in NEW_SOURCE_FIELDS.items()}
        if data["source"].strip():
            return source_named(data["source"])
        return None

    def show(self, error: DomainError) -> None:
        """Put a service's refusal on the form, each problem at the field it names."""
        problems = error.problems if isinstance(error, Invalid) else [error]
        by_source_field = {field: name for name, field in NEW_SOURCE_FIELDS.items()}
        for problem in problems:
            field = getattr(problem, "field", None) or None
            if field and field.startswith("source."):
                field = by_source_field.get(field.removeprefix("source."), "new_title")
            self.add_error(field if field in self.fields else None, problem.message)


class DocumentForm(forms.Form):
    """Attach a document to a source: a file, a transcription and its translation."""

    title = forms.CharField(label=_("Title"), max_length=200)
    locator = forms.CharField(
        label=_("Sheets or pages"),
        max_length=120,
        required=False,
        help_text=_("Where in the source's archival reference the document is."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("A scan or a PDF: PDF, PNG, JPEG, TIFF, WebP or plain text."),
    )
    transcription = forms.CharField(label=_("Transcription"), required=False, widget=forms.Textarea)
    transcription_language = forms.CharField(
        label=_("Language of the transcription"), max_length=10, required=False
    )
    translation = forms.CharField(label=_("Translation"), required=False, widget=forms.Textarea)
    translation_language = forms.CharField(
        label=_("Language of the translation"), max_length=10, required=False
    )
    public = forms.BooleanField(
        label=_("Public"), required=False, help_text=_("Shown to readers without an account.")
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)

    def show(self, error: Invalid) -> None:
        """Put a service's refusal on the form, each problem at its field."""
        for problem in error.problems:
            self.add_error(problem.field if problem.field in self.fields else None, problem.message)
