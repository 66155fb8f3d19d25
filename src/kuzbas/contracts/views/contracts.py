"""The contracts list, the parties, and a contract's page: its parties, versions, dated acts
with their signatories and sources, and its obligations."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kuzbas.contracts import access, selectors
from kuzbas.contracts.forms import SIGNATORY_ROWS, ActForm, ContractForm, PartyForm, RoleForm
from kuzbas.contracts.models.contracts import Contract, PartyRole
from kuzbas.contracts.models.parties import Party
from kuzbas.contracts.services import agreements, parties, versions
from kuzbas.contracts.views.posting import citations, status_of, written
from kuzbas.core.acting import act
from kuzbas.core.rights import Right, has_right, require


def _can_edit(request: HttpRequest) -> bool:
    return has_right(request.user, Right.CONTRACTS_EDIT)


def _party_keys():
    return Party.objects.order_by("key").values_list("key", "name")


@require_http_methods(["GET", "POST"])
def contract_list(request: HttpRequest) -> HttpResponse:
    """The contracts, and a form to make one."""
    require(request.user, Right.CONTRACTS_VIEW)
    can_edit = _can_edit(request)
    form = ContractForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        require(request.user, Right.CONTRACTS_EDIT)

        def create(data):
            enterprise = access.party_named(request.user, data["enterprise"], field="enterprise")
            other = access.party_named(request.user, data["counterparty"], field="counterparty")
            return agreements.create_contract(
                actor=request.user,
                key=data["key"],
                title=data["title"],
                title_original=data["title_original"],
                subject=data["subject"],
                language=data["language"],
                translation_language=data["translation_language"],
                parties=[(enterprise, PartyRole.ENTERPRISE), (other, PartyRole.COUNTERPARTY)],
                citations=citations(form),
            )

        if written(request, form, create, _("The contract was made; write its clauses.")):
            return redirect("contracts:version", form.cleaned_data["key"], 1)
    return render(
        request,
        "contracts/list.html",
        {
            "contracts": selectors.contracts(),
            "form": form,
            "can_edit": can_edit,
            "party_keys": _party_keys() if can_edit else [],
        },
        status=status_of(form),
    )


@require_http_methods(["GET", "POST"])
def party_list(request: HttpRequest) -> HttpResponse:
    """The parties, and a form to add one."""
    require(request.user, Right.CONTRACTS_VIEW)
    can_edit = _can_edit(request)
    form = PartyForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        require(request.user, Right.CONTRACTS_EDIT)

        def add(data):
            fields = {k: v for k, v in data.items() if k not in ("source", "locator")}
            parties.add_party(actor=request.user, citations=citations(form), **fields)

        if written(request, form, add, _("The party was added.")):
            return redirect("contracts:parties")
    return render(
        request,
        "contracts/parties.html",
        {"parties": Party.objects.order_by("name"), "form": form, "can_edit": can_edit},
        status=status_of(form),
    )


def contract_page(
    request: HttpRequest,
    contract: Contract,
    *,
    act_form: ActForm | None = None,
    role_form: RoleForm | None = None,
) -> HttpResponse:
    can_edit = _can_edit(request)
    if can_edit:
        act_form = act_form or ActForm()
        role_form = role_form or RoleForm()
    return render(
        request,
        "contracts/contract.html",
        {
            "contract": contract,
            "roles": contract.parties.select_related("party"),
            "versions": selectors.versions_of(contract),
            "acts": selectors.acts_of(contract),
            "obligations": selectors.obligations_of(contract),
            "in_force": versions.in_force(contract),
            "can_edit": can_edit,
            "act_form": act_form,
            "role_form": role_form,
            "signatory_rows": range(1, SIGNATORY_ROWS + 1),
            "party_keys": _party_keys() if can_edit else [],
        },
        status=status_of(act_form, role_form),
    )


def contract_detail(request: HttpRequest, key: str) -> HttpResponse:
    return contract_page(request, access.contract_for_user(request.user, key))


@require_POST
def record_act(request: HttpRequest, key: str) -> HttpResponse:
    require(request.user, Right.CONTRACTS_EDIT)
    contract = access.contract_for_user(request.user, key)
    form = ActForm(request.POST)

    def record(data):
        date, precision = data["date"]
        signatories = []
        for n in range(1, SIGNATORY_ROWS + 1):
            name = data.get(f"signatory_{n}", "").strip()
            if not name:
                continue
            party_key = data.get(f"signatory_{n}_party", "").strip()
            signatories.append(
                {
                    "name": name,
                    "position": data.get(f"signatory_{n}_position", ""),
                    "party": access.party_named(
                        request.user, party_key, field=f"signatory_{n}_party"
                    )
                    if party_key
                    else None,
                }
            )
        by = access.party_named(request.user, data["by"], field="by") if data["by"] else None
        agreements.record_act(
            actor=request.user,
            contract=contract,
            kind=data["kind"],
            date=date,
            precision=precision,
            title=data["title"],
            description=data["description"],
            place=data["place"],
            by=by,
            signatories=signatories,
            citations=citations(form),
        )

    if written(request, form, record, _("The act was recorded.")):
        return redirect("contracts:contract", contract.key)
    return contract_page(request, contract, act_form=form)


@require_POST
def add_role(request: HttpRequest, key: str) -> HttpResponse:
    require(request.user, Right.CONTRACTS_EDIT)
    contract = access.contract_for_user(request.user, key)
    form = RoleForm(request.POST)

    def add(data):
        agreements.add_party_to_contract(
            actor=request.user,
            contract=contract,
            party=access.party_named(request.user, data["party"]),
            role=data["role"],
            named_as=data["named_as"],
        )

    if written(request, form, add, _("The party was added to the contract.")):
        return redirect("contracts:contract", contract.key)
    return contract_page(request, contract, role_form=form)


@require_POST
def new_version(request: HttpRequest, key: str) -> HttpResponse:
    """Start an amendment: a draft copy of the version in force."""
    require(request.user, Right.CONTRACTS_EDIT)
    contract = access.contract_for_user(request.user, key)
    made = {}

    def start():
        made["version"] = versions.new_version(
            actor=request.user,
            contract=contract,
            title=request.POST.get("title", ""),
            summary=request.POST.get("summary", ""),
        )

    response = act(request, start, back=reverse("contracts:contract", args=[contract.key]))
    if "version" in made:
        return redirect("contracts:version", contract.key, made["version"].number)
    return response
