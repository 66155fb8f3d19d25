from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kuzbas.members.models import MembershipCategory, MembershipStatus, Person, Site


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
    on = forms.DateField(
        label=_("On"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].choices = [
            ("", _("any")),
            *list(Site.objects.values_list("key", "name")),
        ]


class HeadcountForm(forms.Form):
    on = forms.DateField(label=_("On"), widget=forms.DateInput(attrs={"type": "date"}))


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
