"""Load the colony's contract with the state (`data/contracts.toml`) through the contracts'
services: the parties, the contract and its acts, version 1 recorded in force on the final
agreement, and the New Contract as the amendment that replaced it. Every clause text is
illustrative (the article quotes none) and marked so; dates and parties cite the article."""

from __future__ import annotations

from django.db import transaction

from kuzbas.contracts.services import agreements, clauses, coming_into_force, obligations, versions
from kuzbas.contracts.services import parties as party_services
from kuzbas.core.dates import parse_partial
from kuzbas.demo.citing import citations_from
from kuzbas.demo.loader import Progress, read
from kuzbas.members.models import Person
from kuzbas.record.models import Source

ILLUSTRATIVE = {
    "status": "illustrative",
    "note": "The article does not quote the contract; this wording only shows what it describes.",
}


@transaction.atomic
def load_contracts(*, actor, progress: Progress | None = None) -> None:
    report = progress or (lambda *_: None)
    data = read("contracts.toml")
    sources = {s.key: s for s in Source.objects.all()}
    parties = {}
    for row in data["party"]:
        fields = {k: v for k, v in row.items() if k != "sources"}
        parties[row["key"]] = party_services.add_party(
            actor=actor,
            citations=citations_from(row.get("sources", []), sources, f"party {row['key']}"),
            **fields,
        )
    for n, row in enumerate(data["contract"], 1):
        _contract(actor, row, parties, sources)
        report("contracts", n, len(data["contract"]))


def _contract(actor, row, parties, sources) -> None:
    where = f"contract {row['key']}"
    contract = agreements.create_contract(
        actor=actor,
        key=row["key"],
        title=row["title"],
        title_original=row.get("title_original", ""),
        subject=row.get("subject", ""),
        language=row.get("language", ""),
        translation_language=row.get("translation_language", ""),
        parties=[(parties[p["party"]], p["role"]) for p in row["parties"]],
        citations=citations_from(row.get("sources", []), sources, where),
    )
    for role in contract.parties.select_related("party"):
        named = next(p for p in row["parties"] if p["party"] == role.party.key)
        if named.get("named_as"):
            role.named_as = named["named_as"]
            role.save(update_fields=["named_as"])
    for act in row.get("act", []):
        day, precision = parse_partial(act["date"])
        agreements.record_act(
            actor=actor,
            contract=contract,
            kind=act["kind"],
            date=day,
            precision=precision,
            title=act.get("title", ""),
            description=act.get("description", ""),
            place=act.get("place", ""),
            by=parties.get(act.get("by", "")),
            citations=citations_from(act.get("sources", []), sources, where),
        )
    for number, spec in enumerate(row["version"], 1):
        version = (
            contract.versions.get(number=1)
            if number == 1
            else versions.new_version(
                actor=actor,
                contract=contract,
                title=spec.get("title", ""),
                summary=spec.get("summary", ""),
            )
        )
        _text(actor, version, spec)
        day, precision = parse_partial(spec["in_force"])
        coming_into_force.record_in_force(
            actor=actor,
            version=version,
            on=day,
            precision=precision,
            by=parties.get(spec.get("by", "")),
            title=spec.get("act_title", ""),
            signatories=[
                {
                    "name": s["name"],
                    "position": s.get("position", ""),
                    "party": parties.get(s.get("party", "")),
                    "person": Person.objects.filter(key=s.get("person", "")).first(),
                }
                for s in spec.get("signatories", [])
            ],
            citations=citations_from(spec.get("sources", []), sources, where),
        )


def _text(actor, version, spec) -> None:
    """Write a version's clauses (version 1) or its changes to the copy (an amendment)."""
    sources = {s.key: s for s in Source.objects.all()}
    where = f"version {version.number}"
    for clause in spec.get("clause", []):
        made = clauses.add_clause(
            actor=actor,
            version=version,
            number=clause["number"],
            text=clause["text"],
            translation=clause.get("translation", ""),
            illustrative=True,
            citations=[ILLUSTRATIVE],
        )
        for duty in clause.get("obligation", []):
            _obligation(
                actor, version, made, duty, citations_from(duty.get("sources", []), sources, where)
            )
    for change in spec.get("change", []):
        clause = version.clauses.get(number=change["number"])
        clauses.change_clause(
            actor=actor, clause=clause, text=change["text"], translation=change["translation"]
        )
    for added in spec.get("add", []):
        clauses.add_clause(
            actor=actor,
            version=version,
            number=added["number"],
            text=added["text"],
            translation=added.get("translation", ""),
            illustrative=True,
            citations=[ILLUSTRATIVE],
        )
    for duty in spec.get("obligation", []):
        clause = version.clauses.get(number=duty["clause"])
        _obligation(
            actor, version, clause, duty, citations_from(duty.get("sources", []), sources, where)
        )


def _obligation(actor, version, clause, duty, citations) -> None:
    obligations.add_obligation(
        actor=actor,
        version=version,
        clause=clause,
        debtor=duty["debtor"],
        kind=duty["kind"],
        title=duty["title"],
        citations=citations,
    )
