"""The forms of the winding-up page: the preview's question, and the decision to file."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kuzbas.contracts.models.winding_up import WindingUpKind
from kuzbas.contracts.winding_up_plan import END, PASS
from kuzbas.contracts.winding_up_record import DECIDING
from kuzbas.core.widgets import DateInput
from kuzbas.governance.models import Body

EVERYONE = [
    (END, _("All end on the last day")),
    (PASS, _("All pass to the successor")),
]
ONE = [(END, _("ends")), (PASS, _("passes to the successor"))]


class PreviewForm(forms.Form):
    effective_on = forms.DateField(label=_("Takes effect on"), widget=DateInput())
    successor = forms.CharField(label=_("Successor"), max_length=300, required=False)
    everyone = forms.ChoiceField(
        label=_("Memberships and employments"), choices=EVERYONE, initial=END
    )


def deciding_bodies() -> list[tuple[str, str]]:
    return [(b.key, b.name) for b in Body.objects.filter(kind__in=DECIDING).order_by("name")]


class DecideForm(forms.Form):
    body = forms.ChoiceField(label=_("Decided by"), choices=deciding_bodies)
    kind = forms.ChoiceField(label=_("Kind"), choices=WindingUpKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    decided_on = forms.DateField(label=_("Filed on"), widget=DateInput())
    effective_on = forms.DateField(label=_("Takes effect on"), widget=DateInput())
    successor = forms.CharField(label=_("Successor"), max_length=300, required=False)
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
