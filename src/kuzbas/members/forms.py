from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kuzbas.core.dates import parse_partial
from kuzbas.core.errors import NotFound
from kuzbas.core.widgets import DateInput
from kuzbas.members.models import MembershipCategory, MembershipStatus, Person, Site, WorkCategory
from kuzbas.record.access import source_named


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("any")), *MembershipStatus.choices]
    )
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("any")), *MembershipCategory.choices],
    )
    site = forms.ChoiceField(label=_("Home site"), required=False)
    on = forms.DateField(label=_("On"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [
            ("", _("any")),
            *list(Site.objects.values_list("key", "name")),
        ]


class HeadcountForm(forms.Form):
    on = forms.DateField(label=_("On"), widget=DateInput())


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "name_latin",
            "name_original",
            "nationality",
            "trade",
            "home_site",
            "description",
            "email",
        ]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))


class PartialDateField(forms.CharField):
    """A day as the sources give it: YYYY-MM-DD, or YYYY-MM or YYYY where only that is known.

    Cleans to `(date, precision)`; an end written as a month or a year takes its last day.
    """

    def __init__(self, *, end: bool = False, **kwargs):
        self.end = end
        kwargs.setdefault(
            "help_text", _("YYYY-MM-DD; YYYY-MM or YYYY where only the month or year is known")
        )
        super().__init__(max_length=10, **kwargs)
        self.widget.attrs.update({"placeholder": "YYYY-MM-DD", "inputmode": "numeric"})

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_partial(text, end=self.end)
        except ValueError as error:
            raise ValidationError(str(error)) from None


class CitingForm(forms.Form):
    """A source to cite for what the form records, by its key in the record."""

    source = forms.CharField(
        label=_("Source"),
        required=False,
        max_length=80,
        help_text=_("the source's key in the record"),
        widget=forms.TextInput(attrs={"list": "source-keys", "autocomplete": "off"}),
    )
    locator = forms.CharField(label=_("Page, sheet or item"), required=False, max_length=120)

    def clean_source(self):
        key = self.cleaned_data["source"].strip()
        if not key:
            return None
        try:
            return source_named(key)
        except NotFound as error:
            raise ValidationError(error.message) from None

    def clean(self):
        data = super().clean()
        if data.get("locator") and not data.get("source") and "source" not in self.errors:
            self.add_error("source", _("Name the source this page or sheet is in."))
        return data

    def citations(self) -> list[dict]:
        source = self.cleaned_data.get("source")
        return [{"source": source, "locator": self.cleaned_data["locator"]}] if source else []


class IntervalForm(CitingForm):
    """The days of a membership or an employment: first, and last if known."""

    valid_from = PartialDateField(label=_("First day"))
    valid_to = PartialDateField(label=_("Last day"), end=True, required=False)

    def interval(self) -> dict:
        start, end = self.cleaned_data["valid_from"], self.cleaned_data["valid_to"]
        return {
            "valid_from": start[0],
            "from_precision": start[1],
            "valid_to": end[0] if end else None,
            "to_precision": end[1] if end else "day",
        }


class MembershipForm(IntervalForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=MembershipStatus.choices, initial=MembershipStatus.MEMBER
    )
    category = forms.ChoiceField(label=_("Category"), choices=MembershipCategory.choices)
    field_order = ["category", "status", "valid_from", "valid_to", "source", "locator"]


class EmploymentForm(IntervalForm):
    category = forms.ChoiceField(label=_("Work category"), choices=WorkCategory.choices)
    title = forms.CharField(label=_("Position"), required=False, max_length=120)
    site = forms.ModelChoiceField(
        label=_("Site"), queryset=Site.objects.all(), to_field_name="key", required=False
    )
    field_order = ["category", "title", "site", "valid_from", "valid_to", "source", "locator"]


class EndForm(CitingForm):
    """The last day of a membership or an employment, and the source that gives it."""

    valid_to = PartialDateField(label=_("Last day"), end=True)
    field_order = ["valid_to", "source", "locator"]

    def end(self) -> dict:
        day, precision = self.cleaned_data["valid_to"]
        return {"valid_to": day, "to_precision": precision}


class MembershipEndForm(EndForm):
    """The last day of a membership, and whether the member left of their own accord: where
    the statute makes expulsion a body's matter, only an expulsion goes to that body."""

    resigned = forms.BooleanField(
        label=_("The member left of their own accord (no body decides)"), required=False
    )
    field_order = ["valid_to", "resigned", "source", "locator"]

    def end(self) -> dict:
        return {**super().end(), "resigned": self.cleaned_data["resigned"]}
