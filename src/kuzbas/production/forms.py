from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kuzbas.production.imports import Kind


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[
            (Kind.OUTPUT.value, _("output")),
            (Kind.PLANS.value, _("plans")),
            (Kind.HEADCOUNT.value, _("headcount")),
        ],
    )
    file = forms.FileField(label=_("CSV or XLSX file"))


class CompareForm(forms.Form):
    """Two periods of whole months; a month is written YYYY-MM."""

    product = forms.SlugField(required=False)
    unit = forms.SlugField(required=False)
    a_from = forms.RegexField(r"^\d{4}-\d{2}$", label=_("first period from"), initial="1922-10")
    a_to = forms.RegexField(r"^\d{4}-\d{2}$", label=_("to"), initial="1922-10")
    b_from = forms.RegexField(r"^\d{4}-\d{2}$", label=_("second period from"), initial="1923-03")
    b_to = forms.RegexField(r"^\d{4}-\d{2}$", label=_("to"), initial="1923-04")

    def clean(self):
        import datetime as dt

        data = super().clean()
        for name in ("a_from", "a_to", "b_from", "b_to"):
            if name in data:
                try:
                    data[name] = dt.date.fromisoformat(data[name] + "-01")
                except ValueError:
                    self.add_error(name, _("not a real month"))
        return data
