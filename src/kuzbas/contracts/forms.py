"""The contracts' forms: a party, a contract, an act with its signatories, a clause, an
obligation, a status recorded by hand, the signed original."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kuzbas.contracts.models.contracts import ActKind, PartyRole
from kuzbas.contracts.models.obligations import Debtor, ObligationKind
from kuzbas.contracts.models.parties import PartyKind
from kuzbas.contracts.services.obligations import BY_HAND
from kuzbas.core.widgets import DateInput
from kuzbas.members.forms import CitingForm, PartialDateField

SIGNATORY_ROWS = 3


class PartyForm(CitingForm):
    key = forms.SlugField(label=_("Key"), max_length=80)
    name = forms.CharField(label=_("Name"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=PartyKind.choices)
    name_original = forms.CharField(
        label=_("Name in the original language"), max_length=300, required=False
    )
    short_name = forms.CharField(label=_("Short name"), max_length=60, required=False)
    place = forms.CharField(label=_("Place"), max_length=200, required=False)


class ContractForm(CitingForm):
    key = forms.SlugField(label=_("Key"), max_length=80)
    title = forms.CharField(label=_("Title"), max_length=300)
    title_original = forms.CharField(
        label=_("Title in the original language"), max_length=300, required=False
    )
    subject = forms.CharField(label=_("Subject"), required=False, widget=forms.Textarea)
    enterprise = forms.CharField(
        label=_("The enterprise (party key)"),
        max_length=80,
        widget=forms.TextInput(attrs={"list": "party-keys", "autocomplete": "off"}),
    )
    counterparty = forms.CharField(
        label=_("Counterparty (party key)"),
        max_length=80,
        widget=forms.TextInput(attrs={"list": "party-keys", "autocomplete": "off"}),
    )
    language = forms.CharField(label=_("Language of the original"), max_length=10, required=False)
    translation_language = forms.CharField(
        label=_("Language of the translation"), max_length=10, required=False
    )


class RoleForm(forms.Form):
    party = forms.CharField(
        label=_("Party (key)"),
        max_length=80,
        widget=forms.TextInput(attrs={"list": "party-keys", "autocomplete": "off"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=PartyRole.choices)
    named_as = forms.CharField(label=_("Named in the contract as"), max_length=300, required=False)


class ActForm(CitingForm):
    kind = forms.ChoiceField(label=_("Act"), choices=ActKind.choices)
    date = PartialDateField(label=_("Date"))
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    by = forms.CharField(
        label=_("By (party key)"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"list": "party-keys", "autocomplete": "off"}),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, SIGNATORY_ROWS + 1):
            self.fields[f"signatory_{n}"] = forms.CharField(
                label=_("Signatory %(n)s: name") % {"n": n}, max_length=200, required=False
            )
            self.fields[f"signatory_{n}_position"] = forms.CharField(
                label=_("Signatory %(n)s: position") % {"n": n}, max_length=200, required=False
            )
            self.fields[f"signatory_{n}_party"] = forms.CharField(
                label=_("Signatory %(n)s: for (party key)") % {"n": n},
                max_length=80,
                required=False,
                widget=forms.TextInput(attrs={"list": "party-keys", "autocomplete": "off"}),
            )


class VersionForm(forms.Form):
    title = forms.CharField(label=_("Title of the amendment"), max_length=300, required=False)
    summary = forms.CharField(label=_("What it changes"), required=False, widget=forms.Textarea)


class SectionForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=20, required=False)
    heading = forms.CharField(label=_("Heading"), max_length=300)
    heading_translation = forms.CharField(
        label=_("Heading, translated"), max_length=300, required=False
    )


class ClauseForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=20)
    section = forms.TypedChoiceField(
        label=_("Section"), required=False, coerce=int, empty_value=None
    )
    text = forms.CharField(label=_("Text in the original language"), widget=forms.Textarea)
    translation = forms.CharField(label=_("Translation"), required=False, widget=forms.Textarea)
    illustrative = forms.BooleanField(
        label=_("Illustrative: the sources do not give this text"), required=False
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", "—")] + [(s.pk, str(s)) for s in sections]


class OriginalForm(forms.Form):
    file = forms.FileField(label=_("Signed original (PDF or scan)"))


class ObligationForm(CitingForm):
    title = forms.CharField(label=_("What is owed"), max_length=300)
    debtor = forms.ChoiceField(label=_("Who owes"), choices=Debtor.choices)
    kind = forms.ChoiceField(label=_("Kind"), choices=ObligationKind.choices)
    clause = forms.CharField(label=_("Clause (number)"), max_length=20, required=False)
    due = PartialDateField(label=_("Due"), end=True, required=False)
    product = forms.CharField(
        label=_("Target: product (key)"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"list": "product-keys", "autocomplete": "off"}),
    )
    unit = forms.CharField(
        label=_("Target: unit (key; empty for all)"), max_length=80, required=False
    )
    target = forms.DecimalField(label=_("Target: quantity"), required=False, min_value=0)
    unit_entered = forms.CharField(
        label=_("Target: unit of measure"),
        max_length=30,
        required=False,
        help_text=_("empty: the product's own unit"),
    )
    period_start = forms.DateField(label=_("Counted from"), required=False, widget=DateInput())
    period_end = forms.DateField(label=_("Counted until"), required=False, widget=DateInput())
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)


class StatusForm(CitingForm):
    status = forms.ChoiceField(label=_("Status"), choices=[(s.value, s.label) for s in BY_HAND])
    on = forms.DateField(label=_("Since"), required=False, widget=DateInput())
    proof = forms.CharField(
        label=_("Evidence of fulfilment"), required=False, widget=forms.Textarea
    )
