"""The forms of the set-up pages: units, products, plans and transfer acts.

Units, products, sites and sources are chosen by key; the views fetch what a key names through
`access`, so a form never reads a row itself. Numbers are read in the page's language
(`localize`): "1,5" is one and a half on a Russian page and refused on an English one.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kuzbas.core.widgets import DateInput
from kuzbas.production.models.catalogue import UnitKind
from kuzbas.production.models.statistics import PeriodKind

DATE = DateInput()


def _keyed(items, *, blank: bool = False) -> list[tuple[str, str]]:
    return ([("", "—")] if blank else []) + [(i.key, i.name) for i in items]


class UnitForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=80, help_text=_("letters, digits, hyphens"))
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=UnitKind.choices)
    site = forms.ChoiceField(label=_("Site"), required=False)
    opened = forms.DateField(label=_("Opened"), required=False, widget=DATE)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)

    def __init__(self, *args, sites=(), editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = _keyed(sites, blank=True)
        if editing:  # a unit's key is its address and the files' reference: it stays
            del self.fields["key"]


class CloseUnitForm(forms.Form):
    closed = forms.DateField(label=_("Closed on"), widget=DATE)


class ProductForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=120)
    unit_of_measure = forms.CharField(
        label=_("Unit of measure"),
        max_length=30,
        help_text=_("tonne, kilogram, pood, litre, cubic_meter…; or the product's own unit"),
    )
    reference_unit = forms.CharField(
        label=_("Reference unit"),
        required=False,
        max_length=30,
        help_text=_("for the product's own unit only: the unit the factor is in"),
    )
    factor = forms.DecimalField(
        label=_("Conversion factor"),
        localize=True,
        required=False,
        max_digits=27,
        decimal_places=10,
        help_text=_("how much of the reference unit one unit of the product holds"),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["key"]


class PlanForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"))
    product = forms.ChoiceField(label=_("Product"))
    period_kind = forms.ChoiceField(
        label=_("Period"), choices=PeriodKind.choices, initial=PeriodKind.MONTH
    )
    period_start = forms.DateField(
        label=_("From"), widget=DATE, help_text=_("a month starts on its first day")
    )
    target = forms.DecimalField(
        label=_("Target"), min_value=0, max_digits=27, decimal_places=10, localize=True
    )
    unit_entered = forms.CharField(
        label=_("Unit of measure"),
        required=False,
        max_length=30,
        help_text=_("empty: the product's own"),
    )

    def __init__(self, *args, units=(), products=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = _keyed(units)
        self.fields["product"].choices = _keyed(products)


class PlanTargetForm(forms.Form):
    target = forms.DecimalField(
        label=_("Target"), min_value=0, max_digits=27, decimal_places=10, localize=True
    )
    unit_entered = forms.CharField(label=_("Unit of measure"), required=False, max_length=30)


class TransferActForm(forms.Form):
    key = forms.SlugField(label=_("Key"), max_length=80)
    title = forms.CharField(label=_("Title"), max_length=200)
    from_enterprise = forms.CharField(label=_("From enterprise"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DATE)
    debt_share = forms.DecimalField(
        label=_("Share of debts assumed"),
        localize=True,
        min_value=0,
        max_value=1,
        decimal_places=4,
        help_text=_("0 to 1; one half is 0.5"),
    )
    staff = forms.IntegerField(label=_("Staff transferred"), min_value=0, required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)
    units = forms.MultipleChoiceField(
        label=_("Units handed over"), required=False, widget=forms.CheckboxSelectMultiple
    )
    source = forms.SlugField(label=_("Source (key)"), required=False)
    locator = forms.CharField(label=_("Where in the source"), required=False, max_length=200)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].choices = _keyed(units)
