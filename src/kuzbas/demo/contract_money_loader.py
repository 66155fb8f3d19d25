"""Load the money of the demo's contracts and a few rates from `data/contracts.toml`
(`[[money]]`, `[[rate]]`) through the services a keeper of the money uses: each line tied to
the clause of the version that created it, every amount and rate cited as illustrative."""

from __future__ import annotations

from django.db import transaction

from kuzbas.contracts.models.contracts import Contract
from kuzbas.contracts.models.money import MoneyLine
from kuzbas.contracts.models.parties import Party
from kuzbas.contracts.money_lines import record_money_line
from kuzbas.core.dates import parse_partial
from kuzbas.demo.citing import citations_from
from kuzbas.demo.loader import read
from kuzbas.money.amounts import money
from kuzbas.money.services import record_rate
from kuzbas.production.models import TransferAct, Unit
from kuzbas.record.models import Source


def _line(actor, row: dict, lines: list[MoneyLine], sources: dict, where: str) -> MoneyLine:
    contract = Contract.objects.get(key=row["contract"])
    clause = (
        contract.versions.get(number=row["version"]).clauses.get(number=row["clause"])
        if "clause" in row
        else None
    )
    on, precision = parse_partial(row["on"])
    return record_money_line(
        actor=actor,
        contract=contract,
        kind=row["kind"],
        amount=money(row["amount"], row["currency"]),
        on=on,
        precision=precision,
        debtor=row["debtor"],
        clause=clause,
        party=Party.objects.get(key=row["party"]) if row.get("party") else None,
        settles=lines[row["settles"] - 1] if row.get("settles") else None,
        unit=Unit.objects.get(key=row["unit"]) if row.get("unit") else None,
        transfer_act=(
            TransferAct.objects.get(key=row["transfer_act"]) if row.get("transfer_act") else None
        ),
        title=row.get("title", ""),
        citations=citations_from(row.get("sources", []), sources, where),
    )


@transaction.atomic
def load_contract_money(*, actor) -> None:
    data = read("contracts.toml")
    sources = {s.key: s for s in Source.objects.all()}
    lines: list[MoneyLine] = []
    for n, row in enumerate(data.get("money", []), 1):
        lines.append(_line(actor, row, lines, sources, f"money {n}"))
    for row in data.get("rate", []):
        record_rate(
            actor,
            base=row["base"],
            quote=row["quote"],
            rate=row["rate"],
            on=parse_partial(row["on"])[0],
            illustrative=True,
            note=row.get("note", ""),
        )
