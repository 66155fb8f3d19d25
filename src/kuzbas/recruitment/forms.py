"""The public application form, built for one call: the applicant's fields, the call's own
questions, its affiliation question where it asks one, consent and attachments.

The form renders and binds; the service checks (`services/applying.py`) and its refusal is put
on the form at the fields it names (`core.validation.show_on_form`).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kuzbas.recruitment import guard
from kuzbas.recruitment.questions import questions_of


class MultipleFiles(forms.ClearableFileInput):
    allow_multiple_selected = True


def _text(label, *, required=False, long=False, **attrs) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": 3, **attrs}) if long else forms.TextInput(attrs=attrs)
    if required:
        widget.attrs["required"] = True
    return forms.CharField(label=label, required=False, widget=widget)


class ApplicationForm(forms.Form):
    """One call's application form; every field is checked by the service, not here."""

    use_required_attribute = False

    def __init__(self, call, *args, stamp: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        trades = [t.name for t in call.trades.all()]
        f = self.fields
        f["name"] = _text(_("Full name"), required=True, autocomplete="name", maxlength=200)
        f["name_original"] = _text(_("Name in your own script, if different"), maxlength=200)
        f["email"] = forms.CharField(
            label=_("E-mail"),
            required=False,
            widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        )
        f["phone"] = _text(_("Phone"), autocomplete="tel", inputmode="tel", maxlength=40)
        f["nationality"] = _text(_("Nationality"), maxlength=80)
        f["country"] = _text(_("Country you live in"), autocomplete="country-name", maxlength=80)
        f["city"] = _text(_("City"), maxlength=120)
        f["trade"] = _text(_("Trade"), required=True, maxlength=120, list="trades")
        f["skills"] = _text(_("Skills and experience"), long=True)
        f["languages"] = _text(_("Languages you speak (separated by commas)"), maxlength=300)
        f["channel"] = _text(_("Where did you hear of this call?"), maxlength=120)
        for q in questions_of(call.questions):
            f[q.field] = self._question(q)
        if call.asks_affiliation:
            f["affiliation"] = forms.ChoiceField(
                label=_("Political affiliation (optional)"),
                help_text=_(
                    "Asked only to keep the balance of groups. It is kept apart from your "
                    "application, never shown with your name, and counted only in groups of "
                    "five or more."
                ),
                required=False,
                choices=[("", _("I prefer not to say"))]
                + [(c, c) for c in call.affiliation_choices],
            )
        f["attachments"] = forms.FileField(
            label=_("Attachments (certificates, references)"),
            required=False,
            widget=MultipleFiles(),
        )
        f["consent"] = forms.BooleanField(
            label=_(
                "I agree that the bureau keeps what I send here to consider my application "
                "(data policy, version %(v)s)."
            )
            % {"v": call.policy_version},
            required=False,
            widget=forms.CheckboxInput(attrs={"value": "yes", "required": True}),
        )
        f[guard.STAMP] = forms.CharField(widget=forms.HiddenInput, required=False, initial=stamp)
        f[guard.HONEYPOT] = forms.CharField(
            label=_("Leave this empty (it catches robots)"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        self.trades = trades

    @staticmethod
    def _question(q) -> forms.Field:
        label = q.title
        if q.kind == "yes_no":
            return forms.ChoiceField(
                label=label,
                required=False,
                choices=[("", "—"), ("yes", _("yes")), ("no", _("no"))],
            )
        if q.kind == "choice":
            return forms.ChoiceField(
                label=label, required=False, choices=[("", "—")] + [(c, c) for c in q.choices]
            )
        if q.kind == "number":
            return forms.CharField(
                label=label, required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"})
            )
        return _text(label, required=q.required, long=q.kind == "long_text")
