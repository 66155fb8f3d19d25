from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kuzbas.governance.models import Body, Choice, Outcome


class ExplorerForm(forms.Form):
    matter = forms.ChoiceField(label=_("Matter"))
    on = forms.DateField(label=_("On"), widget=forms.DateInput(attrs={"type": "date"}))
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
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class CountForm(forms.Form):
    yes = forms.IntegerField(label=_("Yes"), min_value=0)
    no = forms.IntegerField(label=_("No"), min_value=0)
    abstain = forms.IntegerField(label=_("Abstain"), min_value=0, initial=0)
    present = forms.IntegerField(label=_("Present"), min_value=0)
    decided_on = forms.DateField(
        label=_("Decided on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
