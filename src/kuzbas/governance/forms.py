from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kuzbas.core.widgets import DateInput
from kuzbas.governance.models import Body, Choice, Outcome
from kuzbas.members.choosing import PersonInput
from kuzbas.members.forms import CitingForm, IntervalForm, PartialDateField


class ExplorerForm(forms.Form):
    matter = forms.ChoiceField(label=_("Matter"))
    on = forms.DateField(label=_("On"), widget=DateInput())
    body = forms.ChoiceField(label=_("Put to"), required=False)

    def __init__(self, *args, matters=(), bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matter"].choices = list(matters)
        self.fields["body"].choices = [("", _("(any: who is competent?)")), *bodies]


class MotionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))
    matter = forms.ChoiceField(label=_("Matter"))
    body = forms.ChoiceField(label=_("Put to"))

    def __init__(self, *args, matters=(), bodies=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matter"].choices = list(matters)
        self.fields["body"].choices = list(bodies)


class BallotForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your vote"), choices=Choice.choices)


class RegisterFilterForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), required=False, choices=[("", _("any")), *Outcome.choices]
    )
    body = forms.ModelChoiceField(
        label=_("Body"),
        required=False,
        queryset=Body.objects.all(),
        to_field_name="key",
        empty_label=_("any"),
    )
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To"), required=False, widget=DateInput())


def _tally(label, **options) -> forms.IntegerField:
    """A count of votes: a whole number, 0 or more, with one message for whatever is wrong."""
    message = _("Give a whole number, 0 or more.")
    wrong = {"invalid": message, "min_value": message, "required": message}
    return forms.IntegerField(label=label, min_value=0, error_messages=wrong, **options)


class CountForm(forms.Form):
    """The totals of a vote counted in the hall: the one check of them for every page."""

    yes = _tally(_("Yes"))
    no = _tally(_("No"))
    abstain = _tally(_("Abstain"), initial=0, required=False)
    present = _tally(_("Present"))
    decided_on = forms.DateField(label=_("Decided on"), required=False, widget=DateInput())


class SeatDayForm(forms.Form):
    """The day a body's page shows its seats on."""

    on = forms.DateField(label=_("On"), widget=DateInput())


class AppointForm(IntervalForm):
    """Who is appointed to a seat, by which decision of the register, from when, and the
    source that records it."""

    person = forms.CharField(label=_("Person"), max_length=80, widget=PersonInput())
    decision = forms.IntegerField(
        label=_("Decision (register entry No.)"),
        required=False,
        min_value=1,
        help_text=_("the appointing body's decision; none only for an outside authority"),
    )
    field_order = ["person", "decision", "valid_from", "valid_to", "source", "locator"]


class ResignForm(CitingForm):
    """The last day a holder sits (a resignation, a recall, a term cut short)."""

    on = PartialDateField(label=_("Last day"), end=True)
    field_order = ["on", "source", "locator"]
