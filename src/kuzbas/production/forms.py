from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kuzbas.production.imports.rows import Kind


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[
            (Kind.UNITS.value, _("units")),
            (Kind.PRODUCTS.value, _("products")),
            (Kind.TRANSFER_ACTS.value, _("transfer acts")),
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


MONTH = r"^\d{4}-\d{2}$"
COLONY = "colony"  # the units field's value for the whole colony


def _real_month(form: forms.Form, name: str):
    import datetime as dt

    value = form.cleaned_data[name]
    try:
        return dt.date.fromisoformat(value + "-01")
    except ValueError:
        raise forms.ValidationError(_("not a real month")) from None


class ReportForm(forms.Form):
    """A month (YYYY-MM), and optionally one unit and the product for the KPI charts."""

    month = forms.RegexField(
        MONTH,
        label=_("Month"),
        error_messages={"invalid": _("write the month as YYYY-MM")},
    )
    unit = forms.SlugField(label=_("Unit"), required=False)
    product = forms.SlugField(label=_("Product for productivity and plan"), required=False)

    def clean_month(self):
        return _real_month(self, "month")


class DecisionLinkForm(forms.Form):
    """Tie a register entry to one or more units (or the colony) and the KPIs it should move."""

    decision = forms.IntegerField(label=_("Register entry No."), min_value=1)
    units = forms.MultipleChoiceField(label=_("Units"))
    kpis = forms.MultipleChoiceField(
        label=_("Figures the decision should move"), widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, units=(), **kwargs):
        from kuzbas.production.kpis import DEFINITIONS, MONTHLY_KPIS

        super().__init__(*args, **kwargs)
        self.fields["units"].choices = [(COLONY, _("the whole colony"))] + [
            (u.key, u.name) for u in units
        ]
        self.fields["kpis"].choices = [(k, DEFINITIONS[k].label) for k in MONTHLY_KPIS]
