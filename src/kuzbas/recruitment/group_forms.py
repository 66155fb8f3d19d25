"""The forms of the dispatch groups' pages, the contributions and arrival."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from kuzbas.core.widgets import DateInput
from kuzbas.money.forms import currency_choices
from kuzbas.recruitment.models import Bureau


class GroupForm(forms.Form):
    bureau = forms.ModelChoiceField(label=_l("Bureau"), queryset=Bureau.objects.all())
    number = forms.IntegerField(
        label=_l("Number"),
        min_value=1,
        required=False,
        help_text=_l("Leave empty for the bureau's next number."),
    )
    name = forms.CharField(label=_l("Name"), max_length=200, required=False)
    capacity = forms.IntegerField(label=_l("Capacity"), min_value=1, required=False)
    port = forms.CharField(label=_l("Port of departure"), max_length=120, required=False)
    departs_on = forms.DateField(label=_l("Departs on"), required=False, widget=DateInput())
    route = forms.CharField(label=_l("Route"), required=False, widget=forms.Textarea({"rows": 2}))
    arrives_on = forms.DateField(label=_l("Arrives on"), required=False, widget=DateInput())


class JoinForm(forms.Form):
    application = forms.ModelChoiceField(label=_l("Admitted applicant"), queryset=None)

    def __init__(self, *args, admitted=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = admitted


class DayForm(forms.Form):
    on = forms.DateField(label=_l("On"), required=False, widget=DateInput())


class CashForm(forms.Form):
    amount = forms.CharField(label=_l("Amount owed"), max_length=24)
    currency = forms.ChoiceField(label=_l("Currency"), choices=currency_choices)
    instalments = forms.CharField(
        label=_l("Instalments"),
        widget=forms.Textarea({"rows": 3}),
        help_text=_l("One a line: the amount and the day it is due, as “50.00 1922-05-15”."),
    )
    note = forms.CharField(label=_l("Note"), required=False, max_length=400)

    def clean_instalments(self) -> list[tuple[str, dt.date]]:
        parts = []
        for n, line in enumerate(self.cleaned_data["instalments"].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                amount, due = line.split()
                Decimal(amount)
                parts.append((amount, dt.date.fromisoformat(due)))
            except (ValueError, InvalidOperation):
                raise forms.ValidationError(
                    _("Line %(n)s: write an amount and a day, as “50.00 1922-05-15”.") % {"n": n}
                ) from None
        if not parts:
            raise forms.ValidationError(_("Give at least one instalment."))
        return parts


class InKindForm(forms.Form):
    description = forms.CharField(label=_l("What is brought"), max_length=200)
    quantity = forms.DecimalField(
        label=_l("Quantity"), max_digits=12, decimal_places=3, required=False, min_value=0
    )
    unit = forms.CharField(label=_l("Unit"), max_length=40, required=False)
    value = forms.CharField(label=_l("Appraised value"), max_length=24)
    currency = forms.ChoiceField(label=_l("Currency"), choices=currency_choices)
    appraised_on = forms.DateField(label=_l("Appraised on"), widget=DateInput())
    appraised_by_name = forms.CharField(label=_l("Appraised by"), max_length=200)


class StepForm(forms.Form):
    key = forms.SlugField(label=_l("Key"), max_length=60)
    name = forms.CharField(label=_l("Name"), max_length=200)
    name_ru = forms.CharField(label=_l("Name in Russian"), max_length=200, required=False)
    order = forms.IntegerField(label=_l("Order"), min_value=0, initial=0)
