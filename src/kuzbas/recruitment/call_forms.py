"""The bureau's forms: a call (its texts, trades, questions and terms), a bureau, a stage, a
reason for refusal. The forms bind and render; the services check and refuse."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kuzbas.core.errors import Invalid, Problem
from kuzbas.money.amounts import money
from kuzbas.money.forms import currency_choices
from kuzbas.recruitment.models import Bureau, Call

TEXT_FIELDS = ("title", "title_ru", "text", "text_ru", "terms", "terms_ru", "contribution_note")


class CallForm(forms.Form):
    bureau = forms.ModelChoiceField(
        label=gettext_lazy("Bureau"), queryset=Bureau.objects.all(), to_field_name="key"
    )
    key = forms.SlugField(label=gettext_lazy("Key (in the address)"), max_length=80)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    title_ru = forms.CharField(
        label=gettext_lazy("Title in Russian"), max_length=200, required=False
    )
    text = forms.CharField(label=gettext_lazy("Text"), widget=forms.Textarea, required=False)
    text_ru = forms.CharField(
        label=gettext_lazy("Text in Russian"), widget=forms.Textarea, required=False
    )
    terms = forms.CharField(
        label=gettext_lazy("Terms offered"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    terms_ru = forms.CharField(
        label=gettext_lazy("Terms offered, in Russian"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    trades = forms.CharField(
        label=gettext_lazy("Trades wanted, one a line: trade | in Russian | number"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    contribution_amount = forms.CharField(
        label=gettext_lazy("Contribution asked: amount"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    contribution_currency = forms.ChoiceField(
        label=gettext_lazy("Contribution asked: currency"),
        choices=lambda: [("", "—"), *currency_choices()],
        required=False,
    )
    contribution_note = forms.CharField(
        label=gettext_lazy("Contribution asked, in words (tools, food)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    opens = forms.DateField(
        label=gettext_lazy("Opens"), widget=forms.DateInput(attrs={"type": "date"})
    )
    closes = forms.DateField(
        label=gettext_lazy("Closes"),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
    )
    questions = forms.CharField(
        label=gettext_lazy("The call's own questions (JSON, see docs/recruitment.md)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    asks_affiliation = forms.BooleanField(
        label=gettext_lazy("Ask political affiliation (kept apart, counted only in groups)"),
        required=False,
    )
    affiliation_choices = forms.CharField(
        label=gettext_lazy("Affiliation groups, separated by commas"), required=False
    )
    policy_version = forms.CharField(
        label=gettext_lazy("Data policy version"), max_length=40, initial="1"
    )

    @staticmethod
    def initial_for(call: Call) -> dict:
        initial = {name: getattr(call, name) for name in TEXT_FIELDS}
        initial.update(
            bureau=call.bureau.key,
            key=call.key,
            opens=call.opens,
            closes=call.closes,
            asks_affiliation=call.asks_affiliation,
            affiliation_choices=", ".join(call.affiliation_choices),
            policy_version=call.policy_version,
            questions=json.dumps(call.questions, ensure_ascii=False, indent=1)
            if call.questions
            else "",
            trades="\n".join(
                " | ".join(str(x) for x in (t.trade, t.trade_ru, t.wanted or "")).rstrip(" |")
                for t in call.trades.all()
            ),
        )
        if call.contribution is not None:
            initial["contribution_amount"] = call.contribution.amount
            initial["contribution_currency"] = call.contribution.currency.code
        return initial

    def arguments(self) -> dict:
        """Return the service's arguments from the cleaned form; Invalid naming the field."""
        data = self.cleaned_data
        problems = []
        try:
            questions = json.loads(data["questions"]) if data["questions"].strip() else []
        except ValueError as error:
            problems.append(
                Problem(_("The questions are not JSON: %(e)s") % {"e": error}, field="questions")
            )
            questions = []
        contribution = None
        amount, currency = data["contribution_amount"].strip(), data["contribution_currency"]
        if amount or currency:
            try:
                contribution = money_from(amount, currency)
            except Invalid as error:
                problems.extend(error.problems)
        if problems:
            raise Invalid(problems=problems)
        trades = []
        for line in data["trades"].splitlines():
            parts = [p.strip() for p in line.split("|")]
            if parts and parts[0]:
                parts += ["", ""]
                trades.append({"trade": parts[0], "trade_ru": parts[1], "wanted": parts[2]})
        return {
            "bureau": data["bureau"],
            "key": data["key"],
            "opens": data["opens"],
            "closes": data["closes"],
            "contribution": contribution,
            "questions": questions,
            "asks_affiliation": data["asks_affiliation"],
            "affiliation_choices": [c.strip() for c in data["affiliation_choices"].split(",")],
            "policy_version": data["policy_version"],
            "trades": trades,
            **{name: data[name] for name in TEXT_FIELDS},
        }


def money_from(amount: str, currency: str, *, field: str = "contribution"):
    """Return an amount with its currency (kuzbas.money's `money`); Invalid naming the field:
    `<field>_amount` or `<field>_currency`."""
    try:
        return money(amount, currency, field=f"{field}_amount")
    except Invalid as error:
        raise Invalid(
            problems=[
                Problem(p.message, field=f"{field}_currency" if p.field == "currency" else p.field)
                for p in error.problems
            ]
        ) from None


def on_form(problems) -> dict[str, list[str]]:
    """Return problems keyed by the form's fields: `trades.2.wanted` is line 2 of `trades`."""
    found: dict[str, list[str]] = {}
    for p in problems:
        field, _sep, rest = (p.field or "").partition(".")
        where = rest.split(".")[0] if rest else ""
        message = _("line %(n)s: %(m)s") % {"n": where, "m": p.message} if where else p.message
        found.setdefault(field, []).append(message)
    return found


class BureauForm(forms.Form):
    key = forms.SlugField(label=gettext_lazy("Key (in the address)"), max_length=80)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    name_ru = forms.CharField(label=gettext_lazy("Name in Russian"), max_length=200, required=False)
    city = forms.CharField(label=gettext_lazy("City"), max_length=120, required=False)
    country = forms.CharField(label=gettext_lazy("Country"), max_length=80, required=False)


class StageForm(forms.Form):
    key = forms.SlugField(label=gettext_lazy("Key"), max_length=60)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=120)
    name_ru = forms.CharField(label=gettext_lazy("Name in Russian"), max_length=120, required=False)


class ReasonForm(StageForm):
    letter = forms.CharField(
        label=gettext_lazy("Letter"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    letter_ru = forms.CharField(
        label=gettext_lazy("Letter in Russian"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
