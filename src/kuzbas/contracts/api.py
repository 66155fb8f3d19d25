"""The contracts API: parties, contracts with their acts, versions with their clauses and the
diff, submitting a version, obligations and what is due. Mounted at /api/contracts/."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from ninja import Router, Status

from kuzbas.contracts import access, diff, selectors
from kuzbas.contracts.models.parties import Party
from kuzbas.contracts.schemas import (
    ActIn,
    ActOut,
    ClauseIn,
    ClauseOut,
    ClausePatch,
    ContractDetailOut,
    ContractIn,
    ContractOut,
    ContractVersionOut,
    DiffOut,
    DueOut,
    NewVersionIn,
    ObligationIn,
    ObligationOut,
    PartyIn,
    PartyOut,
    RemindersOut,
    RoleIn,
    RoleOut,
    SectionIn,
    StatusIn,
    act_out,
    clause_out,
    obligation_out,
    party_out,
    version_summary,
)
from kuzbas.contracts.services import (
    agreements,
    clauses,
    obligations,
    parties,
    reminders,
    versions,
)
from kuzbas.core.clock import colony_today
from kuzbas.core.errors import Invalid, Problem
from kuzbas.core.rights import Right, require
from kuzbas.production.access import product_named, unit_for_user
from kuzbas.record.access import source_named
from kuzbas.record.api import citations_out

router = Router(tags=["contracts"])


def _citations(specs) -> list[dict]:
    return [
        {"source": source_named(c.source, field=f"citations.{n}.source"), "locator": c.locator}
        for n, c in enumerate(specs)
    ]


def _contract_out(contract, *, detail: bool = False) -> dict:
    out = {
        "key": contract.key,
        "title": contract.title,
        "title_original": contract.title_original,
        "status": contract.status,
        "in_force_from": contract.in_force_from,
        "in_force_until": contract.in_force_until,
        "parties": [
            {"party": r.party.key, "role": r.role, "named_as": r.named_as}
            for r in contract.parties.all()
        ],
        "versions": [version_summary(v) for v in selectors.versions_of(contract)],
    }
    if detail:
        out.update(
            subject=contract.subject,
            acts=[act_out(a) for a in selectors.acts_of(contract)],
            obligations=[obligation_out(o) for o in selectors.obligations_of(contract)],
            citations=citations_out(contract),
        )
    return out


@router.get("/parties", response=list[PartyOut], summary="The parties to contracts")
def list_parties(request: HttpRequest):
    require(request.user, Right.CONTRACTS_VIEW)
    return [party_out(p) for p in Party.objects.order_by("name")]


@router.post("/parties", response={201: PartyOut}, summary="Add a party")
def add_party(request: HttpRequest, payload: PartyIn):
    require(request.user, Right.CONTRACTS_EDIT)
    data = payload.dict(exclude={"citations"})
    party = parties.add_party(actor=request.user, citations=_citations(payload.citations), **data)
    return Status(201, party_out(party))


@router.get(
    "/due",
    response=DueOut,
    summary="Open obligations: overdue, due soon, later, undated",
    description="Targets are rechecked against the production figures first.",
)
def due(request: HttpRequest, debtor: str = ""):
    require(request.user, Right.CONTRACTS_VIEW)
    grouped = selectors.due(colony_today(), debtor=debtor)
    return {
        "today": grouped.today,
        "overdue": [obligation_out(o) for o in grouped.overdue],
        "soon": [obligation_out(o) for o in grouped.soon],
        "later": [obligation_out(o) for o in grouped.later],
        "undated": [obligation_out(o) for o in grouped.undated],
    }


@router.post(
    "/reminders",
    response=RemindersOut,
    summary="Queue the e-mail reminders of what falls due",
    description="Each obligation overdue or due soon is mailed once for its due date.",
)
def send_reminders(request: HttpRequest):
    made = reminders.send_reminders(
        actor=request.user,
        site_url=request.build_absolute_uri("/"),
        language=translation.get_language() or "",
    )
    return {"queued": len(made)}


@router.get("/obligations/{pk}", response=ObligationOut, summary="One obligation")
def get_obligation(request: HttpRequest, pk: int):
    obligation = access.obligation_for_user(request.user, pk)
    selectors.obligations_of(obligation.contract)
    return obligation_out(access.obligation_for_user(request.user, pk))


@router.post(
    "/obligations/{pk}/status",
    response=ObligationOut,
    summary="Record an obligation's status by hand, with its proof",
)
def record_status(request: HttpRequest, pk: int, payload: StatusIn):
    require(request.user, Right.CONTRACTS_EDIT)
    obligation = access.obligation_for_user(request.user, pk)
    obligations.record_status(
        actor=request.user,
        obligation=obligation,
        status=payload.status,
        proof=payload.proof,
        on=payload.on,
        citations=_citations(payload.citations),
    )
    return obligation_out(access.obligation_for_user(request.user, pk))


@router.get("/", response=list[ContractOut], summary="The contracts")
def list_contracts(request: HttpRequest):
    require(request.user, Right.CONTRACTS_VIEW)
    return [_contract_out(c) for c in selectors.contracts()]


@router.post("/", response={201: ContractDetailOut}, summary="Make a contract (version 1 a draft)")
def create_contract(request: HttpRequest, payload: ContractIn):
    require(request.user, Right.CONTRACTS_EDIT)
    roles = [
        (access.party_named(request.user, r.party, field=f"parties.{n}.party"), r.role)
        for n, r in enumerate(payload.parties)
    ]
    contract = agreements.create_contract(
        actor=request.user,
        parties=roles,
        citations=_citations(payload.citations),
        **payload.dict(exclude={"parties", "citations"}),
    )
    return Status(201, _contract_out(contract, detail=True))


@router.get("/{key}", response=ContractDetailOut, summary="A contract with its acts")
def get_contract(request: HttpRequest, key: str):
    return _contract_out(access.contract_for_user(request.user, key), detail=True)


@router.post("/{key}/parties", response={201: RoleOut}, summary="Add a party in a role")
def add_role(request: HttpRequest, key: str, payload: RoleIn):
    require(request.user, Right.CONTRACTS_EDIT)
    contract = access.contract_for_user(request.user, key)
    link = agreements.add_party_to_contract(
        actor=request.user,
        contract=contract,
        party=access.party_named(request.user, payload.party),
        role=payload.role,
        named_as=payload.named_as,
    )
    return Status(201, {"party": link.party.key, "role": link.role, "named_as": link.named_as})


@router.post("/{key}/acts", response={201: ActOut}, summary="Record a dated act")
def record_act(request: HttpRequest, key: str, payload: ActIn):
    require(request.user, Right.CONTRACTS_EDIT)
    contract = access.contract_for_user(request.user, key)
    version = (
        access.version_for_user(request.user, key, payload.version) if payload.version else None
    )
    signatories = [
        {
            "name": s.name,
            "position": s.position,
            "party": access.party_named(request.user, s.party, field=f"signatories.{n}.party")
            if s.party
            else None,
        }
        for n, s in enumerate(payload.signatories)
    ]
    act = agreements.record_act(
        actor=request.user,
        contract=contract,
        kind=payload.kind,
        date=payload.date,
        precision=payload.precision,
        version=version,
        title=payload.title,
        description=payload.description,
        place=payload.place,
        by=access.party_named(request.user, payload.by, field="by") if payload.by else None,
        signatories=signatories,
        citations=_citations(payload.citations),
    )
    return Status(201, act_out(act))


def _version_out(version) -> dict:
    rows = version.clauses.select_related("section", "carried_from").order_by("order")
    return {
        **version_summary(version),
        "contract": version.contract.key,
        "summary": version.summary,
        "clauses": [clause_out(c) for c in rows],
    }


@router.post(
    "/{key}/versions",
    response={201: ContractVersionOut},
    summary="Amend: a new draft version copied from the one in force",
)
def new_version(request: HttpRequest, key: str, payload: NewVersionIn):
    require(request.user, Right.CONTRACTS_EDIT)
    contract = access.contract_for_user(request.user, key)
    version = versions.new_version(actor=request.user, contract=contract, **payload.dict())
    return Status(201, _version_out(access.version_for_user(request.user, key, version.number)))


@router.get("/{key}/versions/{number}", response=ContractVersionOut, summary="A version's clauses")
def get_version(request: HttpRequest, key: str, number: int):
    return _version_out(access.version_for_user(request.user, key, number))


@router.get(
    "/{key}/versions/{number}/diff",
    response=DiffOut,
    summary="Clause by clause against the version it replaces",
)
def version_diff(request: HttpRequest, key: str, number: int):
    version = access.version_for_user(request.user, key, number)
    compared = diff.compare(version)
    return {
        "contract": key,
        "version": version.number,
        "replaces": compared.old.number if compared.old else None,
        "added": compared.added,
        "changed": compared.changed,
        "removed": compared.removed,
        "changes": [
            {
                "kind": c.kind,
                "number": c.number,
                "old_number": c.old.number if c.old else None,
                "old_text": c.old.text if c.old else None,
                "new_text": c.new.text if c.new else None,
                "words": [{"op": p.op, "text": p.text} for p in c.words],
            }
            for c in compared.changes
        ],
    }


@router.post("/{key}/versions/{number}/sections", response={201: dict}, summary="Add a section")
def add_section(request: HttpRequest, key: str, number: int, payload: SectionIn):
    require(request.user, Right.CONTRACTS_EDIT)
    version = access.version_for_user(request.user, key, number)
    section = clauses.add_section(actor=request.user, version=version, **payload.dict())
    return Status(201, {"number": section.number, "order": section.order})


def _section(version, number: str):
    if not number:
        return None
    found = version.sections.filter(number=number).first()
    if found is None:
        raise Invalid(problems=[Problem(f"no section {number}", field="section")])
    return found


@router.post("/{key}/versions/{number}/clauses", response={201: ClauseOut}, summary="Add a clause")
def add_clause(request: HttpRequest, key: str, number: int, payload: ClauseIn):
    require(request.user, Right.CONTRACTS_EDIT)
    version = access.version_for_user(request.user, key, number)
    data = payload.dict()
    data["section"] = _section(version, data["section"])
    clause = clauses.add_clause(actor=request.user, version=version, **data)
    return Status(201, clause_out(clause))


@router.patch(
    "/{key}/versions/{number}/clauses/{clause}", response=ClauseOut, summary="Change a clause"
)
def change_clause(request: HttpRequest, key: str, number: int, clause: str, payload: ClausePatch):
    require(request.user, Right.CONTRACTS_EDIT)
    version = access.version_for_user(request.user, key, number)
    found = access.clause_named(version, clause)
    changed = clauses.change_clause(
        actor=request.user, clause=found, **payload.dict(exclude_unset=True)
    )
    return clause_out(changed)


@router.delete(
    "/{key}/versions/{number}/clauses/{clause}", response={204: None}, summary="Remove a clause"
)
def remove_clause(request: HttpRequest, key: str, number: int, clause: str):
    require(request.user, Right.CONTRACTS_EDIT)
    version = access.version_for_user(request.user, key, number)
    clauses.remove_clause(actor=request.user, clause=access.clause_named(version, clause))
    return Status(204, None)


@router.post(
    "/{key}/versions/{number}/submit",
    response=ContractVersionOut,
    summary="Submit to the competent body (a motion), or bring into force where none decides",
)
def submit(request: HttpRequest, key: str, number: int):
    require(request.user, Right.CONTRACTS_EDIT)
    version = access.version_for_user(request.user, key, number)
    versions.submit(actor=request.user, version=version)
    return _version_out(access.version_for_user(request.user, key, number))


@router.post(
    "/{key}/versions/{number}/obligations",
    response={201: ObligationOut},
    summary="Record an obligation under a clause",
)
def add_obligation(request: HttpRequest, key: str, number: int, payload: ObligationIn):
    require(request.user, Right.CONTRACTS_EDIT)
    version = access.version_for_user(request.user, key, number)
    data = payload.dict(exclude={"citations"})
    obligation = obligations.add_obligation(
        actor=request.user,
        version=version,
        clause=access.clause_named(version, data.pop("clause")),
        party=access.party_named(request.user, data.pop("party")) if payload.party else None,
        product=product_named(request.user, data.pop("product")) if payload.product else None,
        unit=unit_for_user(request.user, data.pop("unit")) if payload.unit else None,
        citations=_citations(payload.citations),
        **{k: v for k, v in data.items() if k not in ("party", "product", "unit")},
    )
    return Status(201, obligation_out(access.obligation_for_user(request.user, obligation.pk)))
