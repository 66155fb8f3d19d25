"""The forms of a contract's money: recording a line, choosing a day (and a currency) for the
balances, and a report's period."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from kuzbas.contracts.models.contracts import Contract
from kuzbas.contracts.models.money import MoneyLine, MoneyLineKind
from kuzbas.contracts.models.obligations import Debtor
from kuzbas.contracts.models.versions import Clause
from kuzbas.core.widgets import DateInput
from kuzbas.money.forms import currency_choices


def clause_choices(contract: Contract) -> list[tuple[str, str]]:
    clauses = Clause.objects.filter(version__contract=contract).select_related("version")
    choices = [("", "—")]
    for c in clauses.order_by("version__number", "order"):
        version = gettext_now("version %(n)s") % {"n": c.version.number}
        choices.append((str(c.pk), f"{version}, § {c.number}: {c.text[:60]}"))
    return choices


def line_choices(contract: Contract) -> list[tuple[str, str]]:
    return [("", "—")] + [
        (str(m.pk), f"{m.pk}: {m}") for m in MoneyLine.objects.filter(contract=contract)
    ]


class MoneyLineForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MoneyLineKind.choices)
    debtor = forms.ChoiceField(label=_("Who owes or pays"), choices=Debtor.choices)
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=18, decimal_places=2, min_value=0, localize=True
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=currency_choices)
    on = forms.DateField(label=_("Date"), widget=DateInput())
    clause = forms.ChoiceField(
        label=_("Clause that created it"),
        required=False,
        help_text=_("A repayment or a payment takes the clause of what it settles."),
    )
    settles = forms.ChoiceField(label=_("Settles the line"), required=False)
    title = forms.CharField(label=_("What"), required=False, max_length=300)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, contract: Contract, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clause"].choices = clause_choices(contract)
        self.fields["settles"].choices = line_choices(contract)


class BalanceForm(forms.Form):
    on = forms.DateField(label=_("On"), widget=DateInput())
    currency = forms.ChoiceField(
        label=_("Also in one currency"),
        required=False,
        choices=lambda: [("", _("no: per currency only")), *currency_choices()],
        help_text=_("Converted only at dated rates, shown with their source."),
    )


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("Until"), widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The period cannot end before it starts."))
        return data
